import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { openTestDb, silentLogger, testConfig, type TestDb } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  t: TestDb;
  close(): Promise<void>;
}

/** The real HTTP app over a fresh test database, for `app.inject` tests. */
export async function openTestApp(options: { demo?: boolean } = {}): Promise<TestApp> {
  const t = await openTestDb(options);
  const app = await buildApp(
    { db: t.db, config: testConfig() },
    { logger: silentLogger, webDir: '/nonexistent' },
  );
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
