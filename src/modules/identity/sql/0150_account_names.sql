-- Who an account is, for other modules to name people in their histories and filters. Other
-- modules read accounts only through this view (never the account table with its password hashes
-- and flags), and it is read-only for the app.
CREATE VIEW identity_account_name AS
  SELECT id, username, display_name FROM identity_account;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON identity_account_name FROM kunskapsnav_app;
GRANT SELECT ON identity_account_name TO kunskapsnav_app;
