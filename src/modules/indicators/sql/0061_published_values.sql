-- Published values: the only indicator data that may leave for the public. Written whole per
-- (indicator, period) by the publisher after roll-up, disclosure control and the coverage gate.

CREATE TABLE published_value (
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
  coverage double precision,
  status text NOT NULL CHECK (status IN ('ok', 'suppressed', 'low_coverage')),
  computed_at timestamptz NOT NULL,
  PRIMARY KEY (indicator_id, period, level, code, sex),
  -- A suppressed value carries no numbers at all.
  CHECK (status <> 'suppressed' OR (numerator IS NULL AND denominator IS NULL AND rate IS NULL))
);

CREATE TABLE publication (
  indicator_id text NOT NULL,
  version integer NOT NULL,
  period text NOT NULL,
  published_at timestamptz NOT NULL,
  cells integer NOT NULL,
  suppressed_primary integer NOT NULL,
  suppressed_secondary integer NOT NULL,
  -- Information lost to secondary suppression, as a share of the table's denominator sum.
  secondary_loss_share double precision NOT NULL,
  PRIMARY KEY (indicator_id, period)
);

-- (indicator, period) pairs whose counts changed since they were last published.
CREATE TABLE publication_queue (
  indicator_id text NOT NULL,
  period text NOT NULL,
  queued_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (indicator_id, period)
);
