-- Persons, pseudonymised, behind row-level security.
--
-- THE PATTERN for every individual-level table (assessments, registrations … copy it):
--   1. Each row carries, directly or through person_service, the unit and the municipality that
--      own it.
--   2. ENABLE and FORCE ROW LEVEL SECURITY, with policies `TO kunskapsnav_app` that compare the row
--      with the transaction's scope settings through kunskapsnav_in_scope() (and, for reads only,
--      kunskapsnav_break_glass_open()). Scoped transactions (src/db/scope.ts: inScope) run as that
--      role with kunskapsnav.account_id / unit_ids / municipality_codes set, so a query that forgets
--      its WHERE still sees nothing outside the caller's scope.
--   3. Reads may also pass through a break-the-glass grant; writes (INSERT/UPDATE WITH CHECK) only
--      through the scope. No DELETE policy: the app role deletes nothing here.
-- The connection owner (migrations, superuser) bypasses RLS; FORCE makes a non-superuser owner
-- subject to it as well (it then sees nothing, as no policy names it). Always go through inScope.

-- A comma list setting as an array; unset or empty → NULL, which matches nothing.
CREATE FUNCTION kunskapsnav_setting_list(setting text) RETURNS text[]
  LANGUAGE sql STABLE AS $$
  SELECT string_to_array(nullif(current_setting(setting, true), ''), ',')
$$;

CREATE FUNCTION kunskapsnav_account_id() RETURNS uuid
  LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('kunskapsnav.account_id', true), '')::uuid
$$;

-- The application's clock (tests move it); the database clock when the transaction set none.
CREATE FUNCTION kunskapsnav_clock() RETURNS timestamptz
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('kunskapsnav.now', true), '')::timestamptz, now())
$$;

-- True when the unit or the municipality is in the transaction's scope.
CREATE FUNCTION kunskapsnav_in_scope(of_unit uuid, of_municipality text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    of_unit::text = ANY (kunskapsnav_setting_list('kunskapsnav.unit_ids'))
      OR of_municipality = ANY (kunskapsnav_setting_list('kunskapsnav.municipality_codes')),
    false)
$$;

CREATE TABLE person (
  pseudonym text PRIMARY KEY CHECK (pseudonym ~ '^[0-9a-f]{64}$'),
  birth_date date NOT NULL,
  -- Legal sex from the number (second-to-last digit); statistics use the override when set.
  sex text NOT NULL CHECK (sex IN ('M', 'K')),
  sex_override text CHECK (sex_override IN ('M', 'K')),
  sex_override_reason text CHECK (length(btrim(sex_override_reason)) BETWEEN 1 AND 500),
  created_at timestamptz NOT NULL,
  CHECK ((sex_override IS NULL) = (sex_override_reason IS NULL))
);

-- Who the pseudonym is. Read only through the audited lookup and read of the persons module.
CREATE TABLE person_identity (
  pseudonym text PRIMARY KEY REFERENCES person (pseudonym),
  personnummer_12 text NOT NULL UNIQUE CHECK (personnummer_12 ~ '^[0-9]{12}$'),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL
);

-- Which units serve a person, when. municipality_code is the unit's municipality at valid_from,
-- kept on the row so a later reorganisation does not move old records between municipalities.
-- The person reference is checked at commit: the link is written first so the person's own
-- INSERT policy (served in scope) can see it.
CREATE TABLE person_service (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_pseudonym text NOT NULL REFERENCES person (pseudonym) DEFERRABLE INITIALLY DEFERRED,
  unit_id uuid NOT NULL REFERENCES org_unit (id),
  municipality_code text NOT NULL REFERENCES org_municipality (code),
  valid_from date NOT NULL,
  valid_to date NOT NULL DEFAULT 'infinity',
  created_at timestamptz NOT NULL,
  UNIQUE (person_pseudonym, unit_id, valid_from),
  CHECK (valid_from < valid_to),
  CHECK (valid_from > '-infinity')
);
CREATE INDEX person_service_by_unit ON person_service (unit_id, person_pseudonym);
CREATE INDEX person_service_by_municipality ON person_service (municipality_code, person_pseudonym);

