-- Staged read entries shrink to one column (issue #19, goal 4): the entry's canonical content
-- (canonicalContent in src/domain/audit/chain.ts), the very text whose SHA-256 is its content
-- hash. A read then writes one narrow row with one parameter, and computes no hash: the linker
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

-- The chain is unchanged: seq, prev_hash and hash as audit_link_entry (0020) and linkHash compute
-- them, in id order, under the head lock; content_hash as contentHash computes it.
CREATE OR REPLACE FUNCTION audit_link_staged(max_entries integer) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  ids bigint[] := '{}';
  contents text[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
  staged record;
  content text;
  n integer := 0;
BEGIN
  -- The head first: one linker at a time (the appenders' links wait for it as for each other).
  SELECT last_seq, last_hash INTO head_seq, head_hash FROM audit_chain_head WHERE singleton FOR UPDATE;
  FOR staged IN SELECT id, entry::text AS canonical FROM audit_staged ORDER BY id LIMIT max_entries
      FOR UPDATE SKIP LOCKED LOOP
    n := n + 1;
    content := encode(sha256(convert_to(staged.canonical, 'UTF8')), 'hex');
    -- Element assignment extends the arrays in place (|| would copy them on every entry).
    ids[n] := staged.id;
    contents[n] := content;
    prevs[n] := head_hash;
    head_hash := encode(sha256(convert_to(head_hash || ':' || (head_seq + n)::text || ':' || content, 'UTF8')), 'hex');
    hashes[n] := head_hash;
  END LOOP;
  IF n = 0 THEN
    RETURN 0;
  END IF;
  INSERT INTO audit_log (seq, occurred_at, actor_account_id, action, outcome, person_pseudonym, unit_id,
    municipality_code, record_type, record_id, purpose, break_glass, client_address, details, content_hash,
    prev_hash, hash)
  SELECT head_seq + b.ord, e."occurredAt", e."actorUserId", e.action, e.outcome, e."personPseudonym", e."unitId",
    e."municipalityCode", e."recordType", e."recordId", e.purpose, e."breakGlass", e."clientAddress", e.details,
    b.content, b.prev, b.hash
    FROM unnest(ids, contents, prevs, hashes) WITH ORDINALITY AS b(id, content, prev, hash, ord)
    JOIN audit_staged s ON s.id = b.id
    CROSS JOIN LATERAL json_to_record(s.entry) AS e("occurredAt" timestamptz, "actorUserId" uuid, action text,
      outcome text, "personPseudonym" text, "unitId" uuid, "municipalityCode" text, "recordType" text,
      "recordId" text, purpose text, "breakGlass" boolean, "clientAddress" text, details jsonb)
   ORDER BY b.ord;
  DELETE FROM audit_staged WHERE id = ANY(ids);
  UPDATE audit_chain_head SET last_seq = head_seq + n, last_hash = head_hash WHERE singleton;
  RETURN n;
END
$$;
REVOKE EXECUTE ON FUNCTION audit_link_staged(integer) FROM PUBLIC;
