-- Register entries: what professionals record per person in Senior Alert, the palliative register
-- and individual-based follow-up. An entry is never overwritten: a correction adds a version
-- (who, when, why), and the entry points at its current one. Row-level security follows the
-- pattern of 0025 (persons): the owning unit and municipality are on the row.

CREATE TABLE register_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  register text NOT NULL CHECK (register IN ('senior_alert', 'palliative', 'followup')),
  kind text NOT NULL,
  person_pseudonym text NOT NULL REFERENCES person (pseudonym),
  unit_id uuid NOT NULL REFERENCES org_unit (id),
  -- The unit's municipality on occurred_on, kept so a reorganisation does not move old entries.
  municipality_code text NOT NULL REFERENCES org_municipality (code),
  occurred_on date NOT NULL,
  current_version integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
  -- Imports are idempotent on the sender's record id.
  source_system text CHECK (source_system ~ '^[a-z0-9._-]{1,64}$'),
  source_record_id text CHECK (length(source_record_id) BETWEEN 1 AND 200),
  first_submitted_at timestamptz NOT NULL,
  created_by uuid REFERENCES identity_account (id),
  CHECK ((source_system IS NULL) = (source_record_id IS NULL)),
  UNIQUE (source_system, source_record_id)
);
CREATE INDEX register_entry_by_person ON register_entry (person_pseudonym, register, occurred_on);
CREATE INDEX register_entry_by_unit ON register_entry (unit_id, occurred_on);

CREATE TABLE register_entry_version (
  entry_id uuid NOT NULL REFERENCES register_entry (id),
  version integer NOT NULL CHECK (version >= 1),
  occurred_on date NOT NULL,
  data jsonb NOT NULL,
  -- The server's own score of the answers (null for entries without an instrument).
  derived jsonb,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid REFERENCES identity_account (id),
  change_reason text CHECK (length(btrim(change_reason)) BETWEEN 1 AND 1000),
  PRIMARY KEY (entry_id, version),
  CHECK ((version = 1) = (change_reason IS NULL))
);

-- Senior Alert services already turned into monthly "served" facts, up to which day.
CREATE TABLE register_served_through (
  service_id bigint PRIMARY KEY REFERENCES person_service (id),
  through date NOT NULL
);

ALTER TABLE register_entry ENABLE ROW LEVEL SECURITY;
ALTER TABLE register_entry FORCE ROW LEVEL SECURITY;
CREATE POLICY register_entry_read ON register_entry FOR SELECT TO kunskapsnav_app
  USING (kunskapsnav_in_scope(unit_id, municipality_code) OR kunskapsnav_break_glass_open(person_pseudonym));
CREATE POLICY register_entry_insert ON register_entry FOR INSERT TO kunskapsnav_app
  WITH CHECK (kunskapsnav_in_scope(unit_id, municipality_code));
CREATE POLICY register_entry_update ON register_entry FOR UPDATE TO kunskapsnav_app
  USING (kunskapsnav_in_scope(unit_id, municipality_code))
  WITH CHECK (kunskapsnav_in_scope(unit_id, municipality_code));

-- A version is visible and writable exactly when its entry is (the subquery is itself filtered).
ALTER TABLE register_entry_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE register_entry_version FORCE ROW LEVEL SECURITY;
CREATE POLICY register_entry_version_read ON register_entry_version FOR SELECT TO kunskapsnav_app
  USING (EXISTS (SELECT 1 FROM register_entry e WHERE e.id = entry_id));
CREATE POLICY register_entry_version_insert ON register_entry_version FOR INSERT TO kunskapsnav_app
  WITH CHECK (EXISTS (SELECT 1 FROM register_entry e
                       WHERE e.id = entry_id AND kunskapsnav_in_scope(e.unit_id, e.municipality_code)));

ALTER TABLE register_served_through ENABLE ROW LEVEL SECURITY;
ALTER TABLE register_served_through FORCE ROW LEVEL SECURITY;
CREATE POLICY register_served_through_scoped ON register_served_through FOR ALL TO kunskapsnav_app
  USING (EXISTS (SELECT 1 FROM person_service s WHERE s.id = service_id))
  WITH CHECK (EXISTS (SELECT 1 FROM person_service s WHERE s.id = service_id));

-- Entries and versions are never deleted, and versions never change.
REVOKE DELETE, TRUNCATE ON register_entry FROM kunskapsnav_app;
REVOKE UPDATE, DELETE, TRUNCATE ON register_entry_version FROM kunskapsnav_app;
