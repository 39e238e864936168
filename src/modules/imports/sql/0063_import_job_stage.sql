-- What a running import is doing: reading (and writing) the file's rows, then counting (settling
-- the indicator counts of everything it touched: minutes for a file of a million rows). Progress
-- is also written while counting, so a long count is not mistaken for a stopped job.
ALTER TABLE import_job
  ADD COLUMN stage text NOT NULL DEFAULT 'reading' CHECK (stage IN ('reading', 'counting'));
