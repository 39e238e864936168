import type { FastifyInstance } from 'fastify';
import type { LogoutEverywhere, SessionAnswer } from '../../contracts/identity.js';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { UnauthorizedError } from '../../domain/errors.js';
import { clockOf, requirePrincipal } from '../../server/authorize.js';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from './http.js';
import { loginInput } from './schema.js';
import * as service from './service.js';

/** /api/v1/auth: password login, the current session, logout. */
export function authRoutes(app: FastifyInstance, deps: AppDeps): void {
  const now = clockOf(deps);

  app.post('/api/v1/auth/login', async (req, reply): Promise<SessionAnswer> => {
    const { username, password } = parseInput(loginInput, req.body, 'body');
    const session = await service.login(deps.db, {
      username,
      password,
      clientAddress: req.ip,
      userAgent: req.headers['user-agent'],
      previousToken: req.cookies[SESSION_COOKIE],
      now: now(),
    });
    setSessionCookie(reply, deps, session.token);
    const resolved = await service.resolveSession(deps.db, deps.config.session, session.token, now());
    if (!resolved) throw new UnauthorizedError(service.WRONG_CREDENTIALS);
    return { principal: resolved.principal, csrfToken: resolved.csrfToken };
  });

  app.get('/api/v1/auth/session', (req): SessionAnswer => {
    const principal = requirePrincipal(req);
    // The session sets principal and token together; a principal without one is no session.
    if (req.sessionCsrfToken === null)
      throw new UnauthorizedError('Du behöver logga in. / You need to log in.');
    return { principal, csrfToken: req.sessionCsrfToken };
  });

  app.get('/api/v1/auth/me', (req) => requirePrincipal(req));

  app.post('/api/v1/auth/logout', async (req, reply) => {
    await service.logout(deps.db, requirePrincipal(req), { clientAddress: req.ip, now: now() });
    clearSessionCookie(reply, deps);
    return reply.status(204).send();
  });

  app.post('/api/v1/auth/logout-everywhere', async (req, reply): Promise<LogoutEverywhere> => {
    const ended = await service.logoutEverywhere(deps.db, requirePrincipal(req), {
      clientAddress: req.ip,
      now: now(),
    });
    clearSessionCookie(reply, deps);
    return { ended };
  });
}
