-- The knowledge library (src/modules/library): entries, their immutable versions, the editorial
-- history, the search table of published versions, and the vocabulary for typo tolerance.
-- pg_trgm is a trusted contrib extension on the server; the embedded engine loads it
-- (src/db/pglite.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE library_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  kind text NOT NULL CHECK (kind IN ('intervention', 'method', 'instrument', 'good_example')),
  -- The head version's status; the published version stays public while a new draft is worked on.
  status text NOT NULL CHECK (status IN ('draft', 'review', 'published', 'archived')),
  head_version integer NOT NULL CHECK (head_version > 0),
  published_version integer CHECK (published_version > 0),
  -- A good example's municipality: who may submit and edit it besides the editors.
  municipality_code text CHECK (municipality_code ~ '^[0-9]{4}$'),
  last_reviewed date,
  review_due date,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES identity_account (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'good_example' OR municipality_code IS NOT NULL)
);

CREATE TABLE library_entry_version (
  entry_id uuid NOT NULL REFERENCES library_entry (id),
  version integer NOT NULL CHECK (version > 0),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
  ksi_code text CHECK (ksi_code ~ '^[A-Z0-9]{3}(\.[A-Z]{2}(\.[A-Z0-9]{1,6})?)?$'),
  instrument_id text,
  target_groups text[] NOT NULL DEFAULT '{}',
  operating_areas text[] NOT NULL DEFAULT '{}',
  problems text[] NOT NULL DEFAULT '{}',
  evidence text NOT NULL CHECK (evidence IN ('high', 'moderate', 'low', 'very_low', 'proven_experience', 'local_result')),
  outcome_indicators text[] NOT NULL DEFAULT '{}',
  refs jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(refs) = 'array'),
  -- A good example's figures: which indicator, municipality and periods (the values are read from
  -- published values when shown, never stored here).
  example jsonb CHECK (example IS NULL OR jsonb_typeof(example) = 'object'),
  review_due date,
  -- Seed content written for the demo: marked as an example, with the date it was written.
  sample_written_on date,
  change_note text NOT NULL DEFAULT '' CHECK (length(change_note) <= 1000),
  changed_by uuid REFERENCES identity_account (id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entry_id, version)
);

-- Who moved an entry from which status to which, and why.
CREATE TABLE library_entry_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entry_id uuid NOT NULL REFERENCES library_entry (id),
  version integer NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'edit', 'submit', 'publish', 'return', 'archive')),
  from_status text,
  to_status text NOT NULL,
  note text NOT NULL DEFAULT '',
  actor uuid REFERENCES identity_account (id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX library_entry_event_entry ON library_entry_event (entry_id, id);

-- One row per published entry: what public search and the pages read. Written only when a
-- version is published (or the entry archived), in the same transaction.
CREATE TABLE library_search (
  entry_id uuid PRIMARY KEY REFERENCES library_entry (id),
  version integer NOT NULL,
  slug text NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  summary text NOT NULL,
  body text NOT NULL,
  ksi_code text,
  instrument_id text,
  target_groups text[] NOT NULL,
  operating_areas text[] NOT NULL,
  problems text[] NOT NULL,
  evidence text NOT NULL,
  evidence_rank integer NOT NULL,
  outcome_indicators text[] NOT NULL,
  municipality_code text,
  is_sample boolean NOT NULL,
  last_reviewed date,
  review_due date,
  document tsvector NOT NULL
);
CREATE INDEX library_search_document ON library_search USING gin (document);
CREATE INDEX library_search_outcomes ON library_search USING gin (outcome_indicators);
CREATE INDEX library_search_problems ON library_search USING gin (problems);

-- Every word (4+ letters) of published text, for trigram look-ups of similar words.
CREATE TABLE library_word (word text PRIMARY KEY);
CREATE INDEX library_word_trgm ON library_word USING gin (word gin_trgm_ops);
