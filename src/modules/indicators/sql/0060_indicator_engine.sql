-- Indicator engine: facts in, counts out, maintained on write.
-- indicator_fact is individual-level (pseudonym + unit);
-- indicator_count holds unit × period × sex counts before disclosure control.

CREATE TABLE indicator_definition (
  id text NOT NULL CHECK (id ~ '^K[0-9]{5}$'),
  version integer NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);
-- One active version per indicator.
CREATE UNIQUE INDEX indicator_definition_one_active ON indicator_definition (id) WHERE active;

CREATE TABLE indicator_fact (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  register text NOT NULL,
  kind text NOT NULL,
  person text NOT NULL,
  unit_id uuid NOT NULL REFERENCES org_unit (id),
  fact_date date NOT NULL,
  sex text NOT NULL CHECK (sex IN ('K', 'M')),
  age integer NOT NULL CHECK (age BETWEEN 0 AND 130),
  attributes jsonb NOT NULL DEFAULT '{}',
  -- The registration that produced the fact; a correction retracts by source.
  source_type text NOT NULL,
  source_id text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX indicator_fact_by_person_unit ON indicator_fact (person, unit_id, fact_date);
CREATE INDEX indicator_fact_by_source ON indicator_fact (source_type, source_id);

CREATE TABLE indicator_count (
  indicator_id text NOT NULL,
  version integer NOT NULL,
  period text NOT NULL,
  unit_id uuid NOT NULL,
  sex text NOT NULL CHECK (sex IN ('K', 'M')),
  -- No CHECK on the counts: deltas are applied with INSERT … ON CONFLICT, whose proposed row
  -- (a delta such as +1/0) would fail a check before the conflict is seen. Consistency comes
  -- from deriving deltas from memberships, and tests prove incremental = rebuild.
  numerator integer NOT NULL,
  denominator integer NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (indicator_id, version, period, unit_id, sex)
);
