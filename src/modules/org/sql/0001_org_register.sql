-- Organisation register: nation → regions (län) → municipalities → units, with history.
-- Validity is a half-open range [valid_from, valid_to); '-infinity'/'infinity' mean unbounded,
-- so "as of" is always `valid_from <= d AND d < valid_to` and overlap checks use daterange.

CREATE TABLE org_region (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
  kolada_id text NOT NULL UNIQUE CHECK (kolada_id ~ '^00[0-9]{2}$'),
  name text NOT NULL,
  short_name text NOT NULL,
  valid_from date NOT NULL DEFAULT '-infinity',
  valid_to date NOT NULL DEFAULT 'infinity',
  CHECK (valid_from < valid_to)
);

CREATE TABLE org_municipality (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
  name text NOT NULL,
  valid_from date NOT NULL DEFAULT '-infinity',
  valid_to date NOT NULL DEFAULT 'infinity',
  CHECK (valid_from < valid_to)
);

-- Parent link municipality → region, with its own history.
CREATE TABLE org_municipality_region (
  municipality_code text NOT NULL REFERENCES org_municipality (code),
  region_code text NOT NULL REFERENCES org_region (code),
  valid_from date NOT NULL DEFAULT '-infinity',
  valid_to date NOT NULL DEFAULT 'infinity',
  PRIMARY KEY (municipality_code, valid_from),
  CHECK (valid_from < valid_to)
);

-- SKR municipality groups (kind 'skr'), Kolada's similar-municipality groups (kind 'similar',
-- one per operating area and reference municipality) and Kolada's other named groups ('other').
CREATE TABLE org_municipality_group (
  id text PRIMARY KEY,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('skr', 'similar', 'other')),
  skr_code text UNIQUE CHECK (skr_code ~ '^[ABC][1-9]$'),
  operating_area text,
  reference_municipality_code text REFERENCES org_municipality (code),
  reference_year integer
);

CREATE TABLE org_municipality_group_member (
  group_id text NOT NULL REFERENCES org_municipality_group (id) ON DELETE CASCADE,
  municipality_code text NOT NULL REFERENCES org_municipality (code),
  PRIMARY KEY (group_id, municipality_code)
);
CREATE INDEX org_municipality_group_member_by_municipality ON org_municipality_group_member (municipality_code);

CREATE SEQUENCE org_unit_code_seq;

-- A unit's identity; everything that can change lives in org_unit_version.
CREATE TABLE org_unit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE DEFAULT ('E' || lpad(nextval('org_unit_code_seq')::text, 6, '0')),
  synthetic boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per period in which a unit had a given name, provider, operating area and municipality.
-- A reorganisation closes one version and opens the next; history is never rewritten.
CREATE TABLE org_unit_version (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES org_unit (id),
  municipality_code text NOT NULL REFERENCES org_municipality (code),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  provider_type text NOT NULL CHECK (provider_type IN ('municipal', 'private', 'non_profit')),
  operating_area text NOT NULL CHECK (operating_area IN
    ('elderly_care', 'disability', 'individual_family_care', 'health_care', 'other')),
  unit_type text NOT NULL CHECK (unit_type IN
    ('special_housing', 'home_care', 'short_term_housing', 'daily_activity', 'group_home',
     'personal_assistance', 'ifo_section', 'other')),
  valid_from date NOT NULL,
  valid_to date NOT NULL DEFAULT 'infinity',
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_from < valid_to),
  CHECK (valid_from > '-infinity')
);
CREATE INDEX org_unit_version_by_unit ON org_unit_version (unit_id, valid_from);
CREATE INDEX org_unit_version_by_municipality ON org_unit_version (municipality_code, valid_from);

-- Versions of one unit must not overlap. The unit row is locked first so two concurrent
-- writers cannot both pass the check.
CREATE FUNCTION org_unit_version_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM org_unit WHERE id = NEW.unit_id FOR UPDATE;
  IF EXISTS (
    SELECT 1 FROM org_unit_version v
    WHERE v.unit_id = NEW.unit_id AND v.id <> NEW.id
      AND daterange(v.valid_from, v.valid_to) && daterange(NEW.valid_from, NEW.valid_to)
  ) THEN
    RAISE EXCEPTION 'validity of unit % overlaps an existing version', NEW.unit_id
      USING ERRCODE = 'exclusion_violation', COLUMN = 'valid_from';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER org_unit_version_no_overlap
  BEFORE INSERT OR UPDATE ON org_unit_version
  FOR EACH ROW EXECUTE FUNCTION org_unit_version_no_overlap();

CREATE TABLE reference_data_load (
  id integer PRIMARY KEY CHECK (id = 1),
  checksum text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);
