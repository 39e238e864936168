import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuthMethods } from '../../contracts/identity.js';
import type { AppDeps } from '../../server/deps.js';
import { parseInput, sendProblem } from '../../server/problem.js';
import { clockOf } from '../../server/authorize.js';
import { SESSION_COOKIE, setSessionCookie } from './http.js';
import {
  OIDC_REQUEST_TTL_MINUTES,
  OidcUnavailableError,
  completeLogin,
  createOidcClient,
  startLogin,
  unknownState,
} from './oidc.js';

/**
 * /api/v1/auth/oidc: OpenID Connect login when OIDC_* is configured (404 otherwise), and
 * /api/v1/auth/methods, which tells the login page what it may offer.
 */
export const OIDC_STATE_COOKIE = 'kn_oidc_state';

const startQuery = z.object({ returnTo: z.string().optional().catch(undefined) });
const callbackQuery = z.object({
  state: z.string().min(1, 'must not be empty').max(512, 'must be at most 512 characters'),
});

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function notConfigured(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, {
    type: 'about:blank',
    title: 'Not found',
    status: 404,
    detail: 'Inloggning med OpenID Connect är inte konfigurerad. / OpenID Connect login is not configured.',
    instance: req.url,
  });
}

/** 502 when the provider cannot be reached; other failures keep their cause in the log. */
async function withOidcErrors<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  run: () => Promise<T>,
): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof OidcUnavailableError) {
      req.log.error({ err: err.cause }, 'OpenID Connect provider unavailable');
      sendProblem(reply, {
        type: 'about:blank',
        title: 'Bad gateway',
        status: 502,
        detail: err.message,
        instance: req.url,
      });
      return null;
    }
    if (err instanceof Error && err.cause !== undefined) {
      req.log.warn({ err: err.cause }, 'OpenID Connect login failed');
    }
    throw err;
  }
}

export function oidcRoutes(app: FastifyInstance, deps: AppDeps): void {
  const now = clockOf(deps);
  const oidc = deps.config.oidc ? createOidcClient(deps.config.oidc) : undefined;
  // The state cookie goes only to the callback, under the path the browser sees (a proxy may
  // put a prefix in front of ours).
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.cookieSecure,
    path: oidc ? new URL(oidc.config.redirectUrl).pathname : '/',
  } as const;

  app.get('/api/v1/auth/methods', (): AuthMethods => ({ password: true, oidc: oidc !== undefined }));

  app.get('/api/v1/auth/oidc/start', async (req, reply) => {
    if (!oidc) return notConfigured(req, reply);
    const { returnTo } = parseInput(startQuery, req.query, 'query');
    const started = await withOidcErrors(req, reply, () =>
      startLogin(deps.db, oidc, { returnTo, now: now() }),
    );
    if (!started) return reply;
    reply.setCookie(OIDC_STATE_COOKIE, started.state, {
      ...cookieOptions,
      maxAge: OIDC_REQUEST_TTL_MINUTES * 60,
    });
    return reply.redirect(started.url, 302);
  });

  app.get('/api/v1/auth/oidc/callback', async (req, reply) => {
    if (!oidc) return notConfigured(req, reply);
    const { state } = parseInput(callbackQuery, req.query, 'query');
    const boundState = req.cookies[OIDC_STATE_COOKIE];
    reply.clearCookie(OIDC_STATE_COOKIE, cookieOptions);
    // The state must also come back in this browser's cookie: a callback URL made in another
    // browser (login CSRF, someone else's code) is refused.
    if (!boundState || !sameToken(boundState, state)) throw unknownState();
    const queryAt = req.url.indexOf('?');
    const done = await withOidcErrors(req, reply, () =>
      completeLogin(deps.db, oidc, {
        query: queryAt < 0 ? '' : req.url.slice(queryAt + 1),
        state,
        clientAddress: req.ip,
        userAgent: req.headers['user-agent'],
        previousToken: req.cookies[SESSION_COOKIE],
        now: now(),
      }),
    );
    if (!done) return reply;
    setSessionCookie(reply, deps, done.session.token);
    return reply.redirect(done.returnTo, 302);
  });
}
