import { toInt, type Queryable, type Row } from '../../db/db.js';
import type { FailureCount, LoginFailures } from '../../domain/identity/session.js';
import type { Role, RoleAssignment, Scope } from '../../domain/policy/principal.js';

/** SQL of the identity module: accounts, role assignments, sessions, login attempts. */

type Raw = Record<string, unknown>;

export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string | null;
  disabled: boolean;
  oidcSubject: string | null;
}

function toAccount(r: Raw): AccountRow {
  return {
    id: r['id'] as string,
    username: r['username'] as string,
    displayName: r['display_name'] as string,
    passwordHash: (r['password_hash'] as string | null) ?? null,
    disabled: r['disabled'] as boolean,
    oidcSubject: (r['oidc_subject'] as string | null) ?? null,
  };
}

const ACCOUNT_COLUMNS = 'id, username, display_name, password_hash, disabled, oidc_subject';

export async function insertAccount(
  q: Queryable,
  a: { username: string; displayName: string; passwordHash: string | null; oidcSubject: string | null },
): Promise<AccountRow> {
  const { rows } = await q.query<Raw>(
    `INSERT INTO identity_account (username, display_name, password_hash, oidc_subject)
     VALUES ($1, $2, $3, $4) RETURNING ${ACCOUNT_COLUMNS}`,
    [a.username, a.displayName, a.passwordHash, a.oidcSubject],
  );
  return toAccount(rows[0] ?? {});
}

