import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.js';
import { parseLsn, readAfter } from '../db/read-after.js';

export const READ_AFTER_COOKIE = 'kn_read_after';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * With standbys configured: a successful write answers with the primary's WAL position in a
 * cookie, and a request carrying one reads only from standbys that have replayed that far
 * (src/db/read-after.ts), so nothing a user has just written disappears for them, whichever
 * process serves the next request. The cookie lives `seconds` (twice the allowed lag).
 */
export function registerReadAfter(app: FastifyInstance, primary: Db, seconds: number, secure: boolean): void {
  app.addHook('onRequest', (req, _reply, done) => {
    const m = new RegExp(`(?:^|;\\s*)${READ_AFTER_COOKIE}=([0-9A-Fa-f]+/[0-9A-Fa-f]+)`).exec(
      req.headers.cookie ?? '',
    );
    const lsn = parseLsn(m?.[1]);
    if (lsn === undefined) done();
    else readAfter.run({ lsn }, done);
  });
  app.addHook('onSend', async (req, reply) => {
    if (SAFE.has(req.method) || reply.statusCode >= 400) return;
    const { rows } = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const lsn = rows[0]?.lsn;
    if (!lsn) return;
    const attributes = `Path=/; Max-Age=${Math.ceil(seconds)}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
    reply.header('set-cookie', `${READ_AFTER_COOKIE}=${lsn}; ${attributes}`);
  });
}
