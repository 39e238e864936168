-- Storage per entry (#19). Entries are read by person (a person's timeline, the facts of a
-- person's entries, --replace) and filtered by register and date on the heap, a few dozen rows:
-- one key per person with a list of row pointers (btree deduplication) instead of a
-- (person, register, date) key per entry. Nothing reads entries by unit alone (the row-level
-- policies compare the unit on rows found otherwise), so register_entry_by_unit goes.
DROP INDEX register_entry_by_unit;
DROP INDEX register_entry_by_person;
CREATE INDEX register_entry_by_person ON register_entry (person_pseudonym);
