-- A paper is found by its title in either language: the title in its original language and its
-- translation (issue 17) go into one search vector.
DROP INDEX IF EXISTS "Paper_titleSearch_idx";
ALTER TABLE "Paper" DROP COLUMN "titleSearch";
ALTER TABLE "Paper" ADD COLUMN "titleSearch" tsvector
  GENERATED ALWAYS AS (acuerdo_search_vector('any', "title" || ' ' || "titleTranslation")) STORED;
CREATE INDEX "Paper_titleSearch_idx" ON "Paper" USING gin ("titleSearch");
