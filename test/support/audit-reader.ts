/**
 * Child process for the audit crash test (src/modules/audit/read-log.int.test.ts): opens the
 * embedded database in DATA_DIR, then logs reads through logRead, eight at a time as concurrent
 * requests would, and prints "ack <n>" only once read n's entry resolved (its answer could leave).
 */
import { openDatabase } from '../../src/runtime/database.js';
import { migrate } from '../../src/db/migrate.js';
import { logRead } from '../../src/modules/audit/read-log.js';
import { testConfig } from './db.js';

const config = testConfig({ DATA_DIR: process.env['DATA_DIR'] ?? '' });
const { db } = await openDatabase({ ...config, databaseUrl: undefined, engine: 'pglite' });
await migrate(db);
process.stdout.write('ready\n');
let next = 1;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (;;) {
      const n = next++;
      await logRead(db, {
        actorUserId: null,
        action: 'record_read',
        outcome: 'allowed',
        recordType: 'crash',
        recordId: String(n),
      });
      process.stdout.write(`ack ${n}\n`);
    }
  }),
);