-- Access to one person outside one's scope, with a recorded reason, for a few hours.
-- Rows are visible and insertable for their own account only; they are never changed.
CREATE TABLE break_glass_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES identity_account (id),
  person_pseudonym text NOT NULL REFERENCES person (pseudonym),
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 10 AND 1000),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK (granted_at < expires_at AND expires_at <= granted_at + interval '24 hours')
);
CREATE INDEX break_glass_grant_by_account ON break_glass_grant (account_id, person_pseudonym, expires_at);

-- Is there an open grant to this person for the acting account, by the application's clock?
CREATE FUNCTION kunskapsnav_break_glass_open(of_person text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM break_glass_grant g
     WHERE g.person_pseudonym = of_person
       AND g.account_id = kunskapsnav_account_id()
       AND g.granted_at <= kunskapsnav_clock() AND kunskapsnav_clock() < g.expires_at)
$$;

-- Is the person served (now or earlier) by a unit or municipality in scope?
CREATE FUNCTION person_served_in_scope(of_person text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM person_service s
     WHERE s.person_pseudonym = of_person AND kunskapsnav_in_scope(s.unit_id, s.municipality_code))
$$;

ALTER TABLE person ENABLE ROW LEVEL SECURITY;
ALTER TABLE person FORCE ROW LEVEL SECURITY;
CREATE POLICY person_read ON person FOR SELECT TO kunskapsnav_app
  USING (person_served_in_scope(pseudonym) OR kunskapsnav_break_glass_open(pseudonym));
CREATE POLICY person_insert ON person FOR INSERT TO kunskapsnav_app
  WITH CHECK (person_served_in_scope(pseudonym));
CREATE POLICY person_update ON person FOR UPDATE TO kunskapsnav_app
  USING (person_served_in_scope(pseudonym)) WITH CHECK (person_served_in_scope(pseudonym));

ALTER TABLE person_identity ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_identity FORCE ROW LEVEL SECURITY;
CREATE POLICY person_identity_read ON person_identity FOR SELECT TO kunskapsnav_app
  USING (person_served_in_scope(pseudonym) OR kunskapsnav_break_glass_open(pseudonym));
CREATE POLICY person_identity_insert ON person_identity FOR INSERT TO kunskapsnav_app
  WITH CHECK (person_served_in_scope(pseudonym));
CREATE POLICY person_identity_update ON person_identity FOR UPDATE TO kunskapsnav_app
  USING (person_served_in_scope(pseudonym)) WITH CHECK (person_served_in_scope(pseudonym));

ALTER TABLE person_service ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_service FORCE ROW LEVEL SECURITY;
CREATE POLICY person_service_read ON person_service FOR SELECT TO kunskapsnav_app
  USING (kunskapsnav_in_scope(unit_id, municipality_code) OR kunskapsnav_break_glass_open(person_pseudonym));
CREATE POLICY person_service_insert ON person_service FOR INSERT TO kunskapsnav_app
  WITH CHECK (kunskapsnav_in_scope(unit_id, municipality_code));
CREATE POLICY person_service_update ON person_service FOR UPDATE TO kunskapsnav_app
  USING (kunskapsnav_in_scope(unit_id, municipality_code))
  WITH CHECK (kunskapsnav_in_scope(unit_id, municipality_code));

ALTER TABLE break_glass_grant ENABLE ROW LEVEL SECURITY;
ALTER TABLE break_glass_grant FORCE ROW LEVEL SECURITY;
CREATE POLICY break_glass_grant_own_read ON break_glass_grant FOR SELECT TO kunskapsnav_app
  USING (account_id = kunskapsnav_account_id());
CREATE POLICY break_glass_grant_own_insert ON break_glass_grant FOR INSERT TO kunskapsnav_app
  WITH CHECK (account_id = kunskapsnav_account_id());

-- The default privileges (0011) gave the app role everything; it deletes nothing here and never
-- changes a grant.
REVOKE DELETE, TRUNCATE ON person, person_identity, person_service FROM kunskapsnav_app;
REVOKE UPDATE, DELETE, TRUNCATE ON break_glass_grant FROM kunskapsnav_app;
