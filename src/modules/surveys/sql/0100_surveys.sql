-- User surveys (src/modules/surveys, README.md there says what is and is not unlinkable).
-- A round = template version × units × period. Codes are kept only as a keyed hash (HMAC with a
-- key outside the database) with their round and unit; answers are kept with no reference to a
-- code, a batch or a time, and with no key of their own (see survey_answer).

CREATE TABLE survey_round (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  template_id text NOT NULL,
  template_version integer NOT NULL CHECK (template_version >= 1),
  -- The year the results are reported for.
  period text NOT NULL CHECK (period ~ '^[0-9]{4}$'),
  opens_on date NOT NULL,
  closes_on date NOT NULL,
  created_by uuid REFERENCES identity_account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (closes_on >= opens_on)
);

CREATE TABLE survey_round_unit (
  round_id uuid NOT NULL REFERENCES survey_round (id),
  unit_id uuid NOT NULL REFERENCES org_unit (id),
  PRIMARY KEY (round_id, unit_id)
);

-- Who issued how many codes when: accountability for the letters, never linked to a code.
CREATE TABLE survey_code_batch (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  codes integer NOT NULL CHECK (codes BETWEEN 1 AND 5000),
  issued_by uuid REFERENCES identity_account (id),
  issued_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (round_id, unit_id) REFERENCES survey_round_unit (round_id, unit_id)
);

-- No batch, no time, no recipient: the hash of the code, where it may answer, and whether it has.
CREATE TABLE survey_code (
  code_hash bytea PRIMARY KEY CHECK (length(code_hash) = 32),
  round_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  spent boolean NOT NULL DEFAULT false,
  FOREIGN KEY (round_id, unit_id) REFERENCES survey_round_unit (round_id, unit_id)
);
CREATE INDEX survey_code_by_round_unit ON survey_code (round_id, unit_id);

-- The answers of one (round, unit) are a pool, rewritten whole in a random order by every
-- submission, so all live rows share one xmin and their ctid order is a fresh permutation.
-- Deliberately no key, no default, no timestamp: nothing orders or names a single answer.
CREATE TABLE survey_answer (
  round_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
  FOREIGN KEY (round_id, unit_id) REFERENCES survey_round_unit (round_id, unit_id)
);
CREATE INDEX survey_answer_by_round_unit ON survey_answer (round_id, unit_id);

-- Failed code attempts, for throttling guessers per address and per round. Successes are never
-- recorded here, and old failures are deleted, so nothing ties an answer to an address.
CREATE TABLE survey_code_failure (
  client_address text NOT NULL,
  round_id uuid NOT NULL,
  attempted_at timestamptz NOT NULL
);
CREATE INDEX survey_code_failure_by_address ON survey_code_failure (client_address, attempted_at);
CREATE INDEX survey_code_failure_by_round ON survey_code_failure (round_id, attempted_at);
