/**
 * Child process for the crash test: opens the embedded database in DATA_DIR, then commits
 * rows one transaction at a time and prints "ack <n>" only after each commit returned.
 */
import { openDatabase } from '../../src/runtime/database.js';
import { migrate } from '../../src/db/migrate.js';
import { testConfig } from './db.js';

const config = testConfig({ DATA_DIR: process.env['DATA_DIR'] ?? '' });
const { db } = await openDatabase({ ...config, databaseUrl: undefined, engine: 'pglite' });
await migrate(db);
await db.exec('CREATE TABLE IF NOT EXISTS crash_probe (n integer PRIMARY KEY, payload text NOT NULL)');
process.stdout.write('ready\n');
for (let n = 1; ; n++) {
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO crash_probe (n, payload) VALUES ($1, $2)', [n, 'x'.repeat(2000)]);
  });
  process.stdout.write(`ack ${n}\n`);
}
