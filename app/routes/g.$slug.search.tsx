import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireGroupAccess } from "~/http/access.server";
import { readerGroup } from "~/modules/translations/bilingual-text";
import { resolveLocale } from "~/http/locale.server";
import { PAPER_STATUSES } from "~/modules/policy/policy";
import { PAPER_LANGUAGES } from "~/modules/translations/translation";
import { SEARCH_KINDS } from "~/modules/search/search-query";
import { searchParamsSchema } from "~/modules/search/search-params.schema";
import { listSectionKeys, searchGroup } from "~/modules/search/search.server";
import { hitHref } from "~/modules/search/search-links";
import { SearchSnippet } from "~/components/SearchSnippet";
import { useT } from "~/i18n/use-t";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, user } = await requireGroupAccess(request, params);
  const url = new URL(request.url);
  const search = searchParamsSchema.parse(Object.fromEntries(url.searchParams));
  const locale = await resolveLocale(request, user);
  const [result, sections] = await Promise.all([
    searchGroup(group.id, search, locale),
    listSectionKeys(group.id, locale),
  ]);
  return {
    group: readerGroup({ slug: group.slug, name: group.name, nameEs: group.nameEs }, locale),
    search,
    sections,
    approximate: result.approximate,
    more: result.more,
    hits: result.hits.map((hit) => ({
      kind: hit.kind,
      paperTitle: hit.paperTitle,
      status: hit.status,
      sectionTitle: hit.sectionTitle,
      language: hit.language,
      author: hit.author,
      snippet: hit.snippet,
      href: hitHref(group.slug, hit),
      key: `${hit.kind}:${hit.paperId}:${hit.sectionKey ?? ""}:${hit.language}:${hit.commentId ?? ""}`,
    })),
  };
}

export type SearchLoaderData = Awaited<ReturnType<typeof loader>>;

export function useHitMeta() {
  const tr = useT();
  return (hit: SearchLoaderData["hits"][number]) =>
    hit.kind === "title"
      ? tr("search.hit.title")
      : hit.kind === "comment"
        ? tr("search.hit.comment", { author: hit.author ?? "—" })
        : tr("search.hit.section", {
            section: hit.sectionTitle,
            language: tr(`translation.language.${hit.language as "en"}`),
          });
}

export default function Search() {
  const { group, search, sections, hits, approximate, more } = useLoaderData<typeof loader>();
  const tr = useT();
  const meta = useHitMeta();
  const page = search.page ?? 1;
  const pageLink = (to: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...search, page: to }))
      if (value !== undefined && value !== "") params.set(key, String(value));
    return `?${params.toString()}`;
  };
  return (
    <section className="search-page">
      <h1>{tr("search.title")}</h1>
      <p className="muted">{tr("search.in", { group: group.name })}</p>
      <Form method="get" className="search-form panel" role="search">
        <div className="field search-query">
          <label htmlFor="search-q">{tr("search.label")}</label>
          <input id="search-q" type="search" name="q" defaultValue={search.q} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="search-status">{tr("search.filterStatus")}</label>
          <select id="search-status" name="status" defaultValue={search.status ?? ""}>
            <option value="">{tr("search.any")}</option>
            {PAPER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tr(`paper.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-section">{tr("search.filterSection")}</label>
          <select id="search-section" name="section" defaultValue={search.section ?? ""}>
            <option value="">{tr("search.any")}</option>
            {sections.map((s) => (
              <option key={s.key} value={s.key}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-language">{tr("search.filterLanguage")}</label>
          <select id="search-language" name="language" defaultValue={search.language ?? ""}>
            <option value="">{tr("search.any")}</option>
            {PAPER_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {tr(`translation.language.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-kind">{tr("search.filterKind")}</label>
          <select id="search-kind" name="kind" defaultValue={search.kind ?? ""}>
            <option value="">{tr("search.any")}</option>
            {SEARCH_KINDS.map((k) => (
              <option key={k} value={k}>
                {tr(`search.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{tr("search.submit")}</button>
      </Form>
      <section aria-labelledby="search-results" className="panel">
        <h2 id="search-results">{tr("search.results")}</h2>
        {!search.q ? <p className="muted">{tr("search.empty")}</p> : null}
        {search.q && hits.length === 0 ? <p role="status">{tr("search.none", { q: search.q })}</p> : null}
        {approximate ? <p role="status">{tr("search.approximate")}</p> : null}
        {hits.length > 0 ? (
          <ol className="search-hits">
            {hits.map((hit) => (
              <li key={hit.key}>
                <h3 className="hit-title">
                  <Link to={hit.href}>{hit.paperTitle}</Link>
                </h3>
                <p className="hit-meta">
                  {meta(hit)} · {tr(`paper.status.${hit.status}`)}
                </p>
                <p className="hit-snippet">
                  <SearchSnippet snippet={hit.snippet} />
                </p>
              </li>
            ))}
          </ol>
        ) : null}
        <p>
          {page > 1 ? <Link to={pageLink(page - 1)}>{tr("search.previous")}</Link> : null}{" "}
          {more ? <Link to={pageLink(page + 1)}>{tr("search.more")}</Link> : null}
        </p>
      </section>
    </section>
  );
}
