import type { Principal } from '../../domain/policy/principal.js';

/** What the identity hook puts on every request (null when anonymous). */
declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** The session's CSRF token, for `GET /api/v1/auth/session`. */
    sessionCsrfToken: string | null;
  }
}
