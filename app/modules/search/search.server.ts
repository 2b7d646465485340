import { Prisma } from "@prisma/client";
import { db } from "~/db.server";
import type { PaperStatus } from "~/modules/policy/policy";
import { groupText, readerTitle, shownText } from "~/modules/translations/bilingual-text";
import type { PaperLanguage } from "~/modules/translations/translation";
import type { SearchParams } from "./search-params.schema";
import { PAGE_SIZE, parseSearchQuery } from "./search-query";

// Full-text search inside one group. The caller has already checked membership (requireGroupAccess):
// every statement here is restricted to that group's id, so another group's text can never appear.

export interface SearchHit {
  kind: "title" | "section" | "comment";
  paperId: string;
  paperTitle: string;
  status: PaperStatus;
  originalLanguage: string;
  sectionKey: string | null;
  sectionTitle: string;
  language: string;
  threadId: string | null;
  commentId: string | null;
  author: string | null;
  /** ts_headline output: matched words between MARK_START and MARK_END (see snippetParts). */
  snippet: string;
  rank: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** More results after this page. */
  more: boolean;
  /** No word matched; these are the closest spellings' results. */
  approximate: boolean;
}

const HEADLINE =
  'StartSel=\u0002, StopSel=\u0003, MaxWords=28, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "';

type Row = SearchHit & { titleTranslation: string; sectionTitleEs: string | null };

function filters(params: SearchParams) {
  return {
    status: params.status ? Prisma.sql`AND p.status::text = ${params.status}` : Prisma.empty,
    section: params.section ? Prisma.sql`AND x."sectionKey" = ${params.section}` : Prisma.empty,
    language: params.language ? Prisma.sql`AND x.language IN (${params.language}, 'any')` : Prisma.empty,
  };
}

/**
 * The ranked page of results for `params.q` in the group; empty when the query has no words. A paper
 * is found by its title in either language and named in `locale` (where its title is written in it).
 */
export async function searchGroup(
  groupId: string,
  params: SearchParams,
  locale: PaperLanguage = "en",
): Promise<SearchResult> {
  const parsed = parseSearchQuery(params.q);
  if (!parsed) return { hits: [], more: false, approximate: false };
  const page = params.page ?? 1;
  const words = (text: string) =>
    Prisma.sql`(websearch_to_tsquery('acuerdo_english', ${text}) || websearch_to_tsquery('acuerdo_spanish', ${text}))`;
  // The whole query as typed, or the same with its last word taken as the start of a word.
  const prefix = parsed.prefix
    ? Prisma.sql`to_tsquery('acuerdo_simple', quote_literal(${parsed.prefix}) || ':*')`
    : null;
  const query = !prefix
    ? words(parsed.text)
    : parsed.rest
      ? Prisma.sql`(${words(parsed.text)} || (${words(parsed.rest)} && ${prefix}))`
      : Prisma.sql`(${words(parsed.text)} || ${prefix})`;
  const hits = await runSearch(groupId, params, query, page, locale);
  if (hits.length > 0 || parsed.words.length === 0 || page > 1)
    return { hits: hits.slice(0, PAGE_SIZE), more: hits.length > PAGE_SIZE, approximate: false };
  // Nothing matched: try the closest spelling of each word that the group's text contains (pg_trgm).
  const corrected = await closestWords(groupId, parsed.words);
  if (!corrected) return { hits: [], more: false, approximate: false };
  const retry = await runSearch(
    groupId,
    params,
    Prisma.sql`(websearch_to_tsquery('acuerdo_english', ${corrected}) || websearch_to_tsquery('acuerdo_spanish', ${corrected}))`,
    1,
    locale,
  );
  return { hits: retry.slice(0, PAGE_SIZE), more: retry.length > PAGE_SIZE, approximate: retry.length > 0 };
}

