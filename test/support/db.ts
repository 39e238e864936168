import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config/config.js';
import { projectRoot } from '../../src/config/paths.js';
import type { Db } from '../../src/db/db.js';
import { openPglite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';
import { prepareDatabase } from '../../src/runtime/prepare.js';
import { REFERENCE_DATA_DIR } from './paths.js';

/**
 * Test databases: in-memory PGlite by default; with DATABASE_URL set, a fresh database on that
 * server per test file (dropped afterwards), so the same suite runs against both engines.
 */
export { REFERENCE_DATA_DIR };

export const TEST_PSEUDONYM_KEY = 'test-pseudonym-key-not-a-secret-0123456789';

export const TEST_AUDIT_CHECKPOINT_KEY = 'test-audit-checkpoint-key-not-a-secret-0123';

export function testConfig(overrides: Record<string, string> = {}): Config {
  // Fixed keys, so tests never create DATA_DIR/pseudonym.key or audit-checkpoint.key in the working tree.
  return loadConfig(
    {
      REFERENCE_DATA_DIR,
      DEMO: '0',
      LOG_LEVEL: 'silent',
      PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      AUDIT_CHECKPOINT_KEY: TEST_AUDIT_CHECKPOINT_KEY,
      ...overrides,
    },
    projectRoot(),
  );
}

export const silentLogger = pino({ level: 'silent' });

export interface TestDb {
  db: Db;
  /** Connection string of the per-test database (server mode only). */
  url?: string;
  close(): Promise<void>;
}

export async function openEmptyTestDb(): Promise<TestDb> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    const db = await openPglite(undefined);
    return { db, close: () => db.close() };
  }
  const name = `kn_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 4);
  return {
    db,
    url: url.toString(),
    async close() {
      await db.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A migrated database with reference data (and demo units when asked). */
export async function openTestDb(options: { demo?: boolean } = {}): Promise<TestDb> {
  const t = await openEmptyTestDb();
  await prepareDatabase(t.db, testConfig({ DEMO: options.demo ? '1' : '0' }), silentLogger);
  return t;
}
