import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { BackupMade } from '../../contracts/identity.js';
import { backupEmbedded } from '../../db/embedded-backup.js';
import { ConflictError } from '../../domain/errors.js';
import type { AppDeps } from '../../server/deps.js';
import { authorize } from '../../server/authorize.js';
import { appendAudit } from '../audit/append.js';

/**
 * POST /api/v1/admin/backups: a consistent backup of a running embedded server, written by the
 * server itself (which holds the DATA_DIR lock) into BACKUP_DIR on its own host. The tarball holds
 * the data directory, and with it any key files generated there, so it never leaves the host over
 * HTTP: the answer names the file. A PostgreSQL server is backed up with `kunskapsnav backup`
 * (pg_dump) instead. PGlite runs one query at a time and dumps between queries, so the tarball is
 * a crash-consistent image: whatever was committed is in it, and a transaction still open is
 * rolled back when it is restored.
 */
export function backupRoutes(app: FastifyInstance, { db, config }: AppDeps): void {
  app.post('/api/v1/admin/backups', async (req, reply) => {
    const principal = await authorize(req, 'system.backup');
    if (!db.dumpDataDir)
      throw new ConflictError(
        'this server runs on PostgreSQL: back it up with `kunskapsnav backup FILE` (pg_dump), see src/server/OPERATIONS.md',
      );
    if (!path.relative(config.dataDir, config.backupDir).startsWith('..'))
      throw new ConflictError(
        'BACKUP_DIR must lie outside DATA_DIR, or each backup would hold the ones before it',
      );
    const at = new Date();
    fs.mkdirSync(config.backupDir, { recursive: true, mode: 0o700 });
    const file = path.join(config.backupDir, `kunskapsnav-${at.toISOString().replace(/[:.]/g, '-')}.tar.gz`);
    await backupEmbedded(db, file);
    fs.chmodSync(file, 0o600);
    const bytes = fs.statSync(file).size;
    await db.transaction((tx) =>
      appendAudit(tx, {
        actorUserId: principal.userId,
        action: 'export',
        outcome: 'allowed',
        recordType: 'backup',
        recordId: path.basename(file),
        clientAddress: req.ip,
        details: { bytes },
      }),
    );
    const made: BackupMade = { file, bytes, madeAt: at.toISOString() };
    return reply.status(201).send(made);
  });
}
