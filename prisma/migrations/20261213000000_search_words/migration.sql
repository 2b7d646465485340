-- The typo fallback's vocabulary (issue 21): each distinct word of a group's indexed section text, once,
-- with a trigram index. Looking up the closest spelling among a group's words takes a few index probes;
-- the previous trigram index over whole section texts had to recheck long texts word by word (seconds on
-- a large group when no word was close). Words are added when a paper's rows are written and only
-- removed by `npm run search:reindex`: a word that has left the text suggests a spelling whose search
-- finds nothing, never a wrong result.
CREATE TABLE "SearchWord" (
    "groupId" TEXT NOT NULL,
    "word" TEXT NOT NULL,

    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("groupId","word")
);

ALTER TABLE "SearchWord" ADD CONSTRAINT "SearchWord_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE INDEX "SearchWord_word_trgm_idx" ON "SearchWord" USING gin ("word" gin_trgm_ops);

INSERT INTO "SearchWord" ("groupId", "word")
SELECT DISTINCT e."groupId", w.word
  FROM "SearchEntry" e, regexp_split_to_table(e."folded", '[^[:alnum:]]+') AS w(word)
 WHERE length(w.word) BETWEEN 3 AND 40
ON CONFLICT DO NOTHING;

-- The whole-text trigram index served only the old fallback.
DROP INDEX IF EXISTS "SearchEntry_folded_trgm_idx";

-- The desk's recent activity starts from the papers a person commented on.
CREATE INDEX "Comment_authorId_idx" ON "Comment"("authorId");