async function runSearch(
  groupId: string,
  params: SearchParams,
  query: Prisma.Sql,
  page: number,
  locale: PaperLanguage,
): Promise<SearchHit[]> {
  const f = filters(params);
  const wantPapers = params.kind !== "comment";
  const wantComments = params.kind !== "paper";
  const parts: Prisma.Sql[] = [];
  if (wantPapers && !params.section && !params.language) {
    parts.push(Prisma.sql`
      SELECT 'title' AS kind, p.id AS "paperId", NULL::text AS "sectionKey", '' AS "sectionTitle", 'any' AS language,
             NULL::text AS "threadId", NULL::text AS "commentId", NULL::text AS author,
             concat_ws(' · ', p.title, NULLIF(p."titleTranslation", '')) AS body,
             ts_rank(p."titleSearch", ${query}) * 4 AS rank
        FROM "Paper" p
       WHERE p."groupId" = ${groupId} AND p."titleSearch" @@ ${query} ${f.status}`);
  }
  if (wantPapers) {
    // A long section is indexed in parts (section-chunks.ts): it is found once, by its best part.
    parts.push(Prisma.sql`(
      SELECT DISTINCT ON (x."paperId", x."sectionKey", x.language)
             'section' AS kind, x."paperId", x."sectionKey", x."sectionTitle", x.language,
             NULL::text AS "threadId", NULL::text AS "commentId", NULL::text AS author, x.body,
             ts_rank(x.search, ${query}, 32) * 2 AS rank
        FROM "SearchEntry" x JOIN "Paper" p ON p.id = x."paperId"
       WHERE x."groupId" = ${groupId} AND p."groupId" = ${groupId} AND x.search @@ ${query}
             ${f.status} ${f.section} ${f.language}
       ORDER BY x."paperId", x."sectionKey", x.language, rank DESC)`);
  }
  if (wantComments && !params.language) {
    parts.push(Prisma.sql`
      SELECT 'comment' AS kind, t."paperId", t."sectionKey", '' AS "sectionTitle", 'any' AS language,
             t.id AS "threadId", c.id AS "commentId", NULL::text AS author, c.body,
             ts_rank(c.search, ${query}, 32) AS rank
        FROM "Comment" c JOIN "Thread" t ON t.id = c."threadId" JOIN "Paper" p ON p.id = t."paperId"
       WHERE p."groupId" = ${groupId} AND c."deletedAt" IS NULL
             AND c.search @@ ${query} ${f.status}
             ${params.section ? Prisma.sql`AND t."sectionKey" = ${params.section}` : Prisma.empty}`);
  }
  if (parts.length === 0) return [];
  const offset = (page - 1) * PAGE_SIZE;
  // The query is written out in each part, not read from a CTE, so the planner estimates how many rows
  // match (with a CTE it guesses a few and joins row by row). ts_rank, not ts_rank_cd: cover density
  // costs about four times as much per matching row, and a common word matches most of a group.
  // Headlines and authors are looked up only for the rows of this page.
  const rows = await db().$queryRaw<Row[]>`
    WITH q AS (SELECT ${query} AS query),
    ranked AS (${Prisma.join(parts, " UNION ALL ")}),
    page AS (SELECT * FROM ranked ORDER BY rank DESC, "paperId", "sectionKey" NULLS FIRST LIMIT ${PAGE_SIZE + 1} OFFSET ${offset})
    SELECT r.kind, r."paperId", p.title AS "paperTitle", p."titleTranslation", p.status::text AS status, p."originalLanguage", r."sectionKey",
           r."sectionTitle", ps."titleEs" AS "sectionTitleEs", r.language, r."threadId", r."commentId", u.name AS author, r.rank::float8 AS rank,
           ts_headline(
             (CASE r.language WHEN 'es' THEN 'acuerdo_spanish' ELSE 'acuerdo_english' END)::regconfig,
             r.body, q.query, ${HEADLINE}) AS snippet
      FROM page r JOIN "Paper" p ON p.id = r."paperId"
           LEFT JOIN "PaperSection" ps ON r.kind = 'section' AND ps."paperId" = r."paperId" AND ps.key = r."sectionKey"
           LEFT JOIN "Comment" c ON c.id = r."commentId" LEFT JOIN "User" u ON u.id = c."authorId", q
     ORDER BY r.rank DESC, r."paperId", r."sectionKey" NULLS FIRST`;
  return rows.map(({ titleTranslation, sectionTitleEs, ...row }) => ({
    ...row,
    sectionTitle: shownText(groupText(row.sectionTitle, sectionTitleEs ?? ""), locale).text,
    paperTitle: readerTitle(
      { title: row.paperTitle, titleTranslation, originalLanguage: row.originalLanguage },
      locale,
    ),
    rank: Number(row.rank),
  }));
}

/** Each word replaced by the most similar word in the group's text, or null when none is close. */
async function closestWords(groupId: string, words: string[]): Promise<string | null> {
  const found = await db().$transaction(async (tx) => {
    // % (similarity) uses the trigram index on the group's vocabulary; 0.4 lets one or two wrong letters through.
    await tx.$executeRaw`SET LOCAL pg_trgm.similarity_threshold = 0.4`;
    const out: string[] = [];
    for (const word of words.slice(0, 5)) {
      const rows = await tx.$queryRaw<{ word: string }[]>`
        SELECT w.word FROM "SearchWord" w
         WHERE w."groupId" = ${groupId} AND w.word % acuerdo_unaccent(lower(${word}))
         ORDER BY similarity(w.word, acuerdo_unaccent(lower(${word}))) DESC, w.word LIMIT 1`;
      out.push(rows[0]?.word ?? word);
    }
    return out;
  });
  return found.some((word, i) => word !== words[i]) ? found.join(" ") : null;
}

/** The section keys used by the group's papers, for the section filter, titled in `locale`. */
export async function listSectionKeys(
  groupId: string,
  locale: PaperLanguage = "en",
): Promise<{ key: string; title: string }[]> {
  const rows = await db().paperSection.findMany({
    where: { paper: { groupId } },
    distinct: ["key"],
    orderBy: [{ key: "asc" }],
    select: { key: true, title: true, titleEs: true },
  });
  return rows.map((row) => ({
    key: row.key,
    title: shownText(groupText(row.title, row.titleEs), locale).text,
  }));
}
