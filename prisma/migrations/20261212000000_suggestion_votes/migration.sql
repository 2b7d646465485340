-- "Ask the group" (issue 18): a vote can be a silence procedure on one pending suggestion of a paper
-- instead of a vote on the paper. Such a vote is bound to the change (its hash), not to a version.

-- AlterTable
ALTER TABLE "Vote" ALTER COLUMN "versionId" DROP NOT NULL;
ALTER TABLE "Vote" ADD COLUMN     "suggestionId" TEXT,
ADD COLUMN     "suggestionSectionKey" TEXT,
ADD COLUMN     "suggestionChange" JSONB,
ADD COLUMN     "note" TEXT,
ADD COLUMN     "suggestionSettledAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Vote_paperId_suggestionId_idx" ON "Vote"("paperId", "suggestionId");

-- One silence procedure at a time on a suggestion, even when two people ask at the same moment.
CREATE UNIQUE INDEX "Vote_one_open_per_suggestion" ON "Vote"("paperId", "suggestionId")
  WHERE status = 'OPEN' AND "suggestionId" IS NOT NULL;

-- The new fields are part of the vote record: fixed when the vote opens, like the others. The one
-- change a closed vote still takes is the mark that its decision reached the paper's text (once).
CREATE OR REPLACE FUNCTION acuerdo_check_vote_update() RETURNS trigger AS $$
BEGIN
  IF OLD.status <> 'OPEN' THEN
    IF OLD."suggestionId" IS NOT NULL AND OLD."suggestionSettledAt" IS NULL
       AND NEW."suggestionSettledAt" IS NOT NULL
       AND (to_jsonb(NEW) - 'suggestionSettledAt') = (to_jsonb(OLD) - 'suggestionSettledAt') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'acuerdo: vote % is % and can no longer change', OLD.id, OLD.status USING ERRCODE = 'P0001';
  END IF;
  IF NEW."paperId" <> OLD."paperId" OR NEW."versionId" IS DISTINCT FROM OLD."versionId"
     OR NEW."textHash" <> OLD."textHash"
     OR NEW.kind <> OLD.kind OR NEW."openedAt" <> OLD."openedAt" OR NEW.deadline <> OLD.deadline
     OR NEW."quorumShare" <> OLD."quorumShare" OR NEW."quorumAllDelegations" <> OLD."quorumAllDelegations"
     OR NEW."minSupportShare" <> OLD."minSupportShare" OR NEW."onePerDelegation" <> OLD."onePerDelegation"
     OR NEW."openedById" <> OLD."openedById" OR NEW."translationOutOfDate" <> OLD."translationOutOfDate"
     OR NEW."translationOutOfDateSections" IS DISTINCT FROM OLD."translationOutOfDateSections"
     OR NEW."suggestionId" IS DISTINCT FROM OLD."suggestionId"
     OR NEW."suggestionSectionKey" IS DISTINCT FROM OLD."suggestionSectionKey"
     OR NEW."suggestionChange" IS DISTINCT FROM OLD."suggestionChange"
     OR NEW.note IS DISTINCT FROM OLD.note
     OR NEW."suggestionSettledAt" IS DISTINCT FROM OLD."suggestionSettledAt" THEN
    RAISE EXCEPTION 'acuerdo: the text and rules of vote % are fixed when it opens', OLD.id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
