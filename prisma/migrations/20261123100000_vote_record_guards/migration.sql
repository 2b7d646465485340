-- The vote record and the audit log are enforced by the database, not only by the code:
-- append-only tables refuse UPDATE and DELETE; a stance is accepted only while its vote is open and
-- before its deadline; a closed or cancelled vote never changes; a vote's text and rules are fixed
-- when it opens; an outcome is written once, for a closed vote.

CREATE OR REPLACE FUNCTION acuerdo_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'acuerdo: % on "%" is refused: this record is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001', HINT = 'The vote record and the audit log can only grow.';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION acuerdo_refuse_change();
CREATE TRIGGER "Stance_append_only" BEFORE UPDATE OR DELETE ON "Stance"
  FOR EACH ROW EXECUTE FUNCTION acuerdo_refuse_change();
CREATE TRIGGER "VoteOutcome_append_only" BEFORE UPDATE OR DELETE ON "VoteOutcome"
  FOR EACH ROW EXECUTE FUNCTION acuerdo_refuse_change();
CREATE TRIGGER "EligibleVoter_append_only" BEFORE UPDATE OR DELETE ON "EligibleVoter"
  FOR EACH ROW EXECUTE FUNCTION acuerdo_refuse_change();
CREATE TRIGGER "Version_frozen" BEFORE UPDATE ON "Version"
  FOR EACH ROW EXECUTE FUNCTION acuerdo_refuse_change();
CREATE TRIGGER "Vote_no_delete" BEFORE DELETE ON "Vote"
  FOR EACH ROW EXECUTE FUNCTION acuerdo_refuse_change();

CREATE OR REPLACE FUNCTION acuerdo_check_stance() RETURNS trigger AS $$
DECLARE
  vote_status TEXT;
  vote_deadline TIMESTAMP(3);
BEGIN
  SELECT status::text, deadline INTO vote_status, vote_deadline FROM "Vote" WHERE id = NEW."voteId" FOR SHARE;
  IF vote_status IS DISTINCT FROM 'OPEN' THEN
    RAISE EXCEPTION 'acuerdo: vote % is not open', NEW."voteId" USING ERRCODE = 'P0001';
  END IF;
  IF clock_timestamp() AT TIME ZONE 'UTC' > vote_deadline THEN
    RAISE EXCEPTION 'acuerdo: the deadline of vote % has passed', NEW."voteId" USING ERRCODE = 'P0001';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM "EligibleVoter" WHERE "voteId" = NEW."voteId" AND "userId" = NEW."userId") THEN
    RAISE EXCEPTION 'acuerdo: user % may not vote in %', NEW."userId", NEW."voteId" USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Stance_vote_open" BEFORE INSERT ON "Stance"
  FOR EACH ROW EXECUTE FUNCTION acuerdo_check_stance();

CREATE OR REPLACE FUNCTION acuerdo_check_vote_update() RETURNS trigger AS $$
BEGIN
  IF OLD.status <> 'OPEN' THEN
    RAISE EXCEPTION 'acuerdo: vote % is % and can no longer change', OLD.id, OLD.status USING ERRCODE = 'P0001';
  END IF;
  IF NEW."paperId" <> OLD."paperId" OR NEW."versionId" <> OLD."versionId" OR NEW."textHash" <> OLD."textHash"
     OR NEW.kind <> OLD.kind OR NEW."openedAt" <> OLD."openedAt" OR NEW.deadline <> OLD.deadline
     OR NEW."quorumShare" <> OLD."quorumShare" OR NEW."quorumAllDelegations" <> OLD."quorumAllDelegations"
     OR NEW."minSupportShare" <> OLD."minSupportShare" OR NEW."onePerDelegation" <> OLD."onePerDelegation"
     OR NEW."openedById" <> OLD."openedById" OR NEW."translationOutOfDate" <> OLD."translationOutOfDate" THEN
    RAISE EXCEPTION 'acuerdo: the text and rules of vote % are fixed when it opens', OLD.id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Vote_frozen_once_closed" BEFORE UPDATE ON "Vote"
  FOR EACH ROW EXECUTE FUNCTION acuerdo_check_vote_update();

CREATE OR REPLACE FUNCTION acuerdo_check_outcome() RETURNS trigger AS $$
BEGIN
  IF (SELECT status::text FROM "Vote" WHERE id = NEW."voteId") IS DISTINCT FROM 'CLOSED' THEN
    RAISE EXCEPTION 'acuerdo: an outcome is only written for a closed vote (%)', NEW."voteId" USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "VoteOutcome_for_closed_vote" BEFORE INSERT ON "VoteOutcome"
  FOR EACH ROW EXECUTE FUNCTION acuerdo_check_outcome();
