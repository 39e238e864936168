-- A decade of facts (#19 goal 5): indicator_fact partitioned by year of fact_date, the one column
-- every read of a part of the facts filters on (a slice is a person, unit and year). Range
-- partitions of one calendar year, named indicator_fact_yYYYY, and a DEFAULT partition so a write
-- of a year without its partition never fails. indicator_fact_year_partition(y) creates a year's
-- partition and moves that year's rows out of the default (the split); the owner calls it in its
-- own short transaction (fact-partitions.ts): at every start for this year and the next, before a
-- synthetic nation is written, and for the years found in the default before a rebuild. Never
-- inside a write of facts: moved rows get the mover's transaction id, and an import tells the
-- facts it wrote by theirs (fact-ledger.ts).
DROP VIEW indicator_fact_counted;

ALTER TABLE indicator_fact RENAME TO indicator_fact_unpartitioned;

CREATE TABLE indicator_fact (
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
) PARTITION BY RANGE (fact_date);

CREATE TABLE indicator_fact_default PARTITION OF indicator_fact DEFAULT;

CREATE FUNCTION indicator_fact_year_partition(y integer) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  part text := 'indicator_fact_y' || y;
  first_day date := make_date(y, 1, 1);
BEGIN
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  -- Writers of the default wait here, so no row of the year lands there before the attach; so
  -- does a second caller for the same year, which then finds the partition made.
  LOCK TABLE indicator_fact_default IN SHARE ROW EXCLUSIVE MODE;
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE indicator_fact INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
  EXECUTE format(
    'WITH moved AS (DELETE FROM indicator_fact_default WHERE fact_date >= %L AND fact_date < %L RETURNING *)
     INSERT INTO %I SELECT * FROM moved',
    first_day, first_day + interval '1 year', part);
  -- The check lets the attach skip its own scan of the new partition.
  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (fact_date >= %L AND fact_date < %L)',
    part, part || '_range', first_day, (first_day + interval '1 year')::date);
  EXECUTE format('ALTER TABLE indicator_fact ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
    part, first_day, (first_day + interval '1 year')::date);
  EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', part, part || '_range');
  RETURN true;
END
$$;

-- Partitions for the years present (the default is still empty, so nothing moves), this year and next.
SELECT indicator_fact_year_partition(y)
  FROM (SELECT DISTINCT extract(year FROM fact_date)::int AS y FROM indicator_fact_unpartitioned
        UNION SELECT extract(year FROM current_date)::int + n FROM generate_series(0, 1) AS n) years
 ORDER BY y;

INSERT INTO indicator_fact (unit_id, fact_date, age, sex, register, kind, person, source_type, source_id, attributes)
SELECT unit_id, fact_date, age, sex, register, kind, person, source_type, source_id, attributes
  FROM indicator_fact_unpartitioned;
DROP TABLE indicator_fact_unpartitioned;

-- As in 0270, now per partition (a partition attached later gets them too).
CREATE INDEX indicator_fact_by_person_unit ON indicator_fact (person, unit_id);
CREATE INDEX indicator_fact_by_source ON indicator_fact USING hash (source_id);

-- As in 0270, over the partitioned table.
CREATE VIEW indicator_fact_counted AS
SELECT f.register, f.kind, f.person, f.unit_id, f.fact_date, f.sex, f.age::integer AS age, f.attributes,
       f.source_type, f.source_id, f.xmin AS row_xmin
  FROM indicator_fact f
UNION ALL
SELECT * FROM indicator_served_fact;
