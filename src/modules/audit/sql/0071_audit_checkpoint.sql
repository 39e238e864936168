-- Signed checkpoints of the audit chain (src/domain/audit/checkpoint.ts): (seq, hash of entry seq,
-- time, HMAC under AUDIT_CHECKPOINT_KEY, which the database never holds). Kept here so the verifier
-- finds them without the operator's copy, and written at the same time to the operator's sink
-- (AUDIT_CHECKPOINT_FILE, and the log). The owner can delete rows here, but cannot sign new ones;
-- the copies outside the database are what detect a deleted or rewritten chain.
CREATE TABLE audit_checkpoint (
  seq bigint NOT NULL CHECK (seq >= 0),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  signed_at timestamptz NOT NULL,
  -- The signed text carries signed_at as an ISO string with milliseconds; kept verbatim.
  signed_at_text text NOT NULL,
  mac text NOT NULL CHECK (mac ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (seq, signed_at_text)
);

CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Written by the server as the owner; the app role neither reads nor writes it.
REVOKE ALL ON audit_checkpoint FROM kunskapsnav_app;
