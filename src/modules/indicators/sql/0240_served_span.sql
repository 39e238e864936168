-- "Served" facts, one per service period per month, were 71 % of all facts an import wrote
-- (bench:import). A service period's counted months are stored as one span instead, and the
-- counting reads indicator_fact_counted: the stored facts and the spans expanded to one fact a
-- month, exactly as factsOfServedSpan (src/domain/registers/facts.ts) expands them in memory.
-- Sex and birth date are kept on the span as on a fact: the counts of the span before a change
-- must be derivable after the person changed (see relabelPersonSex).
CREATE TABLE indicator_served_span (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person text NOT NULL,
  unit_id uuid NOT NULL,
  first_day date NOT NULL,
  last_day date NOT NULL,
  sex text NOT NULL CHECK (sex IN ('K', 'M')),
  birth_date date NOT NULL,
  source_type text NOT NULL,
  source_id text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (first_day <= last_day)
);
CREATE INDEX indicator_served_span_by_person_unit ON indicator_served_span (person, unit_id, first_day);
CREATE INDEX indicator_served_span_by_source ON indicator_served_span (source_type, source_id);

-- The spans as facts. A join to this view by person and unit (or by source) reaches the span
-- table's indexes; a join to the UNION ALL below does not (its branch is not a plain table), so
-- queries of a few slices or sources join the two fact tables one by one (queries.ts).
-- row_xmin: an import tells the facts it wrote itself from those it found (fact-ledger.ts).
CREATE VIEW indicator_served_fact AS
SELECT 'senior_alert'::text AS register, 'served'::text AS kind, s.person, s.unit_id, m.fact_date, s.sex,
       extract(year FROM m.fact_date)::int - extract(year FROM s.birth_date)::int
         - (to_char(m.fact_date, 'MM-DD') < to_char(s.birth_date, 'MM-DD'))::int AS age,
       '{}'::jsonb AS attributes, s.source_type, s.source_id, s.xmin AS row_xmin
  FROM indicator_served_span s
 CROSS JOIN LATERAL (
   SELECT greatest(s.first_day, month::date) AS fact_date
     FROM generate_series(date_trunc('month', s.first_day::timestamp), s.last_day::timestamp, interval '1 month') AS month
 ) m;

-- Every fact the counting reads (the rebuild, releases).
CREATE VIEW indicator_fact_counted AS
SELECT f.register, f.kind, f.person, f.unit_id, f.fact_date, f.sex, f.age, f.attributes,
       f.source_type, f.source_id, f.xmin AS row_xmin
  FROM indicator_fact f
UNION ALL
SELECT * FROM indicator_served_fact;

-- The stored served facts of service periods become spans. The birth date comes from the
-- person; a fact whose person this migration cannot see stays a stored fact, still counted
-- through the view, and becomes a span when its period is next written.
WITH served AS (
  SELECT f.source_type, f.source_id, f.person, f.unit_id, min(f.fact_date) AS first_day,
         max(f.fact_date) AS last_day, (array_agg(f.sex ORDER BY f.fact_date DESC))[1] AS sex,
         count(DISTINCT f.sex) AS sexes
    FROM indicator_fact f
   WHERE f.kind = 'served' AND f.register = 'senior_alert' AND f.source_type = 'service'
   GROUP BY f.source_type, f.source_id, f.person, f.unit_id
), moved AS (
  INSERT INTO indicator_served_span (person, unit_id, first_day, last_day, sex, birth_date, source_type, source_id)
  SELECT s.person, s.unit_id, s.first_day, s.last_day, s.sex, p.birth_date, s.source_type, s.source_id
    FROM served s JOIN person p ON p.pseudonym = s.person
   WHERE s.sexes = 1
  RETURNING source_type, source_id
)
DELETE FROM indicator_fact f USING moved m
 WHERE f.source_type = m.source_type AND f.source_id = m.source_id AND f.kind = 'served';
