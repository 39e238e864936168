-- Staged reads cheaper (issue #19, goal 4): a staged entry is one narrow row, its canonical
-- content (canonicalContent in src/domain/audit/chain.ts), the very text whose SHA-256 is its
-- content hash. The read writes one column with one parameter and computes no hash; the linker
-- hashes the text and takes the columns from it, so an entry's content hash always agrees with
-- what was staged. `json` checks the text on insert but keeps it verbatim (jsonb would reorder it).

-- What is staged in the old shape is linked first, by the old linker (0180).
SELECT audit_link_staged(2147483647);
DROP TABLE audit_staged;

CREATE TABLE audit_staged (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entry json NOT NULL
);
-- As before: the app role may only insert.
REVOKE SELECT, UPDATE, DELETE, TRUNCATE ON audit_staged FROM kunskapsnav_app;

-- audit_link_canonical links entries given as their canonical content (above): the same chain as
-- audit_link_entry (0020) and audit_link_staged compute, in the order given, under the head lock.
CREATE FUNCTION audit_link_canonical(entries text[]) RETURNS integer LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  contents text[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
  n integer := coalesce(array_length(entries, 1), 0);
BEGIN
  IF n = 0 THEN
    RETURN 0;
  END IF;
  SELECT last_seq, last_hash INTO head_seq, head_hash FROM audit_chain_head WHERE singleton FOR UPDATE;
  FOR i IN 1..n LOOP
    contents[i] := encode(sha256(convert_to(entries[i], 'UTF8')), 'hex');
    prevs[i] := head_hash;
    -- As audit_link_entry (0020) and linkHash (src/domain/audit/chain.ts).
    head_hash := encode(sha256(convert_to(head_hash || ':' || (head_seq + i)::text || ':' || contents[i], 'UTF8')), 'hex');
    hashes[i] := head_hash;
  END LOOP;
  INSERT INTO audit_log (seq, occurred_at, actor_account_id, action, outcome, person_pseudonym, unit_id,
    municipality_code, record_type, record_id, purpose, break_glass, client_address, details, content_hash,
    prev_hash, hash)
  SELECT head_seq + b.ord, e."occurredAt", e."actorUserId", e.action, e.outcome, e."personPseudonym", e."unitId",
    e."municipalityCode", e."recordType", e."recordId", e.purpose, e."breakGlass", e."clientAddress", e.details,
    b.content, b.prev, b.hash
    FROM unnest(entries, contents, prevs, hashes) WITH ORDINALITY AS b(entry, content, prev, hash, ord)
    CROSS JOIN LATERAL json_to_record(b.entry::json) AS e("occurredAt" timestamptz, "actorUserId" uuid, action text,
      outcome text, "personPseudonym" text, "unitId" uuid, "municipalityCode" text, "recordType" text,
      "recordId" text, purpose text, "breakGlass" boolean, "clientAddress" text, details jsonb)
   ORDER BY b.ord;
  UPDATE audit_chain_head SET last_seq = head_seq + n, last_hash = head_hash WHERE singleton;
  RETURN n;
END
$$;
REVOKE EXECUTE ON FUNCTION audit_link_canonical(text[]) FROM PUBLIC;

-- The staged linker through it: in id order, one batch per call.
CREATE OR REPLACE FUNCTION audit_link_staged(max_entries integer) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  ids bigint[];
  entries text[];
BEGIN
  -- The head first: one linker at a time (the appenders' links wait for it as for each other).
  PERFORM 1 FROM audit_chain_head WHERE singleton FOR UPDATE;
  SELECT coalesce(array_agg(id ORDER BY id), '{}'), coalesce(array_agg(canonical ORDER BY id), '{}')
    INTO ids, entries
    FROM (SELECT id, entry::text AS canonical FROM audit_staged ORDER BY id LIMIT max_entries
           FOR UPDATE SKIP LOCKED) s;
  IF cardinality(ids) = 0 THEN
    RETURN 0;
  END IF;
  PERFORM audit_link_canonical(entries);
  DELETE FROM audit_staged WHERE id = ANY(ids);
  RETURN cardinality(ids);
END
$$;
REVOKE EXECUTE ON FUNCTION audit_link_staged(integer) FROM PUBLIC;
