-- Synthetic persons of `kunskapsnav demo`: which persons were made up, from which seed and size,
-- so a second run can refuse (or --replace can delete exactly them) and nothing real is touched.
-- Their entries also carry source_system 'kunskapsnav.synthetic'.
CREATE TABLE demo_synthetic_person (
  pseudonym text PRIMARY KEY REFERENCES person (pseudonym),
  seed text NOT NULL,
  nation_size integer NOT NULL CHECK (nation_size >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A marker over individual-level rows: the app role has no business here (system jobs only).
ALTER TABLE demo_synthetic_person ENABLE ROW LEVEL SECURITY;
ALTER TABLE demo_synthetic_person FORCE ROW LEVEL SECURITY;
REVOKE ALL ON demo_synthetic_person FROM kunskapsnav_app;
