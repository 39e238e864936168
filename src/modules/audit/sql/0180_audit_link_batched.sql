-- Staged read entries are linked set-wise (issue #19, goal 4): on the embedded engine the linker
-- runs in the server's own process, so its cost per entry is taken from read throughput. The
-- chain is the same: seq, prev_hash and hash as audit_link_entry computes them, in id order, under
-- the head lock. What changes is the work per entry: one hash in a loop instead of five statements
-- (head lock, insert, head update, delete); the batch is then inserted, deleted and the head moved
-- by one statement each.

-- The head may now move forward by more than one entry at once, but only onto a linked entry:
-- every seq it passes is in the log and the new head's hash is the hash of the entry it names.
CREATE OR REPLACE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW.last_seq <= OLD.last_seq THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward by one entry'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.last_seq > OLD.last_seq + 1 AND (
       (SELECT count(*) FROM audit_log WHERE seq > OLD.last_seq AND seq <= NEW.last_seq)
         <> NEW.last_seq - OLD.last_seq
       OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.last_seq AND hash = NEW.last_hash)) THEN
    RAISE EXCEPTION 'audit_chain_head moves forward only onto the entries linked after it'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION audit_link_staged(max_entries integer) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  ids bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
  entry record;
  n integer := 0;
BEGIN
  -- The head first: one linker at a time (the appenders' links wait for it as for each other).
  SELECT last_seq, last_hash INTO head_seq, head_hash FROM audit_chain_head WHERE singleton FOR UPDATE;
  FOR entry IN SELECT id, content_hash FROM audit_staged ORDER BY id LIMIT max_entries FOR UPDATE SKIP LOCKED LOOP
    n := n + 1;
    ids := ids || entry.id;
    prevs := prevs || head_hash;
    -- As audit_link_entry (0020) and linkHash (src/domain/audit/chain.ts).
    head_hash := encode(sha256(convert_to(head_hash || ':' || (head_seq + n)::text || ':' || entry.content_hash, 'UTF8')), 'hex');
    hashes := hashes || head_hash;
  END LOOP;
  IF n = 0 THEN
    RETURN 0;
  END IF;
  INSERT INTO audit_log (seq, occurred_at, actor_account_id, action, outcome, person_pseudonym, unit_id,
    municipality_code, record_type, record_id, purpose, break_glass, client_address, details, content_hash,
    prev_hash, hash)
  SELECT head_seq + b.ord, s.occurred_at, s.actor_account_id, s.action, s.outcome, s.person_pseudonym, s.unit_id,
    s.municipality_code, s.record_type, s.record_id, s.purpose, s.break_glass, s.client_address, s.details,
    s.content_hash, b.prev, b.hash
    FROM unnest(ids, prevs, hashes) WITH ORDINALITY AS b(id, prev, hash, ord)
    JOIN audit_staged s ON s.id = b.id
   ORDER BY b.ord;
  DELETE FROM audit_staged WHERE id = ANY(ids);
  UPDATE audit_chain_head SET last_seq = head_seq + n, last_hash = head_hash WHERE singleton;
  RETURN n;
END
$$;
REVOKE EXECUTE ON FUNCTION audit_link_staged(integer) FROM PUBLIC;
