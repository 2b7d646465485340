-- Full-text search over paper titles, section text (both languages) and comments (issue 21).
-- Both extensions ship with PostgreSQL's contrib package and with PGlite (loaded in db-adapter.server.ts).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is STABLE (it reads a dictionary), so an index cannot use it. Naming the dictionary with
-- its schema makes the result depend on the argument alone, which is what IMMUTABLE promises.
-- Every name inside is schema-qualified: PostgreSQL 17 (PGlite 0.5) builds indexes with a search_path
-- of pg_catalog only, so an unqualified call inside a function would not be found there.
-- English and Spanish stemming with accents folded first: "migracion" finds "migración", and
-- ts_headline with the same configuration highlights the accented words in the original text.
CREATE TEXT SEARCH CONFIGURATION acuerdo_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION acuerdo_english
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION acuerdo_spanish (COPY = spanish);
ALTER TEXT SEARCH CONFIGURATION acuerdo_spanish
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
-- Prefixes ("migra" while typing): no stemming, accents folded.
CREATE TEXT SEARCH CONFIGURATION acuerdo_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION acuerdo_simple
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

DO $migration$
DECLARE
  ext_schema text;
  own_schema text := current_schema();
BEGIN
  SELECT n.nspname INTO ext_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname = 'unaccent';
  EXECUTE format(
    'CREATE OR REPLACE FUNCTION %I.acuerdo_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS %L',
    own_schema,
    format('SELECT %I.unaccent(%L::regdictionary, $1)', ext_schema, ext_schema || '.unaccent')
  );
  -- The document vector of a text in a language: English or Spanish stemming after folding accents (the
  -- acuerdo_* configurations below). Text whose language is unknown (titles, comments) gets both, so
  -- "migrantes" and "migrants" both find it.
  EXECUTE format(
    'CREATE OR REPLACE FUNCTION %I.acuerdo_search_vector(language text, body text) RETURNS tsvector '
    'LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
    own_schema,
    replace(
      $body$SELECT CASE language
        WHEN 'en' THEN to_tsvector('@.acuerdo_english'::regconfig, coalesce(body, ''))
        WHEN 'es' THEN to_tsvector('@.acuerdo_spanish'::regconfig, coalesce(body, ''))
        ELSE to_tsvector('@.acuerdo_english'::regconfig, coalesce(body, ''))
          || to_tsvector('@.acuerdo_spanish'::regconfig, coalesce(body, ''))
      END$body$,
      '@', quote_ident(own_schema)
    )
  );
END
$migration$;

-- One row per searchable text of a paper: its title (kind "title", language "any") and each section in
-- each language (kind "section"). Rebuilt per paper by app/modules/search/search-index.server.ts.
CREATE TABLE "SearchEntry" (
  "id"           BIGSERIAL PRIMARY KEY,
  "groupId"      TEXT NOT NULL REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "paperId"      TEXT NOT NULL REFERENCES "Paper"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "kind"         TEXT NOT NULL,
  "sectionKey"   TEXT,
  "sectionTitle" TEXT NOT NULL DEFAULT '',
  "language"     TEXT NOT NULL,
  "body"         TEXT NOT NULL,
  "indexedAt"    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "search"       tsvector GENERATED ALWAYS AS (acuerdo_search_vector("language", "body")) STORED,
  -- Lower-case, accents folded: what the typo fallback compares words with (pg_trgm).
  "folded"       TEXT GENERATED ALWAYS AS (acuerdo_unaccent(lower("body"))) STORED
);
CREATE INDEX "SearchEntry_paperId_idx" ON "SearchEntry" ("paperId");
CREATE INDEX "SearchEntry_groupId_idx" ON "SearchEntry" ("groupId");
CREATE INDEX "SearchEntry_search_idx" ON "SearchEntry" USING gin ("search");
-- Typos: word similarity against the folded text (a stored column: an index on the expression was not
-- used for the word-similarity operator, and folding every row at query time took ~1 ms a row).
CREATE INDEX "SearchEntry_folded_trgm_idx" ON "SearchEntry" USING gin ("folded" gin_trgm_ops);

-- Titles and comments are searched where they live (no copy to keep in step). Their vectors are stored
-- generated columns: computing one per row at query time cost ~0.8 ms a row (two stemmers, unaccent).
ALTER TABLE "Paper" ADD COLUMN "titleSearch" tsvector GENERATED ALWAYS AS (acuerdo_search_vector('any', "title")) STORED;
CREATE INDEX "Paper_titleSearch_idx" ON "Paper" USING gin ("titleSearch");
ALTER TABLE "Comment" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (acuerdo_search_vector('any', "body")) STORED;
CREATE INDEX "Comment_search_idx" ON "Comment" USING gin ("search");
