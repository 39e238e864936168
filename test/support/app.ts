import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { Db } from '../../src/db/db.js';
import { openTestDb, silentLogger, testConfig, type TestDb } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  t: TestDb;
  close(): Promise<void>;
}

export interface TestAppOptions {
  demo?: boolean;
  /** The clock the app uses (session timeouts); defaults to the real time. */
  now?: () => Date;
  /** Extra environment for the configuration, e.g. { SESSION_IDLE_MINUTES: '5' }. */
  env?: Record<string, string>;
  /** The app's logger; silent unless given (tests that check what is logged pass their own). */
  logger?: FastifyBaseLogger;
}

const databases = new WeakMap<FastifyInstance, Db>();

/** The database behind an app opened by openTestApp (for test helpers such as loginAs). */
export function dbOf(app: FastifyInstance): Db {
  const db = databases.get(app);
  if (!db) throw new Error('this app was not opened with openTestApp');
  return db;
}

/** The real HTTP app over a fresh test database, for `app.inject` tests. */
export async function openTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const t = await openTestDb(options);
  const app = await buildApp(
    { db: t.db, config: testConfig(options.env), ...(options.now ? { now: options.now } : {}) },
    { logger: options.logger ?? silentLogger, webDir: '/nonexistent' },
  );
  databases.set(app, t.db);
  await app.ready();
  return {
    app,
    t,
    async close() {
      await app.close();
      await t.close();
    },
  };
}