export async function findAccountByUsername(q: Queryable, username: string): Promise<AccountRow | null> {
  const { rows } = await q.query<Raw>(`SELECT ${ACCOUNT_COLUMNS} FROM identity_account WHERE username = $1`, [
    username,
  ]);
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function findAccountById(q: Queryable, id: string): Promise<AccountRow | null> {
  const { rows } = await q.query<Raw>(`SELECT ${ACCOUNT_COLUMNS} FROM identity_account WHERE id = $1`, [id]);
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function findAccountBySubject(q: Queryable, subject: string): Promise<AccountRow | null> {
  const { rows } = await q.query<Raw>(
    `SELECT ${ACCOUNT_COLUMNS} FROM identity_account WHERE oidc_subject = $1`,
    [subject],
  );
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function listAccounts(q: Queryable): Promise<AccountRow[]> {
  const { rows } = await q.query<Raw>(`SELECT ${ACCOUNT_COLUMNS} FROM identity_account ORDER BY username`);
  return rows.map(toAccount);
}

export async function setDisabled(q: Queryable, id: string, disabled: boolean): Promise<boolean> {
  const r = await q.query('UPDATE identity_account SET disabled = $2 WHERE id = $1', [id, disabled]);
  return r.affectedRows > 0;
}

// ── role assignments ────────────────────────────────────────────────────────────

const ASSIGNMENT_COLUMNS =
  'id, account_id, role, scope_kind, unit_id, municipality_code, region_code, valid_from, valid_to';

function toScope(r: Raw): Scope {
  switch (r['scope_kind']) {
    case 'unit':
      return { kind: 'unit', unitId: r['unit_id'] as string };
    case 'municipality':
      return { kind: 'municipality', code: r['municipality_code'] as string };
    case 'region':
      return { kind: 'region', code: r['region_code'] as string };
    default:
      return { kind: 'nation' };
  }
}

function toAssignment(r: Raw): RoleAssignment & { accountId: string } {
  return {
    id: r['id'] as string,
    accountId: r['account_id'] as string,
    role: r['role'] as Role,
    scope: toScope(r),
    validFrom: r['valid_from'] as string,
    validTo: (r['valid_to'] as string | null) ?? null,
  };
}

export async function insertAssignment(
  q: Queryable,
  accountId: string,
  a: { role: Role; scope: Scope; validFrom: string; validTo: string | null },
): Promise<RoleAssignment> {
  const s = a.scope;
  const { rows } = await q.query<Raw>(
    `INSERT INTO identity_role_assignment
       (account_id, role, scope_kind, unit_id, municipality_code, region_code, valid_from, valid_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${ASSIGNMENT_COLUMNS}`,
    [
      accountId,
      a.role,
      s.kind,
      s.kind === 'unit' ? s.unitId : null,
      s.kind === 'municipality' ? s.code : null,
      s.kind === 'region' ? s.code : null,
      a.validFrom,
      a.validTo,
    ],
  );
  return toAssignment(rows[0] ?? {});
}

/** All assignments of the accounts, or only those valid on `day` when given. */
export async function listAssignments(
  q: Queryable,
  accountIds: string[],
  day?: string,
): Promise<Array<RoleAssignment & { accountId: string }>> {
  const { rows } = await q.query<Raw>(
    `SELECT ${ASSIGNMENT_COLUMNS} FROM identity_role_assignment
      WHERE account_id = ANY($1::uuid[])
        AND ($2::date IS NULL OR (valid_from <= $2::date AND (valid_to IS NULL OR $2::date < valid_to)))
      ORDER BY valid_from, created_at, id`,
    [accountIds, day ?? null],
  );
  return rows.map(toAssignment);
}

export async function deleteAssignment(
  q: Queryable,
  accountId: string,
  assignmentId: string,
): Promise<RoleAssignment | null> {
  const { rows } = await q.query<Raw>(
    `DELETE FROM identity_role_assignment WHERE account_id = $1 AND id = $2 RETURNING ${ASSIGNMENT_COLUMNS}`,
    [accountId, assignmentId],
  );
  return rows[0] ? toAssignment(rows[0]) : null;
}

// ── sessions ────────────────────────────────────────────────────────────────────

export interface SessionRow {
  id: string;
  accountId: string;
  authMethod: 'password' | 'oidc';
  createdAt: Date;
  lastSeenAt: Date;
  csrfToken: string;
}

export async function insertSession(
  q: Queryable,
  s: {
    tokenHash: string;
    accountId: string;
    authMethod: 'password' | 'oidc';
    now: Date;
    csrfToken: string;
    clientAddress: string | null;
    userAgent: string | null;
  },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO identity_session
       (token_hash, account_id, auth_method, created_at, last_seen_at, csrf_token, client_address, user_agent)
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7) RETURNING id`,
    [s.tokenHash, s.accountId, s.authMethod, s.now, s.csrfToken, s.clientAddress, s.userAgent],
  );
  return rows[0]?.id ?? '';
}

/** The session of a token hash, with its account, when the account is not disabled. */
export async function findSession(
  q: Queryable,
  tokenHash: string,
): Promise<{ session: SessionRow; account: AccountRow } | null> {
  const { rows } = await q.query<Raw>(
    `SELECT s.id AS session_id, s.auth_method, s.created_at, s.last_seen_at, s.csrf_token,
            a.id, a.username, a.display_name, a.password_hash, a.disabled, a.oidc_subject
       FROM identity_session s JOIN identity_account a ON a.id = s.account_id
      WHERE s.token_hash = $1 AND NOT a.disabled`,
    [tokenHash],
  );
  const r = rows[0];
  if (!r) return null;
  const account = toAccount(r);
  return {
    account,
    session: {
      id: r['session_id'] as string,
      accountId: account.id,
      authMethod: r['auth_method'] as 'password' | 'oidc',
      createdAt: r['created_at'] as Date,
      lastSeenAt: r['last_seen_at'] as Date,
      csrfToken: r['csrf_token'] as string,
    },
  };
}

export async function touchSession(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query('UPDATE identity_session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [
    id,
    now,
  ]);
}

export async function deleteSession(q: Queryable, id: string): Promise<number> {
  return (await q.query('DELETE FROM identity_session WHERE id = $1', [id])).affectedRows;
}

export async function deleteSessionsOfAccount(q: Queryable, accountId: string): Promise<number> {
  return (await q.query('DELETE FROM identity_session WHERE account_id = $1', [accountId])).affectedRows;
}

// ── login attempts ──────────────────────────────────────────────────────────────

/**
 * Serialises login attempts on one username and on one address until the transaction ends, so a
 * check and the attempt it lets through count as one step (transaction-scoped advisory locks,
 * always username first, then address).
 */
export async function lockLoginKeys(tx: Queryable, username: string, clientAddress: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('kunskapsnav.login.user:' || $1, 0))`, [
    username,
  ]);
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('kunskapsnav.login.addr:' || $1, 0))`, [
    clientAddress,
  ]);
}

/** Records an attempt; it counts as a failure until markLoginSucceeded says otherwise. */
export async function insertLoginAttempt(
  q: Queryable,
  a: { username: string; clientAddress: string; now: Date; succeeded: boolean },
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO identity_login_attempt (username, client_address, attempted_at, succeeded)
     VALUES ($1, $2, $3, $4) RETURNING id`,
    [a.username, a.clientAddress, a.now, a.succeeded],
  );
  return toInt(rows[0]?.id);
}

