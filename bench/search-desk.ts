// `npm run bench:search [-- --quick]`: search and My desk on a large group, on PGlite and (with
// TEST_DATABASE_URL or DATABASE_URL) PostgreSQL, side by side. Data is generated straight into the
// tables (search rows as the indexer writes them); each figure times the module call the page's loader
// makes (searchGroup, getDesk) in this process, so it is the database work of the page without HTTP.
// Full: 1,000 papers × 5 sections × 2 languages + 10,000 comments; desk: 20 groups, 200 open items.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../app/db.server";
import { applyMigrations } from "../app/migrate.server";
import { searchGroup } from "../app/modules/search/search.server";
import { searchParamsSchema } from "../app/modules/search/search-params.schema";
import { getDesk } from "../app/modules/desk/desk.server";
import { percentile } from "./stats";

const quick = process.argv.includes("--quick");
const SIZE = quick
  ? { papers: 100, comments: 1_000, groups: 5, items: 40, runs: 40 }
  : { papers: 1_000, comments: 10_000, groups: 20, items: 200, runs: 200 };
const TARGETS = { search: { pglite: 150, postgres: 50 }, desk: { pglite: 100, postgres: 100 } };

const EN =
  "migrants workers consular registration remittances protection labour mobility return reintegration skills certificates visas permits employers recruitment fees families border asylum health schools savings investment diaspora seasonal agriculture construction".split(
    " ",
  );
const ES =
  "migrantes trabajadores registro consular remesas protección movilidad laboral retorno reintegración habilidades certificados visas permisos empleadores contratación cuotas familias frontera asilo salud escuelas ahorro inversión diáspora temporada agricultura construcción migración".split(
    " ",
  );
const QUERIES = [
  "migración",
  "registro consular",
  "remittances",
  "workers abroad",
  "migra",
  "protección salud",
  '"labour mobility"',
  "certificados -visas",
];

/** Deterministic text: `n` words drawn from `words`, seeded by position (SQL, so both databases agree). */
const words = (list: string[], n: number, seed: string) =>
  `(SELECT string_agg((ARRAY[${list.map((w) => `'${w}'`).join(",")}])[1 + ((${seed} * 7919 + k * 104729) % ${list.length})], ' ') FROM generate_series(1, ${n}) k)`;

async function seed(database: Database): Promise<{ groupId: string; userId: string }> {
  const sql = `
    INSERT INTO "User" (id, email, name, "passwordHash") SELECT 'u' || i, 'u' || i || '@bench', 'Person ' || i, 'x' FROM generate_series(1, 40) i;
    INSERT INTO "Group" (id, slug, name) SELECT 'g' || i, 'g' || i, 'Group ' || i FROM generate_series(1, ${SIZE.groups}) i;
    INSERT INTO "Delegation" (id, "groupId", code, name) SELECT 'd' || g || '-' || c, 'g' || g, 'C' || c, 'Country ' || c FROM generate_series(1, ${SIZE.groups}) g, generate_series(1, 5) c;
    INSERT INTO "Membership" (id, "groupId", "userId", role, "delegationId")
      SELECT 'm' || g || '-' || u, 'g' || g, 'u' || u, (CASE WHEN u = 1 THEN 'MEMBER' ELSE 'MEMBER' END)::"Role", 'd' || g || '-' || (1 + u % 5)
        FROM generate_series(1, ${SIZE.groups}) g, generate_series(1, 40) u;
    INSERT INTO "Paper" (id, "groupId", title, "leadDelegationId", status, "originalLanguage", "createdById", "updatedAt")
      SELECT 'p' || i, 'g1', 'Paper ' || i || ' on ' || ${words(EN, 3, "i")}, 'd1-' || (1 + i % 5),
             (ARRAY['DRAFT','REVIEW','VOTING','ADOPTED'])[1 + i % 4]::"PaperStatus", 'en', 'u' || (1 + i % 40), now()
        FROM generate_series(1, ${SIZE.papers}) i;
    INSERT INTO "PaperSection" (id, "paperId", key, title, position)
      SELECT 's' || i || '-' || s, 'p' || i, (ARRAY['finding','recommendation','evidence','actions','implementation'])[s], 'Section ' || s, s
        FROM generate_series(1, ${SIZE.papers}) i, generate_series(1, 5) s;
    INSERT INTO "SearchEntry" ("groupId", "paperId", kind, "sectionKey", "sectionTitle", language, body)
      SELECT 'g1', 'p' || i, 'section', (ARRAY['finding','recommendation','evidence','actions','implementation'])[s], 'Section ' || s, l,
             CASE WHEN l = 'en' THEN ${words(EN, 120, "(i * 10 + s)")} ELSE ${words(ES, 120, "(i * 10 + s)")} END
        FROM generate_series(1, ${SIZE.papers}) i, generate_series(1, 5) s, (VALUES ('en'), ('es')) v(l);
    INSERT INTO "Thread" (id, "paperId", "sectionKey", "authorId")
      SELECT 't' || i, 'p' || i, 'finding', 'u' || (1 + i % 40) FROM generate_series(1, ${SIZE.papers}) i;
    INSERT INTO "Comment" (id, "threadId", "authorId", body)
      SELECT 'c' || j, 't' || (1 + j % ${SIZE.papers}), 'u' || (1 + j % 40), ${words(ES, 25, "j")} || ' ' || ${words(EN, 25, "j")}
        FROM generate_series(1, ${SIZE.comments}) j;
    -- The desk of u1: open votes without a stance, unread mentions, own threads with replies, in every group.
    INSERT INTO "Paper" (id, "groupId", title, "leadDelegationId", status, "createdById", "updatedAt")
      SELECT 'dp' || i, 'g' || (1 + i % ${SIZE.groups}), 'Desk paper ' || i, 'd' || (1 + i % ${SIZE.groups}) || '-2', 'VOTING', 'u2', now()
        FROM generate_series(1, ${SIZE.items}) i;
    INSERT INTO "Version" (id, "paperId", number, label, state, "canonicalText", "textHash", "createdById")
      SELECT 'v' || i, 'dp' || i, 1, 'v', '\\x00'::bytea, '', 'h', 'u2' FROM generate_series(1, ${SIZE.items / 4}) i;
    INSERT INTO "Vote" (id, "paperId", "versionId", "textHash", deadline, "openedById")
      SELECT 'vote' || i, 'dp' || i, 'v' || i, 'h', now() + (i || ' hours')::interval, 'u2' FROM generate_series(1, ${SIZE.items / 4}) i;
    INSERT INTO "EligibleVoter" ("voteId", "userId", "delegationId", name, role)
      SELECT 'vote' || i, 'u' || u, 'd' || (1 + i % ${SIZE.groups}) || '-' || (1 + u % 5), 'Person', 'MEMBER'
        FROM generate_series(1, ${SIZE.items / 4}) i, generate_series(1, 40) u;
    INSERT INTO "Thread" (id, "paperId", "sectionKey", "authorId", quote)
      SELECT 'dt' || i, 'dp' || i, 'finding', 'u1', 'quoted words' FROM generate_series(1, ${SIZE.items / 4}) i;
    INSERT INTO "Comment" (id, "threadId", "authorId", body, "createdAt")
      SELECT 'dc' || i || '-' || k, 'dt' || i, CASE WHEN k = 1 THEN 'u1' ELSE 'u3' END, 'Reply ' || k, now() - ((10 - k) || ' minutes')::interval
        FROM generate_series(1, ${SIZE.items / 4}) i, generate_series(1, 3) k;
    INSERT INTO "Notification" (id, "userId", "groupId", kind, "paperId", "threadId", "commentId", "actorId")
      SELECT 'n' || i, 'u1', 'g' || (1 + i % ${SIZE.groups}), 'MENTION', 'dp' || (1 + i % ${SIZE.items / 4}), 'dt' || (1 + i % ${SIZE.items / 4}), 'dc' || (1 + i % ${SIZE.items / 4}) || '-2', 'u3'
        FROM generate_series(1, ${SIZE.items / 2}) i;
    ANALYZE;`;
  await database.raw.exec(sql);
  return { groupId: "g1", userId: "u1" };
}

