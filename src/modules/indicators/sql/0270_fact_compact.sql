-- Storage per fact (#19): indicator_fact rewritten narrower, with smaller indexes. Nothing read the
-- identity id (and its primary key index) or recorded_at; age fits a smallint; fixed-width columns
-- come first so no alignment padding sits between them. A new table, because a dropped column
-- stays in every row as a null (and its null bitmap).
-- Indexes: the slices of a few persons (fact-writer.ts, fact-ledger.ts) are found by person and
-- unit, a few dozen facts each, filtered by year on the heap: one key with a list of row pointers
-- per (person, unit) (btree deduplication) instead of a (person, unit, date) key per fact; with the
-- person alone the planner preferred a scan of every fact to the index for a hundred slices. The
-- facts of a source (replace, retract) through a hash of the source id: 4 bytes a fact instead of
-- the whole text key; the type is checked on the heap.
DROP VIEW indicator_fact_counted;

CREATE TABLE indicator_fact_compact (
  unit_id uuid NOT NULL,
  fact_date date NOT NULL,
  age smallint NOT NULL CONSTRAINT indicator_fact_age_check CHECK (age BETWEEN 0 AND 130),
  sex text NOT NULL CONSTRAINT indicator_fact_sex_check CHECK (sex IN ('K', 'M')),
  register text NOT NULL,
  kind text NOT NULL,
  person text NOT NULL,
  -- The registration that produced the fact; a correction retracts by source.
  source_type text NOT NULL,
  source_id text NOT NULL,
  attributes jsonb NOT NULL DEFAULT '{}'
);
INSERT INTO indicator_fact_compact (unit_id, fact_date, age, sex, register, kind, person, source_type, source_id, attributes)
SELECT unit_id, fact_date, age, sex, register, kind, person, source_type, source_id, attributes FROM indicator_fact;
DROP TABLE indicator_fact;
ALTER TABLE indicator_fact_compact RENAME TO indicator_fact;
CREATE INDEX indicator_fact_by_person_unit ON indicator_fact (person, unit_id);
CREATE INDEX indicator_fact_by_source ON indicator_fact USING hash (source_id);

-- As in 0240, over the new table.
CREATE VIEW indicator_fact_counted AS
SELECT f.register, f.kind, f.person, f.unit_id, f.fact_date, f.sex, f.age::integer AS age, f.attributes,
       f.source_type, f.source_id, f.xmin AS row_xmin
  FROM indicator_fact f
UNION ALL
SELECT * FROM indicator_served_fact;
