/**
 * Child process for the audit crash test (src/modules/audit/staged.int.test.ts): opens the
 * embedded database in DATA_DIR, then runs audited reads, eight at a time as concurrent requests
 * would, each a scoped transaction staging its entry (appendReadAudit), with the server's linker
 * running, and prints "ack <n>" only once read n's transaction committed (its answer could leave).
 */
import pino from 'pino';
import { openDatabase } from '../../src/runtime/database.js';
import { migrate } from '../../src/db/migrate.js';
import { inScope } from '../../src/db/scope.js';
import { appendReadAudit } from '../../src/modules/audit/append.js';
import { startAuditLinker } from '../../src/modules/audit/link.js';
import { testConfig } from './db.js';

const config = testConfig({ DATA_DIR: process.env['DATA_DIR'] ?? '' });
const { db } = await openDatabase({ ...config, databaseUrl: undefined, engine: 'pglite' });
await migrate(db);
// Linking every 5 ms: the kill falls on entries staged, being linked and linked.
startAuditLinker(db, pino({ level: 'silent' }), 5);
process.stdout.write('ready\n');
const scope = { accountId: '0b6f7c1e-3a52-4c1f-9e0a-8d1b2c3d4e5f', unitIds: [], municipalityCodes: [] };
let next = 1;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (;;) {
      const n = next++;
      await inScope(db, scope, (tx) =>
        appendReadAudit(tx, {
          actorUserId: scope.accountId,
          action: 'record_read',
          outcome: 'allowed',
          recordType: 'crash',
          recordId: String(n),
        }),
      );
      process.stdout.write(`ack ${n}\n`);
    }
  }),
);