async function time(
  runs: number,
  fn: (i: number) => Promise<unknown>,
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < Math.min(5, runs); i++) await fn(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

interface Row {
  database: "pglite" | "postgres";
  search: { p50: number; p95: number };
  desk: { p50: number; p95: number };
  hits: number;
  deskItems: number;
}

async function measure(
  kind: "pglite" | "postgres",
  config: { DATABASE_URL?: string; DATA_DIR?: string },
): Promise<Row> {
  const database = await openDatabase(config);
  try {
    await applyMigrations(database.raw);
    const started = performance.now();
    const { groupId, userId } = await seed(database);
    console.error(`[${kind}] data generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    let hits = 0;
    if (process.env.BENCH_PER_QUERY)
      for (const q of QUERIES) {
        const t = await time(10, async () => {
          await searchGroup(groupId, searchParamsSchema.parse({ q }));
        });
        console.error(`[${kind}] ${q}: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`);
      }
    const search = await time(SIZE.runs, async (i) => {
      const result = await searchGroup(groupId, searchParamsSchema.parse({ q: QUERIES[i % QUERIES.length] }));
      hits += result.hits.length;
    });
    let deskItems = 0;
    const desk = await time(SIZE.runs, async () => {
      const d = await getDesk(userId, "en");
      deskItems =
        d.decisions.length + d.messages.length + d.threads.length + d.papers.length + d.activity.length;
    });
    return {
      database: kind,
      search,
      desk,
      hits: Math.round(hits / (SIZE.runs + Math.min(5, SIZE.runs))),
      deskItems,
    };
  } finally {
    await database.close();
  }
}

const rows: Row[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), "acuerdo-bench-search-"));
try {
  if (!process.env.BENCH_SKIP_PGLITE) rows.push(await measure("pglite", { DATA_DIR: dir }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (base) {
  const name = `acuerdo_t_bench_search_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    rows.push(await measure("postgres", { DATABASE_URL: url.toString() }));
  } finally {
    if (process.env.BENCH_KEEP_DATABASE) console.error(`kept ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const label = (db: Row["database"]) => (db === "pglite" ? "PGlite" : "PostgreSQL");
console.log(
  `\nSearch and desk (${quick ? "quick: " : ""}${SIZE.papers} papers × 5 sections × 2 languages + ${SIZE.comments} comments; desk: ${SIZE.groups} groups, ${SIZE.items} open items; ${SIZE.runs} runs)\n`,
);
console.log("| Workload | Database | p50 | p95 | Target p95 | Met |");
console.log("|---|---|---|---|---|---|");
for (const row of rows) {
  const s = TARGETS.search[row.database];
  const d = TARGETS.desk[row.database];
  console.log(
    `| Search (${row.hits} hits/query avg) | ${label(row.database)} | ${ms(row.search.p50)} | ${ms(row.search.p95)} | ≤ ${s} ms | ${row.search.p95 <= s ? "yes" : "no"} |`,
  );
  console.log(
    `| Desk (${row.deskItems} items shown) | ${label(row.database)} | ${ms(row.desk.p50)} | ${ms(row.desk.p95)} | ≤ ${d} ms | ${row.desk.p95 <= d ? "yes" : "no"} |`,
  );
}
