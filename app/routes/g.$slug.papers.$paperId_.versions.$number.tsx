import type { LoaderFunctionArgs } from "@remix-run/node";
import { localizePaper } from "~/modules/papers/paper-titles";
import { resolveLocale } from "~/http/locale.server";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePaperAccess } from "~/http/access.server";
import { notFound } from "~/http/responses.server";
import { getVersion } from "~/modules/papers/versions.server";
import { frozenSections } from "~/modules/translations/translations.server";
import { FrozenText } from "~/components/FrozenText";
import { useT } from "~/i18n/use-t";
import { formatTime } from "~/modules/time/format-time";
import { useViewer } from "~/components/use-viewer";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // The paper is read beside the session and the membership (answered once the membership is confirmed).
  const { group, user, paper: stored } = await requirePaperAccess(request, params);
  // Its title and section titles in the reader's language.
  const paper = localizePaper(stored, await resolveLocale(request, user));
  const number = z.coerce.number().int().positive().safeParse(params.number);
  if (!number.success) throw notFound();
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
  const viewer = useViewer();
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
        <strong>
          {version.reason === "VOTE_OPENED"
            ? tr("versions.voteOpenedLabel", { date: formatTime(version.createdAt, viewer) })
            : version.label}
        </strong>{" "}
        · {tr("versions.by", { name: version.by, date: formatTime(version.createdAt, viewer) })} ·{" "}
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
