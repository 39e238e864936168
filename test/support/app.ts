import type { FastifyBaseLogger, FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { Db } from '../../src/db/db.js';
import { openTestDb, silentLogger, testConfig, type TestDb } from './db.js';
import { OpenApiCheck } from './openapi-check.js';

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
  checkAgainstOpenApi(app);
  return {
    app,
    t,
    async close() {
      await app.close();
      await t.close();
    },
  };
}

/**
 * Every response an integration test receives through `app.inject(options)` is checked against
 * the app's /api/openapi.json (see openapi-check.ts for what is covered): a mismatch fails the
 * test with the list of problems.
 */
function checkAgainstOpenApi(app: FastifyInstance): void {
  const inject = app.inject.bind(app);
  let check: Promise<OpenApiCheck> | null = null;
  const checked = async (opts: InjectOptions | string): Promise<LightMyRequestResponse> => {
    const res = await inject(opts);
    const target = typeof opts === 'string' ? opts : (opts.url ?? opts.path);
    // An URL given as parts ({pathname, query}) is left unchecked: the tests pass strings.
    const url = typeof target === 'string' ? target : '';
    if (!OpenApiCheck.covers(url)) return res;
    check ??= inject('/api/openapi.json').then((r) => new OpenApiCheck(r.json()));
    const method = (typeof opts === 'string' ? 'get' : (opts.method ?? 'get')).toLowerCase();
    const problems = (await check).problems(method, url, res);
    if (problems.length)
      throw new Error(`response not as /api/openapi.json describes it:\n${problems.join('\n')}`);
    return res;
  };
  // Only the promise form (inject(options)) is checked; the chain and callback forms pass through.
  app.inject = ((opts?: InjectOptions | string, cb?: unknown) =>
    opts === undefined || cb !== undefined
      ? (inject as (...a: unknown[]) => unknown)(opts, cb)
      : checked(opts)) as FastifyInstance['inject'];
}
