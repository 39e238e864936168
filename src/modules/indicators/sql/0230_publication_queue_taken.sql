-- The publisher takes queued tables in one short transaction, computes them outside it (in a
-- worker thread) and stores them in a second one. A taken row stays queued until then, so a crash
-- in between loses nothing; a write in between clears taken_at, so the table is published again.
ALTER TABLE publication_queue ADD COLUMN taken_at timestamptz;
