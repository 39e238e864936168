import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { projectRoot } from '../config/paths.js';
import { silentLogger, testConfig } from '../../test/support/db.js';
import { prepareDatabase } from '../runtime/prepare.js';
import { createUnit } from '../modules/org/service.js';
import { createOpendataRoutes } from '../modules/opendata/routes.js';
import { registerReadAfter, READ_AFTER_COOKIE } from '../server/read-after.js';
import type { Db } from './db.js';
import { openPostgres } from './postgres.js';
import { openReadReplicas, type ReadDb } from './replicas.js';
import { parseLsn, readAfter } from './read-after.js';

const serverUrl = process.env['DATABASE_URL'];

/** Runs one of the scripts/ helpers and returns the variables it exports. */
function script(name: string, ...args: string[]): Record<string, string> {
  const out = execFileSync('bash', [path.join(projectRoot(), 'scripts', name), ...args], {
    encoding: 'utf8',
  });
  return Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

/**
 * A real primary and a hot standby made by pg_basebackup -R on loopback (scripts/pg-standby.sh):
 * public reads are served by the standby, a user's own writes are read back from wherever they
 * have arrived, and a stopped standby is skipped.
 */
describe(
  'reads on a streaming standby',
  { timeout: 120_000, skip: serverUrl ? false : 'needs DATABASE_URL' },
  () => {
    let primaryDir = '';
    let standbyDir = '';
    let primary: Db | undefined;
    let readDb: ReadDb | undefined;
    let app: FastifyInstance | undefined;
    let standbyUrl = '';
    let primaryUrl = '';

    before(async () => {
      const p = script('pg-throwaway.sh', 'start');
      primaryDir = p['PG_THROWAWAY_DIR'] ?? '';
      primaryUrl = p['DATABASE_URL'] ?? '';
      primary = await openPostgres(primaryUrl, 4);
      await prepareDatabase(primary, testConfig(), silentLogger);
      const s = script('pg-standby.sh', 'start', primaryUrl);
      standbyDir = s['PG_STANDBY_DIR'] ?? '';
      standbyUrl = s['DATABASE_READ_URL'] ?? '';
      // A paused standby stays within this lag, so the test can hold it behind the primary.
      readDb = openReadReplicas([standbyUrl], primary, { maxLagSeconds: 3600, checkMs: 600_000 });
      app = Fastify();
      registerReadAfter(app, primary, 60, false);
      app.post('/write', (_req, reply) => reply.code(204).send());
      await createOpendataRoutes({ docs: false, cache: { pollMs: 0 } })(app, {
        db: primary,
        readDb,
        config: testConfig(),
      });
      await app.ready();
    });
    after(async () => {
      await app?.close();
      await readDb?.close();
      await primary?.close();
      if (standbyDir) script('pg-standby.sh', 'stop', standbyDir);
      if (primaryDir) script('pg-throwaway.sh', 'stop', primaryDir);
    });

    const primaryLsn = async () =>
      parseLsn(
        (await (primary as Db).query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]
          ?.lsn,
      ) ?? 0n;
    /** Checks the standby until it has replayed `lsn` (it streams continuously; no sleep decides). */
    const replayed = async (lsn: bigint) => {
      const r = readDb as ReadDb;
      for (;;) {
        await r.check();
        const s = r.standbys()[0];
        if (s?.usable && s.replayLsn !== undefined && s.replayLsn >= lsn) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const inRecovery = async () =>
      (await (readDb as ReadDb).query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]?.r;
    const ous = async (cookie?: string) => {
      const res = await (app as FastifyInstance).inject({
        url: '/api/kolada/v3/ou?title=Replikg%C3%A5rden',
        headers: cookie ? { cookie } : {},
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ count: number }>().count;
    };

    it('serves reads from the standby, a writer from where their write has arrived, and skips a stopped standby', async () => {
      await replayed(await primaryLsn());
      assert.equal(await inRecovery(), true, 'a plain read runs on the standby');

      const standby = new pg.Client({ connectionString: standbyUrl });
      await standby.connect();
      await standby.query('SELECT pg_wal_replay_pause()');
      await createUnit(primary as Db, {
        name: 'Replikgården särskilt boende',
        municipalityCode: '0180',
        providerType: 'municipal',
        operatingArea: 'elderly_care',
        unitType: 'special_housing',
        validFrom: '2020-01-01',
      });
      const written = await (app as FastifyInstance).inject({ method: 'POST', url: '/write' });
      const cookie = String(written.headers['set-cookie'] ?? '').split(';')[0] ?? '';
      assert.match(cookie, new RegExp(`^${READ_AFTER_COOKIE}=[0-9A-F]+/[0-9A-F]+$`));
      const lsn = parseLsn(cookie.split('=')[1]) ?? 0n;

      assert.equal(await ous(), 0, 'the public read comes from the standby, which has not replayed the unit');
      assert.equal(await ous(cookie), 1, 'the writer reads from the primary while the standby is behind');
      await readAfter.run({ lsn }, async () => assert.equal(await inRecovery(), false));

      await standby.query('SELECT pg_wal_replay_resume()');
      await standby.end();
      await replayed(lsn);
      assert.equal(await ous(cookie), 1);
      await readAfter.run({ lsn }, async () =>
        assert.equal(await inRecovery(), true, 'caught up: back on the standby'),
      );

      script('pg-standby.sh', 'stop', standbyDir);
      standbyDir = '';
      assert.equal(await inRecovery(), false, 'a query on the stopped standby is retried on the primary');
      await (readDb as ReadDb).check();
      assert.equal((readDb as ReadDb).standbys()[0]?.usable, false);
      assert.equal(await ous(), 1);
    });
  },
);
