import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { projectRoot } from '../../src/config/paths.js';
import { openTestDb, silentLogger, testConfig, type TestDb } from './db.js';

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  t: TestDb;
  close(): Promise<void>;
}

/** The app with the built web (dist/web, made by `pretest`) listening on a loopback port. */
export async function startTestServer(options: { demo?: boolean } = {}): Promise<RunningServer> {
  const t = await openTestDb(options);
  const app = await buildApp(
    { db: t.db, config: testConfig({ DEMO: options.demo ? '1' : '0' }) },
    { logger: silentLogger, webDir: path.join(projectRoot(), 'dist', 'web') },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    t,
    async close() {
      await app.close();
      await t.close();
    },
  };
}
