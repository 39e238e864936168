import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.js';
import { TooManyRequestsError, UnauthorizedError } from '../../domain/errors.js';
import {
  THROTTLE_WINDOW_MINUTES,
  loginWaitSeconds,
  sessionState,
  swedishDate,
  type SessionLimits,
} from '../../domain/identity/session.js';
import type { Principal } from '../../domain/policy/principal.js';
import { appendAudit } from '../audit/append.js';
import { verifyPassword } from './password.js';
import * as q from './queries.js';

/** Logins, sessions and logouts. Every function takes `now` so tests control the clock. */

export interface NewSession {
  /** The cookie value; only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
  sessionId: string;
  accountId: string;
}

export interface ResolvedSession {
  principal: Principal;
  csrfToken: string;
}

export interface LoginInput {
  username: string;
  password: string;
  clientAddress: string;
  userAgent?: string | undefined;
  /** The session cookie the browser already had; it is ended (rotation). */
  previousToken?: string | undefined;
  now: Date;
}

export const WRONG_CREDENTIALS = 'Fel användarnamn eller lösenord. / Wrong username or password.';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

function lockoutMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return (
    `För många misslyckade inloggningsförsök. Försök igen om ${minutes} min. / ` +
    `Too many failed login attempts. Try again in ${minutes} min.`
  );
}

/** Opens a session for an account that has proven who it is (password or OIDC). */
export async function openSession(
  tx: Queryable,
  accountId: string,
  authMethod: 'password' | 'oidc',
  meta: {
    clientAddress: string;
    userAgent?: string | undefined;
    previousToken?: string | undefined;
    now: Date;
  },
): Promise<NewSession> {
  if (meta.previousToken) {
    const previous = await q.findSession(tx, hashToken(meta.previousToken));
    if (previous) await q.deleteSession(tx, previous.session.id);
  }
  const token = newToken();
  const csrfToken = newToken();
  const sessionId = await q.insertSession(tx, {
    tokenHash: hashToken(token),
    accountId,
    authMethod,
    now: meta.now,
    csrfToken,
    clientAddress: meta.clientAddress,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  });
  return { token, csrfToken, sessionId, accountId };
}

/**
 * Password login. A wrong password, an unknown user and a disabled account give the same
 * UnauthorizedError; too many failures (per username or per address) give TooManyRequestsError.
 */
export async function login(db: Db, input: LoginInput): Promise<NewSession> {
  const username = normaliseUsername(input.username);
  const { clientAddress, now } = input;
  // Check and count in one step: under locks on the username and the address, either the attempt
  // is refused or it is recorded (as a failure until the password proves right) before the
  // password is tried, so parallel guesses cannot all pass the check.
  const admitted = await db.transaction(async (tx) => {
    await q.lockLoginKeys(tx, username, clientAddress);
    const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
    const wait = loginWaitSeconds(await q.loginFailures(tx, username, clientAddress, since), now);
    if (wait > 0) {
      // A refused attempt is a login attempt too: reviewers see who kept trying, and from where.
      await appendAudit(
        tx,
        {
          actorUserId: null,
          action: 'login',
          outcome: 'denied',
          clientAddress,
          details: { method: 'password', username, reason: 'throttled' },
        },
        now,
      );
      return { admitted: false as const, wait };
    }
    const attemptId = await q.insertLoginAttempt(tx, { username, clientAddress, now, succeeded: false });
    return { admitted: true as const, attemptId };
  });
  if (!admitted.admitted) throw new TooManyRequestsError(lockoutMessage(admitted.wait), admitted.wait);
  const account = await q.findAccountByUsername(db, username);
  const passwordOk = await verifyPassword(account?.passwordHash ?? null, input.password);
  const ok = account !== null && !account.disabled && passwordOk;
  const session = await db.transaction(async (tx) => {
    if (!ok || !account) {
      // The reason stays in the log for reviewers; the caller gets the same answer for all three.
      const reason = account === null ? 'unknown_user' : account.disabled ? 'disabled' : 'wrong_password';
      await appendAudit(
        tx,
        {
          actorUserId: null,
          action: 'login',
          outcome: 'failed',
          clientAddress,
          details: { method: 'password', username, reason },
        },
        now,
      );
      return null;
    }
    await q.markLoginSucceeded(tx, admitted.attemptId);
    const session = await openSession(tx, account.id, 'password', input);
    await appendAudit(
      tx,
      {
        actorUserId: account.id,
        action: 'login',
        outcome: 'allowed',
        clientAddress,
        details: { method: 'password' },
      },
      now,
    );
    return session;
  });
  if (!session) throw new UnauthorizedError(WRONG_CREDENTIALS);
  return session;
}

/** The principal behind a session token, or null when unknown, expired or the account disabled. */
export async function resolveSession(
  db: Db,
  limits: SessionLimits,
  token: string,
  now: Date,
): Promise<ResolvedSession | null> {
  const found = await q.findSession(db, hashToken(token));
  if (!found) return null;
  const { session, account } = found;
  if (sessionState(session, now, limits) !== 'active') {
    await q.deleteSession(db, session.id);
    return null;
  }
  await q.touchSession(db, session.id, now);
  const assignments = (await q.listAssignments(db, [account.id], swedishDate(now))).map(
    ({ id, role, scope, validFrom, validTo }) => ({ id, role, scope, validFrom, validTo }),
  );
  return {
    csrfToken: session.csrfToken,
    principal: {
      userId: account.id,
      username: account.username,
      displayName: account.displayName,
      authMethod: session.authMethod,
      sessionId: session.id,
      assignments,
    },
  };
}

/** Where a request came from and when, for the audit log. */
export interface RequestMeta {
  clientAddress?: string | null | undefined;
  now?: Date | undefined;
}

export async function logout(db: Db, principal: Principal, meta: RequestMeta = {}): Promise<void> {
  await db.transaction(async (tx) => {
    await q.deleteSession(tx, principal.sessionId);
    await appendAudit(
      tx,
      {
        actorUserId: principal.userId,
        action: 'logout',
        outcome: 'allowed',
        clientAddress: meta.clientAddress ?? null,
      },
      meta.now,
    );
  });
}

/** Ends every session of the account, on every device; returns how many ended. */
export async function logoutEverywhere(
  db: Db,
  principal: Principal,
  meta: RequestMeta = {},
): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await q.deleteSessionsOfAccount(tx, principal.userId);
    await appendAudit(
      tx,
      {
        actorUserId: principal.userId,
        action: 'logout_everywhere',
        outcome: 'allowed',
        clientAddress: meta.clientAddress ?? null,
        details: { sessions: ended },
      },
      meta.now,
    );
    return ended;
  });
}
