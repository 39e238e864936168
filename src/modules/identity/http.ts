import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { sendProblem } from '../../server/problem.js';
import { ForbiddenError, UnauthorizedError } from '../../domain/errors.js';
import { can, type Action, type Target } from '../../domain/policy/policy.js';
import type { Principal } from '../../domain/policy/principal.js';
import { swedishDate } from '../../domain/identity/session.js';
import { municipalityOfUnit, regionOfMunicipality } from './queries.js';
import { resolveSession } from './service.js';

/**
 * The HTTP side of identity: the session cookie, the hook that turns it into
 * `request.principal`, CSRF protection for cookie-authenticated writes, and the helpers
 * routes use to ask the policy.
 */
export const SESSION_COOKIE = 'kn_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Login proves itself with credentials and rotates the session; a browser that still holds an
// old cookie must be able to log in without that session's token.
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

export function clockOf(deps: AppDeps): () => Date {
  return deps.now ?? (() => new Date());
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Registers the cookie parser and the principal hook. Call once, on the root app. */
export async function registerIdentity(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const now = clockOf(deps);
  await app.register(cookie);
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionCsrfToken', null);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const resolved = await resolveSession(deps.db, deps.config.session, token, now());
    if (!resolved) return;
    req.principal = resolved.principal;
    req.sessionCsrfToken = resolved.csrfToken;
    if (!UNSAFE_METHODS.has(req.method) || CSRF_EXEMPT.has(req.url)) return;
    const given = req.headers[CSRF_HEADER];
    if (typeof given === 'string' && sameToken(given, resolved.csrfToken)) return;
    return sendProblem(reply, {
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail:
        'CSRF-token saknas eller stämmer inte. / Missing or wrong CSRF token: send the x-csrf-token header ' +
        'from GET /api/v1/auth/session.',
      instance: req.url,
    });
  });
}

export function setSessionCookie(reply: FastifyReply, deps: AppDeps, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: deps.config.cookieSecure,
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: AppDeps): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: deps.config.cookieSecure,
  });
}

/** The logged-in principal, or UnauthorizedError (401). */
export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new UnauthorizedError('Du behöver logga in. / You need to log in.');
  return req.principal;
}

/**
 * Asks the policy; 401 when anonymous, 403 when refused. Returns the principal.
 * Parents of the target (a unit's municipality, a municipality's region) are looked up first
 * when `deps` is given and they are missing.
 */
export async function authorize(
  req: FastifyRequest,
  action: Action,
  target?: Target,
  deps?: AppDeps,
): Promise<Principal> {
  const principal = requirePrincipal(req);
  const resolved = target && deps ? await resolveTarget(deps, target) : target;
  if (!can(principal, action, resolved)) {
    throw new ForbiddenError('Du har inte behörighet till detta. / You are not allowed to do this.');
  }
  return principal;
}

/** Fills in the parents of a target from the org register, as of today. */
export async function resolveTarget(deps: AppDeps, target: Target): Promise<Target> {
  const day = swedishDate(clockOf(deps)());
  const municipalityCode =
    target.municipalityCode ??
    (target.unitId !== undefined ? await municipalityOfUnit(deps.db, target.unitId, day) : undefined);
  const regionCode =
    target.regionCode ??
    (municipalityCode !== undefined ? await regionOfMunicipality(deps.db, municipalityCode, day) : undefined);
  return {
    ...(target.unitId !== undefined ? { unitId: target.unitId } : {}),
    ...(municipalityCode !== undefined ? { municipalityCode } : {}),
    ...(regionCode !== undefined ? { regionCode } : {}),
  };
}
