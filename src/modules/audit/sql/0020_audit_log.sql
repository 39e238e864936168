-- The audit log: who did what to whom, when, from where and why. Append-only and hash-chained
-- (src/domain/audit/chain.ts): content_hash is the SHA-256 of the entry's fields in canonical
-- form, hash = SHA-256 of 'prev_hash:seq:content_hash'. A changed, removed or reordered row
-- breaks the chain, and `npm run audit:verify` names the first broken entry.

CREATE TABLE audit_log (
  -- Strictly increasing and gap-free: the order of the chain, assigned at commit from the head
  -- below (not from a sequence: sequences leave gaps on rollback).
  seq bigint PRIMARY KEY CHECK (seq > 0),
  -- Millisecond precision, set by the writer: the hash covers its ISO string.
  occurred_at timestamptz NOT NULL,
  -- No foreign key: the log must outlive accounts and must never block or cascade.
  actor_account_id uuid,
  action text NOT NULL CHECK (action ~ '^[a-z][a-z_]{1,39}$'),
  outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
  person_pseudonym text,
  unit_id uuid,
  municipality_code text,
  record_type text,
  record_id text,
  purpose text,
  break_glass boolean NOT NULL DEFAULT false,
  client_address text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object'),
  -- Computed by the writer in TypeScript; prev_hash and hash when the entry is linked.
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX audit_log_by_time ON audit_log (occurred_at);
CREATE INDEX audit_log_by_actor ON audit_log (actor_account_id, occurred_at);
CREATE INDEX audit_log_by_person ON audit_log (person_pseudonym, seq) WHERE person_pseudonym IS NOT NULL;
CREATE INDEX audit_log_by_unit ON audit_log (unit_id, seq) WHERE unit_id IS NOT NULL;

-- The chain head: one row holding the last seq and hash. Linking an entry locks it
-- (SELECT … FOR UPDATE), so appends are serialised and each links to the one before; the lock is
-- held until the appending transaction ends. Chosen over pg_advisory_xact_lock + "read the last
-- row" because (1) FOR UPDATE under READ COMMITTED re-reads the row once the lock is granted, so
-- a waiter always sees the head its predecessor committed (an advisory lock would need a separate
-- statement for a fresh snapshot); (2) the head records where the chain ends, so the verifier also
-- detects entries cut off the end; (3) no lock key shared by convention.
CREATE TABLE audit_chain_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_seq bigint NOT NULL CHECK (last_seq >= 0),
  last_hash text NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$')
);
INSERT INTO audit_chain_head (singleton, last_seq, last_hash) VALUES (true, 0, repeat('0', 64));

-- Where appendAudit writes: the entry with its content hash (computed in TypeScript), not yet
-- linked. Linking locks the head, assigns seq and prev_hash, computes
-- hash = SHA-256('prev_hash:seq:content_hash') (linkHash in chain.ts mirrors it; the verifier
-- recomputes it) and writes the row into audit_log, in the appending transaction.
--
-- When: every other appender waits while the head is locked, until the holder commits. On
-- PostgreSQL, transactions run side by side, so the entry waits here and is linked at COMMIT by a
-- deferred trigger: the lock then spans only the linking and the commit record, not a round trip
-- to the application and its event loop (under concurrent load that cost about a third of the
-- audited throughput in bench/audit.ts), and seq order is commit order. PGlite runs one
-- transaction at a time, so nobody can wait there: the entry is linked at once and never stored
-- here (PGlite has no autovacuum to reclaim the removed rows).
CREATE TABLE audit_pending (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor_account_id uuid,
  action text NOT NULL,
  outcome text NOT NULL,
  person_pseudonym text,
  unit_id uuid,
  municipality_code text,
  record_type text,
  record_id text,
  purpose text,
  break_glass boolean NOT NULL,
  client_address text,
  details jsonb NOT NULL,
  content_hash text NOT NULL
);

CREATE FUNCTION audit_link_entry(entry audit_pending) RETURNS void LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  link text;
BEGIN
  SELECT last_seq, last_hash INTO head_seq, head_hash FROM audit_chain_head WHERE singleton FOR UPDATE;
  link := encode(sha256(convert_to(head_hash || ':' || (head_seq + 1)::text || ':' || entry.content_hash, 'UTF8')), 'hex');
  INSERT INTO audit_log (seq, occurred_at, actor_account_id, action, outcome, person_pseudonym, unit_id,
    municipality_code, record_type, record_id, purpose, break_glass, client_address, details, content_hash,
    prev_hash, hash)
  VALUES (head_seq + 1, entry.occurred_at, entry.actor_account_id, entry.action, entry.outcome,
    entry.person_pseudonym, entry.unit_id, entry.municipality_code, entry.record_type, entry.record_id,
    entry.purpose, entry.break_glass, entry.client_address, entry.details, entry.content_hash, head_hash, link);
  UPDATE audit_chain_head SET last_seq = head_seq + 1, last_hash = link WHERE singleton;
END
$$;
REVOKE EXECUTE ON FUNCTION audit_link_entry(audit_pending) FROM PUBLIC;

-- Both trigger functions are SECURITY DEFINER: they run as the owner, so the app role needs no
-- privilege on the log or the head.
CREATE FUNCTION audit_link_at_commit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM audit_link_entry(NEW);
  DELETE FROM audit_pending WHERE id = NEW.id;
  RETURN NULL;
END
$$;

CREATE FUNCTION audit_link_at_once() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM audit_link_entry(NEW);
  RETURN NULL; -- nothing is stored in audit_pending
END
$$;

DO $$
BEGIN
  IF version() LIKE '%PGlite%' THEN
    CREATE TRIGGER audit_pending_link BEFORE INSERT ON audit_pending
      FOR EACH ROW EXECUTE FUNCTION audit_link_at_once();
  ELSE
    CREATE CONSTRAINT TRIGGER audit_pending_link AFTER INSERT ON audit_pending
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_link_at_commit();
  END IF;
END
$$;

-- Append-only for everyone, owner included. A superuser can disable the trigger; that is what the
-- verifier is for.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- The head only moves forward one step at a time and is never removed.
CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW.last_seq <> OLD.last_seq + 1 THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward by one entry'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_chain_head_forward_only BEFORE UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- The app role (0011) got SELECT/INSERT/UPDATE/DELETE by default privileges. It appends, it never
-- changes — and it never reads either (the review runs as the owner, after the policy), so a
-- scoped transaction cannot list who looked at whom. It keeps INSERT on audit_pending only; the
-- linking function does the rest as the owner.
REVOKE ALL ON audit_log, audit_chain_head FROM kunskapsnav_app;
REVOKE SELECT, UPDATE, DELETE, TRUNCATE ON audit_pending FROM kunskapsnav_app;