export async function markLoginSucceeded(q: Queryable, attemptId: number): Promise<void> {
  await q.query('UPDATE identity_login_attempt SET succeeded = true WHERE id = $1', [attemptId]);
}

interface CountRow extends Row {
  n: number | string;
  latest: Date | null;
}

function failureCount(row: CountRow | undefined): FailureCount {
  return { count: toInt(row?.n ?? 0), latest: row?.latest ?? null };
}

/**
 * The failures that throttle a login of `username` from `clientAddress` since `since`
 * (src/domain/identity/session.ts says what each key means).
 */
export async function loginFailures(
  q: Queryable,
  username: string,
  clientAddress: string,
  since: Date,
): Promise<LoginFailures> {
  const pair = await q.query<CountRow>(
    `SELECT count(*) AS n, max(f.attempted_at) AS latest FROM identity_login_attempt f
      WHERE f.username = $1 AND f.client_address = $2 AND NOT f.succeeded AND f.attempted_at > $3
        AND NOT EXISTS (SELECT 1 FROM identity_login_attempt s
                         WHERE s.username = $1 AND s.client_address = $2 AND s.succeeded
                           AND s.attempted_at >= f.attempted_at)`,
    [username, clientAddress, since],
  );
  const familiar = await q.query(
    `SELECT 1 FROM identity_login_attempt
      WHERE username = $1 AND client_address = $2 AND succeeded LIMIT 1`,
    [username, clientAddress],
  );
  if (familiar.rows.length > 0) {
    return { pair: failureCount(pair.rows[0]), accountFromUnfamiliar: null, address: null };
  }
  const account = await q.query<CountRow>(
    `SELECT count(*) AS n, max(f.attempted_at) AS latest FROM identity_login_attempt f
      WHERE f.username = $1 AND NOT f.succeeded AND f.attempted_at > $2
        AND NOT EXISTS (SELECT 1 FROM identity_login_attempt s
                         WHERE s.username = $1 AND s.client_address = f.client_address AND s.succeeded)`,
    [username, since],
  );
  const address = await q.query<CountRow>(
    `SELECT count(*) AS n, max(attempted_at) AS latest FROM identity_login_attempt
      WHERE client_address = $1 AND NOT succeeded AND attempted_at > $2`,
    [clientAddress, since],
  );
  return {
    pair: failureCount(pair.rows[0]),
    accountFromUnfamiliar: failureCount(account.rows[0]),
    address: failureCount(address.rows[0]),
  };
}

// ── OpenID Connect login requests ───────────────────────────────────────────────

export interface OidcRequestRow {
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  createdAt: Date;
}

export async function insertOidcRequest(
  q: Queryable,
  r: { stateHash: string; codeVerifier: string; nonce: string; returnTo: string; now: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO identity_oidc_request (state_hash, code_verifier, nonce, return_to, created_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [r.stateHash, r.codeVerifier, r.nonce, r.returnTo, r.now],
  );
}

/** Removes and returns the request of a state hash (single use), or null when there is none. */
export async function takeOidcRequest(q: Queryable, stateHash: string): Promise<OidcRequestRow | null> {
  const { rows } = await q.query<Raw>(
    `DELETE FROM identity_oidc_request WHERE state_hash = $1
     RETURNING code_verifier, nonce, return_to, created_at`,
    [stateHash],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    codeVerifier: r['code_verifier'] as string,
    nonce: r['nonce'] as string,
    returnTo: r['return_to'] as string,
    createdAt: r['created_at'] as Date,
  };
}

export async function deleteOidcRequestsBefore(q: Queryable, before: Date): Promise<number> {
  return (await q.query('DELETE FROM identity_oidc_request WHERE created_at < $1', [before])).affectedRows;
}
