import * as client from 'openid-client';
import type { OidcConfig } from '../../config/config.js';
import type { Db } from '../../db/db.js';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../domain/errors.js';
import { appendAudit } from '../audit/append.js';
import * as q from './queries.js';
import { hashToken, openSession, type NewSession } from './service.js';

/**
 * OpenID Connect login (authorization code flow with PKCE) through openid-client. State, nonce
 * and code verifier stay on the server (identity_oidc_request), keyed by the state's SHA-256;
 * each request is used once and is void after OIDC_REQUEST_TTL_MINUTES. An identity logs in only
 * when an administrator has linked its `sub` to an account: nothing is provisioned automatically,
 * because roles are granted by an administrator.
 */
export const OIDC_REQUEST_TTL_MINUTES = 10;
const SCOPE = 'openid';
const RETURN_TO_MAX_LENGTH = 2000;

/** The identity provider could not be reached or gave unusable metadata (HTTP 502). */
export class OidcUnavailableError extends Error {
  constructor(cause: unknown) {
    super('Inloggningstjänsten svarar inte. / The identity provider cannot be reached.', { cause });
    this.name = 'OidcUnavailableError';
  }
}

/**
 * Only same-origin relative paths: starts with "/", not "//" (protocol-relative) and no "\"
 * (browsers read "/\evil" as "//evil"), no control characters. Anything else becomes "/".
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > RETURN_TO_MAX_LENGTH) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return '/';
  return value;
}

/**
 * openid-client v6 refuses plain-http issuers. A loopback issuer (127.0.0.1, ::1, localhost)
 * never leaves the machine, so http is allowed there, and only there: this is what lets the
 * integration test run a real provider in-process without certificates. Every other issuer must
 * use https.
 */
function isLoopbackHttp(issuer: URL): boolean {
  return issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
}

export interface OidcClient {
  readonly config: OidcConfig;
  /** The provider's configuration, discovered once and cached (a failure is retried next time). */
  configuration(): Promise<client.Configuration>;
}

export function createOidcClient(config: OidcConfig): OidcClient {
  let cached: Promise<client.Configuration> | undefined;
  const discover = async (): Promise<client.Configuration> => {
    const issuer = new URL(config.issuer);
    try {
      return await client.discovery(
        issuer,
        config.clientId,
        undefined,
        // client_secret_basic: the default of OpenID Connect Dynamic Client Registration.
        client.ClientSecretBasic(config.clientSecret),
        isLoopbackHttp(issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
      );
    } catch (err) {
      throw new OidcUnavailableError(err);
    }
  };
  return {
    config,
    configuration() {
      cached ??= discover().catch((err: unknown) => {
        cached = undefined;
        throw err;
      });
      return cached;
    },
  };
}

export interface StartedLogin {
  /** Where to send the browser: the provider's authorization endpoint. */
  url: string;
  /** Bound to the browser in a short-lived cookie, compared again at the callback. */
  state: string;
}

/** Records a login request and builds the authorization URL. */
export async function startLogin(
  db: Db,
  oidc: OidcClient,
  input: { returnTo: unknown; now: Date },
): Promise<StartedLogin> {
  const configuration = await oidc.configuration();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
  await db.transaction(async (tx) => {
    await q.deleteOidcRequestsBefore(tx, expiryCutoff(input.now));
    await q.insertOidcRequest(tx, {
      stateHash: hashToken(state),
      codeVerifier,
      nonce,
      returnTo: safeReturnTo(input.returnTo),
      now: input.now,
    });
  });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidc.config.redirectUrl,
    scope: SCOPE,
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  });
  return { url: url.href, state };
}

function expiryCutoff(now: Date): Date {
  return new Date(now.getTime() - OIDC_REQUEST_TTL_MINUTES * 60_000);
}

export const UNKNOWN_STATE =
  'Inloggningen är okänd, redan använd eller för gammal. Börja om. / ' +
  'Unknown, already used or expired login request (state). Start again.';

export function unknownState(): ValidationError {
  return new ValidationError([{ field: 'state', rule: 'unknown_state', message: UNKNOWN_STATE }], 'query');
}

export interface CallbackInput {
  /** The callback's query string, as received (without "?"). */
  query: string;
  state: string;
  clientAddress: string;
  userAgent?: string | undefined;
  previousToken?: string | undefined;
  now: Date;
}

export interface CompletedLogin {
  session: NewSession;
  returnTo: string;
}

/**
 * Takes the login request of the state (single use), exchanges the code (openid-client checks
 * state, PKCE, the ID token's signature, issuer, audience, expiry and nonce) and opens a session
 * for the account linked to the ID token's `sub`.
 */
export async function completeLogin(db: Db, oidc: OidcClient, input: CallbackInput): Promise<CompletedLogin> {
  const request = await q.takeOidcRequest(db, hashToken(input.state));
  if (!request || request.createdAt <= expiryCutoff(input.now)) throw unknownState();
  const subject = await exchangeCode(oidc, input, request);
  const outcome = await db.transaction(async (tx) => {
    const account = await q.findAccountBySubject(tx, subject);
    const audit = { action: 'login', clientAddress: input.clientAddress } as const;
    if (!account || account.disabled) {
      // The refusal commits with its audit entry; it is thrown after the transaction.
      const reason = account ? 'disabled' : 'unlinked';
      await appendAudit(
        tx,
        { ...audit, actorUserId: null, outcome: 'denied', details: { method: 'oidc', reason } },
        input.now,
      );
      return { reason } as const;
    }
    const session = await openSession(tx, account.id, 'oidc', input);
    await appendAudit(
      tx,
      { ...audit, actorUserId: account.id, outcome: 'allowed', details: { method: 'oidc' } },
      input.now,
    );
    return { session } as const;
  });
  if ('reason' in outcome) {
    throw new ForbiddenError(
      outcome.reason === 'disabled'
        ? 'Kontot är avstängt. / The account is disabled.'
        : 'Ingen användare är kopplad till den här identiteten. / No account is linked to this identity.',
    );
  }
  return { session: outcome.session, returnTo: safeReturnTo(request.returnTo) };
}

async function exchangeCode(
  oidc: OidcClient,
  input: CallbackInput,
  request: q.OidcRequestRow,
): Promise<string> {
  const configuration = await oidc.configuration();
  // The configured redirect URL, not the request's own URL: behind a proxy they differ, and the
  // token request must repeat exactly the redirect_uri of the authorization request.
  const currentUrl = new URL(oidc.config.redirectUrl);
  currentUrl.search = input.query;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      expectedState: input.state,
      expectedNonce: request.nonce,
      pkceCodeVerifier: request.codeVerifier,
      idTokenExpected: true,
    });
    const sub = tokens.claims()?.sub;
    if (!sub) throw new Error('the ID token has no sub claim');
    return sub;
  } catch (err) {
    if (err instanceof client.AuthorizationResponseError) {
      const code = err.error.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 64);
      throw withCause(
        new UnauthorizedError(
          `Inloggningen avbröts hos identitetsleverantören (${code}). / ` +
            `The identity provider did not log you in (${code}).`,
        ),
        err,
      );
    }
    if (isNetworkError(err)) throw new OidcUnavailableError(err);
    throw withCause(
      new UnauthorizedError('Inloggningen kunde inte bekräftas. / The login could not be verified.'),
      err,
    );
  }
}

function isNetworkError(err: unknown): boolean {
  return err instanceof TypeError && err.message === 'fetch failed';
}

/** Keeps the underlying error for the log (the HTTP answer never shows it). */
function withCause<E extends Error>(error: E, cause: unknown): E {
  error.cause = cause;
  return error;
}
