-- A version's entry, checked once per statement instead of once per row. The foreign key ran a
-- lookup that also locked the entry for every version written: 23 ms per 1,000 versions of an
-- import (auto_explain, bench:import), a third of their INSERT. The same rule, set-based: after
-- each INSERT statement one anti-join of its new rows (a transition table) refuses the statement
-- when a version names no entry. Nothing referenced can go away meanwhile: the app role may
-- neither delete entries (0030) nor, below, change their ids; the connection owner deletes
-- entries only after their versions (deleteEntriesOfPersons), and a delete that would leave a
-- version without its entry is refused below as well. (The entry's person keeps its foreign key:
-- checked under the person's row-level security, a statement-level check cost as much.)
ALTER TABLE register_entry_version DROP CONSTRAINT register_entry_version_entry_id_fkey;

CREATE FUNCTION register_entry_version_entry_exists() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_version n
              WHERE NOT EXISTS (SELECT 1 FROM register_entry e WHERE e.id = n.entry_id)) THEN
    RAISE EXCEPTION 'register_entry_version.entry_id names no entry'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER register_entry_version_entry_exists AFTER INSERT ON register_entry_version
  REFERENCING NEW TABLE AS new_version FOR EACH STATEMENT EXECUTE FUNCTION register_entry_version_entry_exists();

-- The referenced side: an entry's id never changes, and a delete must not leave a version behind.
CREATE FUNCTION register_entry_key_fixed() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'register_entry.id cannot change: versions refer to it'
    USING ERRCODE = 'foreign_key_violation';
END
$$;
CREATE TRIGGER register_entry_id_fixed BEFORE UPDATE ON register_entry
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION register_entry_key_fixed();

CREATE FUNCTION register_entry_deleted_without_versions() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_entry o JOIN register_entry_version v ON v.entry_id = o.id) THEN
    RAISE EXCEPTION 'a deleted register entry still has versions' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER register_entry_deleted_without_versions AFTER DELETE ON register_entry
  REFERENCING OLD TABLE AS old_entry FOR EACH STATEMENT EXECUTE FUNCTION register_entry_deleted_without_versions();
