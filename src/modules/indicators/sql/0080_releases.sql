-- Releases: the only indicator values the public sees. A release freezes every public annual table
-- after the cell key perturbation and disclosure control (src/modules/indicators/RELEASES.md);
-- between releases the public numbers do not move, whatever is registered.

CREATE TABLE indicator_release (
  id integer PRIMARY KEY,
  -- year.month.sequence of the day it was made, e.g. 2026.12.1
  version text NOT NULL UNIQUE,
  made_at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('scheduled', 'on_demand', 'first')),
  made_by text NOT NULL,
  -- the periods the release covers, and those of them that had closed when it was made
  periods text[] NOT NULL,
  final_periods text[] NOT NULL,
  -- the perturbation method and its parameters, as published (never the keys)
  method jsonb NOT NULL,
  tables integer NOT NULL,
  cells integer NOT NULL,
  suppressed integer NOT NULL
);

CREATE TABLE released_value (
  release_id integer NOT NULL REFERENCES indicator_release (id) ON DELETE CASCADE,
  indicator_id text NOT NULL,
  version integer NOT NULL,
  period text NOT NULL,
  level text NOT NULL CHECK (level IN ('nation', 'region', 'municipality', 'unit')),
  code text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('T', 'K', 'M')),
  numerator integer,
  denominator integer,
  rate double precision,
  ci_lower double precision,
  ci_upper double precision,
  status text NOT NULL CHECK (status IN ('ok', 'suppressed', 'low_coverage')),
  PRIMARY KEY (release_id, indicator_id, period, level, code, sex),
  CHECK (status <> 'suppressed' OR (numerator IS NULL AND denominator IS NULL AND rate IS NULL))
);

-- The tables of a release (one per public indicator and annual period).
CREATE TABLE released_table (
  release_id integer NOT NULL REFERENCES indicator_release (id) ON DELETE CASCADE,
  indicator_id text NOT NULL,
  version integer NOT NULL,
  period text NOT NULL,
  cells integer NOT NULL,
  suppressed integer NOT NULL,
  PRIMARY KEY (release_id, indicator_id, period)
);
