-- OpenID Connect login requests between GET /api/v1/auth/oidc/start and the callback. The state
-- is stored only as its SHA-256; a row is used once (deleted by the callback) and is void after
-- 10 minutes. The PKCE code verifier and the nonce never leave the server.
CREATE TABLE identity_oidc_request (
  state_hash text PRIMARY KEY CHECK (state_hash ~ '^[0-9a-f]{64}$'),
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  -- A same-origin relative path (starts with "/", not "//"), checked before it is stored.
  return_to text NOT NULL CHECK (return_to LIKE '/%' AND return_to NOT LIKE '//%'),
  created_at timestamptz NOT NULL
);
CREATE INDEX identity_oidc_request_by_created ON identity_oidc_request (created_at);
