import type { LoaderFunctionArgs } from "@remix-run/node";
import { compareVersionsSchema } from "~/modules/papers/papers.schema";
import { localizePaper } from "~/modules/papers/paper-titles";
import { resolveLocale } from "~/http/locale.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePaperAccess } from "~/http/access.server";
import { notFound } from "~/http/responses.server";
import { compareVersions, listVersions, translationLanguageOf } from "~/modules/papers/versions.server";
import { translationFragmentName } from "~/modules/translations/translation";
import { useT } from "~/i18n/use-t";
import { formatTime } from "~/modules/time/format-time";
import { useViewer } from "~/components/use-viewer";
import { VersionDecisions } from "~/components/suggestions/VersionDecisions";
import { listSuggestionDecisions } from "~/modules/suggestions/decision-log.server";
import { decisionsByVersion } from "~/modules/suggestions/version-decisions";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // The paper is read beside the session and the membership (answered once the membership is confirmed).
  const { group, user, paper: stored } = await requirePaperAccess(request, params);
  // Its title and section titles in the reader's language.
  const paper = localizePaper(stored, await resolveLocale(request, user));
  const [versions, decisionLog] = await Promise.all([
    listVersions(paper.id),
    listSuggestionDecisions(group.id, paper.id),
  ]);
  // Each version records the suggestion decisions made since the one before it (issue 18).
  const decisions = decisionsByVersion(
    versions.map((v) => ({ number: v.number, createdAt: v.createdAt.toISOString() })),
    decisionLog,
  );
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const wanted = compareVersionsSchema.safeParse(search);
  const comparison = wanted.success
    ? await compareVersions(
        paper.id,
        wanted.data.a,
        wanted.data.b,
        paper.sections.map((s) => s.key),
        translationLanguageOf(paper.originalLanguage),
      )
    : null;
  if (wanted.success && !comparison) throw notFound();
  return {
    group: { slug: group.slug },
    paper: {
      id: paper.id,
      title: paper.title,
      sections: paper.sections,
      translation: translationLanguageOf(paper.originalLanguage),
    },
    versions: versions.map((v) => ({ ...v, decisions: decisions.byVersion.get(v.number) ?? [] })),
    decidedSinceLatest: decisions.sinceLatest,
    comparison,
  };
}

export default function Versions() {
  const { group, paper, versions, decidedSinceLatest, comparison } = useLoaderData<typeof loader>();
  const tr = useT();
  const viewer = useViewer();
  const base = `/g/${group.slug}/papers/${paper.id}`;
  const languageName = tr(`translation.language.${paper.translation}`);
  // Translated sections ("<key>:<lang>") follow the originals in a comparison of bilingual versions.
  const titles = new Map(
    paper.sections.flatMap((s) => [
      [s.key, s.title],
      [
        translationFragmentName(s.key, paper.translation),
        tr("translation.sectionTitle", { title: s.title, language: languageName }),
      ],
    ]),
  );
  return (
    <article>
      <p>
        <Link to={base}>{tr("versions.back")}</Link>
      </p>
      <h1>{tr("versions.of", { title: paper.title })}</h1>
      {versions.length === 0 ? <p className="muted">{tr("versions.none")}</p> : null}
      <VersionDecisions decisions={decidedSinceLatest} heading="versions.decisions.sinceLatest" />
      <ol reversed className="version-list">
        {versions.map((v) => (
          <li key={v.number}>
            <Link to={`${base}/versions/${v.number}`}>
              {tr("versions.number", { number: v.number })}:{" "}
              {/* The label stored for a vote's version is in UTC and English: say it on the viewer's clock. */}
              {v.reason === "VOTE_OPENED"
                ? tr("versions.voteOpenedLabel", { date: formatTime(v.createdAt, viewer) })
                : v.label}
            </Link>{" "}
            <span className="muted small">
              {tr("versions.by", {
                name: v.createdBy.name,
                date: formatTime(v.createdAt, viewer),
              })}{" "}
              · {tr(`versions.reason.${v.reason}`)}
            </span>
            <br />
            <span className="hash" title={tr("versions.hash")}>
              SHA-256 {v.textHash}
            </span>
            <VersionDecisions decisions={v.decisions} heading="versions.decisions.summary" />
          </li>
        ))}
      </ol>
      <section className="panel" aria-labelledby="compare-heading">
        <h2 id="compare-heading">{tr("versions.compare")}</h2>
        {versions.length < 2 ? (
          <p className="muted">{tr("versions.needTwo")}</p>
        ) : (
          <Form method="get" className="filters">
            <div className="field">
              <label htmlFor="compare-a">{tr("versions.compareFrom")}</label>
              <select id="compare-a" name="a" defaultValue={comparison?.before.number ?? versions[1].number}>
                {versions.map((v) => (
                  <option key={v.number} value={v.number}>
                    {tr("versions.number", { number: v.number })}:{" "}
                    {/* The label stored for a vote's version is in UTC and English: say it on the viewer's clock. */}
                    {v.reason === "VOTE_OPENED"
                      ? tr("versions.voteOpenedLabel", { date: formatTime(v.createdAt, viewer) })
                      : v.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="compare-b">{tr("versions.compareTo")}</label>
              <select id="compare-b" name="b" defaultValue={comparison?.after.number ?? versions[0].number}>
                {versions.map((v) => (
                  <option key={v.number} value={v.number}>
                    {tr("versions.number", { number: v.number })}:{" "}
                    {/* The label stored for a vote's version is in UTC and English: say it on the viewer's clock. */}
                    {v.reason === "VOTE_OPENED"
                      ? tr("versions.voteOpenedLabel", { date: formatTime(v.createdAt, viewer) })
                      : v.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{tr("versions.compareSubmit")}</button>
          </Form>
        )}
        {comparison ? (
          <div className="comparison">
            <h3>
              {tr("versions.compareTitle", { a: comparison.before.number, b: comparison.after.number })}
            </h3>
            {comparison.sections.map((section) => (
              <section key={section.key} aria-label={titles.get(section.key) ?? section.key}>
                <h4>{titles.get(section.key) ?? section.key}</h4>
                {section.changed ? (
                  <p className="canonical">
                    {section.parts.map((part, index) =>
                      part.kind === "added" ? (
                        <ins key={index} className="diff-added" title={tr("versions.added")}>
                          {part.text}
                        </ins>
                      ) : part.kind === "removed" ? (
                        <del key={index} className="diff-removed" title={tr("versions.removed")}>
                          {part.text}
                        </del>
                      ) : (
                        <span key={index}>{part.text}</span>
                      ),
                    )}
                  </p>
                ) : (
                  <p className="muted">{tr("versions.unchanged")}</p>
                )}
              </section>
            ))}
          </div>
        ) : null}
      </section>
    </article>
  );
}
