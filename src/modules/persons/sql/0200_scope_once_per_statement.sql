-- Row-level security that costs little per row. kunskapsnav_in_scope() is inlined into every
-- policy, so each row checked or read read both scope settings again, split them into arrays and
-- compared the unit as text: an import's 50,000 rows paid that on every INSERT and in every
-- policy subquery. The scope arrays below are read in an uncorrelated scalar subquery, which
-- PostgreSQL evaluates once per statement (an InitPlan); each row then only compares its uuid and
-- its municipality code with them. Same rule, same rows visible; the tests of scope and break-glass
-- prove it. kunskapsnav_in_scope() stays for the queries that name it.
CREATE FUNCTION kunskapsnav_scope_unit_ids() RETURNS uuid[]
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(kunskapsnav_setting_list('kunskapsnav.unit_ids')::uuid[], '{}')
$$;

CREATE FUNCTION kunskapsnav_scope_municipality_codes() RETURNS text[]
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(kunskapsnav_setting_list('kunskapsnav.municipality_codes'), '{}')
$$;

DROP POLICY person_service_read ON person_service;
DROP POLICY person_service_insert ON person_service;
DROP POLICY person_service_update ON person_service;
CREATE POLICY person_service_read ON person_service FOR SELECT TO kunskapsnav_app
  USING (unit_id = ANY ((SELECT kunskapsnav_scope_unit_ids())::uuid[])
         OR municipality_code = ANY ((SELECT kunskapsnav_scope_municipality_codes())::text[])
         OR kunskapsnav_break_glass_open(person_pseudonym));
CREATE POLICY person_service_insert ON person_service FOR INSERT TO kunskapsnav_app
  WITH CHECK (unit_id = ANY ((SELECT kunskapsnav_scope_unit_ids())::uuid[])
              OR municipality_code = ANY ((SELECT kunskapsnav_scope_municipality_codes())::text[]));
CREATE POLICY person_service_update ON person_service FOR UPDATE TO kunskapsnav_app
  USING (unit_id = ANY ((SELECT kunskapsnav_scope_unit_ids())::uuid[])
         OR municipality_code = ANY ((SELECT kunskapsnav_scope_municipality_codes())::text[]))
  WITH CHECK (unit_id = ANY ((SELECT kunskapsnav_scope_unit_ids())::uuid[])
              OR municipality_code = ANY ((SELECT kunskapsnav_scope_municipality_codes())::text[]));

DROP POLICY person_read ON person;
DROP POLICY person_insert ON person;
DROP POLICY person_update ON person;
CREATE POLICY person_read ON person FOR SELECT TO kunskapsnav_app
  USING (EXISTS (SELECT 1 FROM person_service s
                  WHERE s.person_pseudonym = person.pseudonym
                    AND (s.unit_id = ANY ((SELECT kunskapsnav_scope_unit_ids())::uuid[])
                         OR s.municipality_code = ANY ((SELECT kunskapsnav_scope_municipality_codes())::text[])))
         OR kunskapsnav_break_glass_open(pseudonym));
CREATE POLICY person_insert ON person FOR INSERT TO kunskapsnav_app
  WITH CHECK (EXISTS (SELECT 1 FROM person_service s
                       WHERE s.person_pseudonym = person.pseudonym
                         AND (s.unit_id = ANY ((SELECT kunskapsnav_scope_unit_ids())::uuid[])
                              OR s.municipality_code = ANY ((SELECT kunskapsnav_scope_municipality_codes())::text[]))));
CREATE POLICY person_update ON person FOR UPDATE TO kunskapsnav_app
  USING (EXISTS (SELECT 1 FROM person_service s
                  WHERE s.person_pseudonym = person.pseudonym
                    AND (s.unit_id = ANY ((SELECT kunskapsnav_scope_unit_ids())::uuid[])
                         OR s.municipality_code = ANY ((SELECT kunskapsnav_scope_municipality_codes())::text[]))))
  WITH CHECK (EXISTS (SELECT 1 FROM person_service s
                       WHERE s.person_pseudonym = person.pseudonym
                         AND (s.unit_id = ANY ((SELECT kunskapsnav_scope_unit_ids())::uuid[])
                              OR s.municipality_code = ANY ((SELECT kunskapsnav_scope_municipality_codes())::text[]))));

DROP POLICY person_identity_read ON person_identity;
DROP POLICY person_identity_insert ON person_identity;
DROP POLICY person_identity_update ON person_identity;
CREATE POLICY person_identity_read ON person_identity FOR SELECT TO kunskapsnav_app
  USING (EXISTS (SELECT 1 FROM person_service s
                  WHERE s.person_pseudonym = person_identity.pseudonym
                    AND (s.unit_id = ANY ((SELECT kunskapsnav_scope_unit_ids())::uuid[])
                         OR s.municipality_code = ANY ((SELECT kunskapsnav_scope_municipality_codes())::text[])))
         OR kunskapsnav_break_glass_open(pseudonym));
CREATE POLICY person_identity_insert ON person_identity FOR INSERT TO kunskapsnav_app
  WITH CHECK (EXISTS (SELECT 1 FROM person_service s
                       WHERE s.person_pseudonym = person_identity.pseudonym
                         AND (s.unit_id = ANY ((SELECT kunskapsnav_scope_unit_ids())::uuid[])
                              OR s.municipality_code = ANY ((SELECT kunskapsnav_scope_municipality_codes())::text[]))));
CREATE POLICY person_identity_update ON person_identity FOR UPDATE TO kunskapsnav_app
  USING (EXISTS (SELECT 1 FROM person_service s
                  WHERE s.person_pseudonym = person_identity.pseudonym
                    AND (s.unit_id = ANY ((SELECT kunskapsnav_scope_unit_ids())::uuid[])
                         OR s.municipality_code = ANY ((SELECT kunskapsnav_scope_municipality_codes())::text[]))))
  WITH CHECK (EXISTS (SELECT 1 FROM person_service s
                       WHERE s.person_pseudonym = person_identity.pseudonym
                         AND (s.unit_id = ANY ((SELECT kunskapsnav_scope_unit_ids())::uuid[])
                              OR s.municipality_code = ANY ((SELECT kunskapsnav_scope_municipality_codes())::text[]))));
