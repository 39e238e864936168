-- Audited reads are staged, linked later (src/modules/audit/link.ts): an entry of a read action
-- (person_read, person_lookup, person_list, record_read) is inserted here in the reading
-- transaction, so it commits with the read and is never lost, but the read neither locks nor
-- updates the chain head. A background step links staged entries in batches, in the order it
-- takes them, through the same audit_link_entry as every other entry: one head lock per batch
-- instead of one per read. Until linked, a staged entry is outside the chain (audit/README.md).
CREATE TABLE audit_staged (LIKE audit_pending INCLUDING DEFAULTS INCLUDING IDENTITY);
ALTER TABLE audit_staged ADD PRIMARY KEY (id);

CREATE FUNCTION audit_link_staged(max_entries integer) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  -- Same columns in the same order (LIKE above), so a staged row reads as a pending entry.
  entry audit_pending;
  linked integer := 0;
BEGIN
  -- The head first: one linker at a time (the appenders' links wait for it as for each other).
  PERFORM 1 FROM audit_chain_head WHERE singleton FOR UPDATE;
  FOR entry IN SELECT * FROM audit_staged ORDER BY id LIMIT max_entries FOR UPDATE SKIP LOCKED LOOP
    PERFORM audit_link_entry(entry);
    DELETE FROM audit_staged WHERE id = entry.id;
    linked := linked + 1;
  END LOOP;
  RETURN linked;
END
$$;
REVOKE EXECUTE ON FUNCTION audit_link_staged(integer) FROM PUBLIC;

-- As audit_pending: the app role may only insert.
REVOKE SELECT, UPDATE, DELETE, TRUNCATE ON audit_staged FROM kunskapsnav_app;

-- Every other entry links the staged ones first: they committed before it, so seq keeps the order
-- of commits between reads and everything else (the hot read path stays out of it).
CREATE OR REPLACE FUNCTION audit_link_at_commit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM audit_link_staged(10000);
  PERFORM audit_link_entry(NEW);
  DELETE FROM audit_pending WHERE id = NEW.id;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION audit_link_at_once() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM audit_link_staged(10000);
  PERFORM audit_link_entry(NEW);
  RETURN NULL; -- nothing is stored in audit_pending
END
$$;
