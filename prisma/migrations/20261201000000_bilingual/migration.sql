-- Bilingual papers: a vote records in which sections the translation was out of date when it opened.
-- AlterTable
ALTER TABLE "Vote" ADD COLUMN     "translationOutOfDateSections" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- The new field is part of the vote record: fixed when the vote opens, like the others.
CREATE OR REPLACE FUNCTION acuerdo_check_vote_update() RETURNS trigger AS $$
BEGIN
  IF OLD.status <> 'OPEN' THEN
    RAISE EXCEPTION 'acuerdo: vote % is % and can no longer change', OLD.id, OLD.status USING ERRCODE = 'P0001';
  END IF;
  IF NEW."paperId" <> OLD."paperId" OR NEW."versionId" <> OLD."versionId" OR NEW."textHash" <> OLD."textHash"
     OR NEW.kind <> OLD.kind OR NEW."openedAt" <> OLD."openedAt" OR NEW.deadline <> OLD.deadline
     OR NEW."quorumShare" <> OLD."quorumShare" OR NEW."quorumAllDelegations" <> OLD."quorumAllDelegations"
     OR NEW."minSupportShare" <> OLD."minSupportShare" OR NEW."onePerDelegation" <> OLD."onePerDelegation"
     OR NEW."openedById" <> OLD."openedById" OR NEW."translationOutOfDate" <> OLD."translationOutOfDate"
     OR NEW."translationOutOfDateSections" IS DISTINCT FROM OLD."translationOutOfDateSections" THEN
    RAISE EXCEPTION 'acuerdo: the text and rules of vote % are fixed when it opens', OLD.id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
