-- The org register as other modules read it. Other modules read these views and this function,
-- never the org tables (test/architecture/house.test.ts). Plain views and an inlinable SQL
-- function: the planner folds them into the reading query, so they plan as the tables do.

-- Every version of every unit with the unit's code. The unit is LEFT JOINed (every version has
-- one) so that a read naming no unit column skips it.
CREATE VIEW org_unit_versions AS
  SELECT v.unit_id, u.code AS unit_code, u.synthetic, v.name, v.municipality_code, v.provider_type,
         v.operating_area, v.unit_type, v.valid_from, v.valid_to, v.recorded_at
    FROM org_unit_version v LEFT JOIN org_unit u ON u.id = v.unit_id;

-- Where each unit belongs during [from_day, until_day): the latest unit version overlapping it
-- (the one valid on its last day when there is one) and that municipality's region then.
CREATE FUNCTION org_units_during(from_day date, until_day date)
  RETURNS TABLE (unit_id uuid, municipality_code text, region_code text)
  LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (v.unit_id) v.unit_id, v.municipality_code, l.region_code
    FROM org_unit_version v
    JOIN org_municipality_region l ON l.municipality_code = v.municipality_code
     AND l.valid_from < until_day AND from_day < l.valid_to
   WHERE v.valid_from < until_day AND from_day < v.valid_to
   ORDER BY v.unit_id, v.valid_from DESC, l.valid_from DESC
$$;

CREATE VIEW org_region_names AS SELECT code, name, short_name FROM org_region;
CREATE VIEW org_municipality_names AS SELECT code, name FROM org_municipality;

-- Kolada's municipality groups with their members (municipality codes, and the county codes of
-- the regions among them).
CREATE VIEW org_municipality_groups AS
  SELECT g.id, g.title, g.kind,
         coalesce((SELECT array_agg(m.municipality_code ORDER BY m.municipality_code)
                     FROM org_municipality_group_member m WHERE m.group_id = g.id), '{}') AS members,
         coalesce((SELECT array_agg(r.region_code ORDER BY r.region_code)
                     FROM org_municipality_group_region_member r WHERE r.group_id = g.id), '{}') AS region_members
    FROM org_municipality_group g;

-- One row that changes whenever units or the reference data change (the open data caches).
CREATE VIEW org_register_stamp AS
  SELECT (SELECT count(*) FROM org_unit_version) AS unit_versions,
         (SELECT count(*) FROM org_unit_version WHERE valid_to = 'infinity') AS open_units,
         (SELECT max(recorded_at) FROM org_unit_version) AS unit_changed_at,
         (SELECT max(loaded_at) FROM reference_data_load) AS reference_loaded_at;

-- A fingerprint of the unit placements (unit versions and municipality → region links):
-- placements as of a period change only when it changes. Cheaper than reading them.
CREATE VIEW org_placement_stamp AS
  SELECT (SELECT count(*) || ':' || coalesce(sum(hashtextextended(v::text, 0)::numeric), 0) FROM org_unit_version v)
      || '/' ||
         (SELECT count(*) || ':' || coalesce(sum(hashtextextended(l::text, 0)::numeric), 0) FROM org_municipality_region l)
      AS stamp;

-- Read-only for the app: a plain view would otherwise pass writes through to the org tables.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON org_unit_versions, org_region_names, org_municipality_names,
  org_municipality_groups, org_register_stamp, org_placement_stamp FROM kunskapsnav_app;
GRANT SELECT ON org_unit_versions, org_region_names, org_municipality_names, org_municipality_groups,
  org_register_stamp, org_placement_stamp TO kunskapsnav_app;
