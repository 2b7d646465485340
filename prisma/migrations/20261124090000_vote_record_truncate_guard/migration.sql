-- TRUNCATE does not fire row-level DELETE triggers: without these, one statement emptied the audit
-- log or the stances past the append-only guards (found by the adversarial vote-record test).
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION acuerdo_refuse_change();
CREATE TRIGGER "Stance_no_truncate" BEFORE TRUNCATE ON "Stance"
  FOR EACH STATEMENT EXECUTE FUNCTION acuerdo_refuse_change();
CREATE TRIGGER "VoteOutcome_no_truncate" BEFORE TRUNCATE ON "VoteOutcome"
  FOR EACH STATEMENT EXECUTE FUNCTION acuerdo_refuse_change();
CREATE TRIGGER "EligibleVoter_no_truncate" BEFORE TRUNCATE ON "EligibleVoter"
  FOR EACH STATEMENT EXECUTE FUNCTION acuerdo_refuse_change();
CREATE TRIGGER "Version_no_truncate" BEFORE TRUNCATE ON "Version"
  FOR EACH STATEMENT EXECUTE FUNCTION acuerdo_refuse_change();
CREATE TRIGGER "Vote_no_truncate" BEFORE TRUNCATE ON "Vote"
  FOR EACH STATEMENT EXECUTE FUNCTION acuerdo_refuse_change();
