-- Import jobs: one row per file sent to POST /api/v1/imports or `kunskapsnav import`. The row is
-- committed before the import's own transaction starts and is updated from another connection
-- while it runs, so the web can show a progress bar; the final status and report are written in
-- the import's transaction, so they commit together with the rows (or not at all).
--
-- No individual data: the errors name row numbers, columns and rules, never cell values.

CREATE TABLE import_job (
  id uuid PRIMARY KEY,
  register text NOT NULL CHECK (register IN ('senior_alert', 'palliative', 'followup')),
  source_system text NOT NULL CHECK (source_system ~ '^[a-z0-9._-]{1,64}$'),
  file_name text CHECK (length(file_name) BETWEEN 1 AND 255),
  format text NOT NULL CHECK (format IN ('csv', 'xlsx', 'json')),
  dry_run boolean NOT NULL,
  -- running → done (imported, or a dry run without bad rows) | rejected (bad rows; nothing
  -- written) | failed (an error on our side; nothing written).
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'rejected', 'failed')),
  rows_read bigint NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
  -- From the bytes read so far and the file's size; null while unknown.
  rows_total_estimate bigint CHECK (rows_total_estimate >= 0),
  bytes_read bigint NOT NULL DEFAULT 0 CHECK (bytes_read >= 0),
  bytes_total bigint CHECK (bytes_total >= 0),
  error_count bigint NOT NULL DEFAULT 0 CHECK (error_count >= 0),
  -- The first errors (at most 1000): [{row, line, column, rule, message}].
  errors jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(errors) = 'array'),
  report jsonb,
  -- null for the command line's system actor.
  created_by uuid REFERENCES identity_account (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  finished_at timestamptz,
  CHECK ((status = 'running') = (finished_at IS NULL))
);
CREATE INDEX import_job_by_creator ON import_job (created_by, created_at);
