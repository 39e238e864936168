-- The role individual-level work runs as. Scoped transactions `SET LOCAL ROLE kunskapsnav_app`
-- (src/db/scope.ts), so row-level security applies even though the connection belongs to the
-- owner, and the audit log's owner can REVOKE what this role may do to it. Roles are per cluster:
-- the block tolerates a role made by another database (or a concurrent migration) on the server.
DO $$
BEGIN
  CREATE ROLE kunskapsnav_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- A non-superuser owner must be a member to SET ROLE to it.
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT kunskapsnav_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO kunskapsnav_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO kunskapsnav_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO kunskapsnav_app;
-- Tables of later migrations get the same grants; a module narrows them (the audit log revokes
-- UPDATE and DELETE).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kunskapsnav_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO kunskapsnav_app;
