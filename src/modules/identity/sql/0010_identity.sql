-- Identity: accounts, role assignments scoped to the org register, server-side sessions,
-- and login attempts for throttling. Tokens are never stored, only their SHA-256.

CREATE TABLE identity_account (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._@-]{2,64}$'),
  display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
  -- argon2id PHC string; null for accounts that log in through OpenID Connect only.
  password_hash text,
  disabled boolean NOT NULL DEFAULT false,
  oidc_subject text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE identity_role_assignment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES identity_account (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('caseworker', 'unit_manager', 'municipal_analyst',
    'regional_development_leader', 'national_administrator', 'knowledge_editor', 'system_administrator')),
  scope_kind text NOT NULL CHECK (scope_kind IN ('unit', 'municipality', 'region', 'nation')),
  unit_id uuid REFERENCES org_unit (id),
  municipality_code text REFERENCES org_municipality (code),
  region_code text REFERENCES org_region (code),
  -- Half-open [valid_from, valid_to); null valid_to = open.
  valid_from date NOT NULL,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope_kind = 'unit') = (unit_id IS NOT NULL)),
  CHECK ((scope_kind = 'municipality') = (municipality_code IS NOT NULL)),
  CHECK ((scope_kind = 'region') = (region_code IS NOT NULL)),
  CHECK (valid_to IS NULL OR valid_from < valid_to)
);
CREATE INDEX identity_role_assignment_by_account ON identity_role_assignment (account_id);

CREATE TABLE identity_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  account_id uuid NOT NULL REFERENCES identity_account (id) ON DELETE CASCADE,
  auth_method text NOT NULL CHECK (auth_method IN ('password', 'oidc')),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  csrf_token text NOT NULL,
  client_address text,
  user_agent text
);
CREATE INDEX identity_session_by_account ON identity_session (account_id);

-- One row per password login attempt, keyed by the username as typed (lower-cased), so unknown
-- usernames are throttled exactly like known ones.
CREATE TABLE identity_login_attempt (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL,
  client_address text NOT NULL,
  attempted_at timestamptz NOT NULL,
  succeeded boolean NOT NULL
);
CREATE INDEX identity_login_attempt_by_username ON identity_login_attempt (username, attempted_at);
CREATE INDEX identity_login_attempt_by_address ON identity_login_attempt (client_address, attempted_at);
