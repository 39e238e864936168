import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { sendProblem } from '../../server/problem.js';
import { clockOf } from '../../server/authorize.js';
import { resolveSession } from './service.js';

/**
 * The HTTP side of identity: the session cookie, the hook that turns it into
 * `request.principal`, and CSRF protection for cookie-authenticated writes. Routes ask the
 * policy through src/server/authorize.ts.
 */
export const SESSION_COOKIE = 'kn_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Login proves itself with credentials and rotates the session; a browser that still holds an
// old cookie must be able to log in without that session's token.
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

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
