-- The releases as other modules read them (the open data APIs, agreements): only released values,
-- the ones disclosure control passed. Other modules read these views, never the release tables
-- (test/architecture/house.test.ts). Plain views: the planner folds them into the reading query,
-- so they use the tables' indexes as before.

CREATE VIEW indicator_releases AS SELECT id, version, made_at FROM indicator_release;

-- The newest release (no row before the first).
CREATE VIEW indicator_latest_release AS
  SELECT id, version, made_at FROM indicator_release ORDER BY id DESC LIMIT 1;

CREATE VIEW released_tables AS
  SELECT release_id, indicator_id, version, period, cells, suppressed FROM released_table;

CREATE VIEW released_values AS
  SELECT release_id, indicator_id, version, period, level, code, sex, numerator, denominator, rate,
         ci_lower, ci_upper, status
    FROM released_value;

-- One row that changes whenever an indicator definition does (the open data caches).
CREATE VIEW indicator_definition_stamp AS
  SELECT (SELECT count(*) FROM indicator_definition WHERE active) AS active_definitions,
         (SELECT max(created_at) FROM indicator_definition) AS definition_changed_at;

-- Read-only for the app: a plain view would otherwise pass writes through to the tables.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON indicator_releases, indicator_latest_release, released_tables,
  released_values, indicator_definition_stamp FROM kunskapsnav_app;
GRANT SELECT ON indicator_releases, indicator_latest_release, released_tables, released_values,
  indicator_definition_stamp TO kunskapsnav_app;
