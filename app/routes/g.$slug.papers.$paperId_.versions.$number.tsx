import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireGroupAccess } from "~/modules/groups/access.server";
import { notFound } from "~/modules/groups/memberships.server";
import { getPaper } from "~/modules/papers/papers.server";
import { getVersion } from "~/modules/papers/versions.server";
import { frozenSections } from "~/modules/translations/translations.server";
import { FrozenText } from "~/components/FrozenText";
import { useLocale, useT } from "~/i18n/use-t";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireGroupAccess(request, params);
  const paper = await getPaper(group.id, params.paperId ?? "");
  const number = z.coerce.number().int().positive().safeParse(params.number);
  if (!paper || !number.success) throw notFound();
  const version = await getVersion(paper.id, number.data);
  if (!version) throw notFound();
  const frozen = frozenSections(version.state, paper.sections, paper.originalLanguage);
  return {
    group: { slug: group.slug },
    paper: { id: paper.id, title: paper.title },
    version: {
      number: version.number,
      label: version.label,
      textHash: version.textHash,
      createdAt: version.createdAt,
      by: version.createdBy.name,
      reason: version.reason,
    },
    frozen,
  };
}

export default function VersionView() {
  const { group, paper, version, frozen } = useLoaderData<typeof loader>();
  const tr = useT();
  const locale = useLocale();
  const base = `/g/${group.slug}/papers/${paper.id}`;
  return (
    <article>
      <p>
        <Link to={`${base}/versions`}>{tr("versions.allVersions")}</Link> ·{" "}
        <Link to={base}>{tr("versions.back")}</Link>
      </p>
      <h1>
        {paper.title} — {tr("versions.number", { number: version.number })}
      </h1>
      <p>
        <strong>{version.label}</strong> ·{" "}
        {tr("versions.by", { name: version.by, date: new Date(version.createdAt).toLocaleString(locale) })} ·{" "}
        {tr(`versions.reason.${version.reason}`)}
      </p>
      <p className="hash">
        {tr("versions.hash")}: {version.textHash}
      </p>
      <p className="notice">{tr("versions.readOnly")}</p>
      <div className="panel">
        <FrozenText
          sections={frozen.sections}
          carried={frozen.carried}
          language={frozen.language}
          idPrefix="v"
          headingLevel={2}
        />
      </div>
    </article>
  );
}
