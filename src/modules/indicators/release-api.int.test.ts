import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { AnalyticsAnswer } from '../../contracts/indicators.js';
import type { Fact } from '../../domain/facts/fact.js';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs } from '../../../test/support/auth.js';
import { silentLogger, testConfig } from '../../../test/support/db.js';
import { releaseCommand } from './cli.js';
import { activeDefinitions, recordFacts } from './engine.js';
import { publishQueued } from './publish.js';
import { startReleaser } from './releaser.js';

/**
 * Making and announcing releases: on demand from the command line and the administrators' API,
 * on the configured cadence, and the public values frozen in between.
 */
describe('releases: on demand, scheduled, announced', () => {
  let h: TestApp;
  let serial = 0;

  const record = async (persons: number) => {
    const defs = await activeDefinitions(h.t.db);
    const { rows } = await h.t.db.query<{ unit_id: string }>(
      `SELECT unit_id FROM org_unit_version WHERE municipality_code = '0180' AND operating_area = 'elderly_care'
        AND valid_to = 'infinity' ORDER BY unit_id LIMIT 1`,
    );
    const unitId = rows[0]?.unit_id ?? '';
    const facts: Fact[] = [];
    for (let i = 0; i < persons; i++) {
      const base = {
        register: 'senior_alert' as const,
        person: `r${++serial}`,
        unitId,
        sex: 'K' as const,
        age: 80,
      };
      facts.push({ ...base, kind: 'served', date: '2024-03-01', attributes: {} });
    }
    await h.t.db.transaction((tx) =>
      recordFacts(tx, defs, facts, { type: 'release-test', id: String(serial) }),
    );
    await h.t.db.query(`DELETE FROM publication_queue WHERE period !~ '^[0-9]{4}$'`);
    await publishQueued(h.t.db, defs, { threshold: 5 });
  };
  const publicDenominator = async () => {
    const res = await h.app.inject('/api/public/intervals/K10001/2024?levels=nation');
    if (res.statusCode === 404) return { release: res.headers['x-kunskapsnav-release'], value: null };
    const v = res.json<{ values: Array<{ gender: string; denominator: number | null }> }>().values;
    return {
      release: res.headers['x-kunskapsnav-release'],
      value: v.find((x) => x.gender === 'T')?.denominator ?? null,
    };
  };

  /** The public side picks a new release up within its cache's poll interval (200 ms). */
  const publicAfter = async (version: string) => {
    for (let i = 0; i < 100; i++) {
      const seen = await publicDenominator();
      if (seen.release === version) return seen;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return publicDenominator();
  };

  before(async () => {
    h = await openTestApp({ demo: true });
    await record(40);
  });
  after(async () => h.close());

  it('shows nothing publicly before the first release, and the live value to the entitled at once', async () => {
    assert.equal((await publicDenominator()).value, null, 'not found before the first release');
    const kolada = await h.app.inject('/api/kolada/v3/data/kpi/K10001/year/2024');
    assert.equal(kolada.headers['x-kunskapsnav-release'], 'none');
    assert.equal(kolada.json<{ count: number }>().count, 0);
    const analyst = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0180' });
    const res = await h.app.inject({
      url: '/api/v1/analytics?dx=K10001&pe=2024&ou=0180&sex=T',
      headers: { cookie: analyst.cookie },
    });
    const body = res.json<{
      live: boolean;
      public_release: unknown;
      rows: Array<{ unsuppressed?: { denominator: number } }>;
    }>();
    assert.equal(body.live, true);
    assert.equal(body.public_release, null);
    assert.equal(body.rows[0]?.unsuppressed?.denominator, 40);
  });

  it('makes a release from the command line', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const code = await releaseCommand.run({
      db: h.t.db,
      config: testConfig(),
      log: silentLogger,
      values: {},
      positionals: [],
      out,
    });
    assert.equal(code, 0);
    assert.match(printed, /^Release \d{4}\.\d{2}\.1 made at .*: \d+ tables, \d+ cells, \d+ suppressed\.\n$/);
    const first = await publicAfter(/^Release (\S+)/.exec(printed)?.[1] ?? '');
    assert.match(String(first.release), /^\d{4}\.\d{2}\.1$/);
    assert.ok(
      first.value !== null && Math.abs(first.value - 40) <= 2,
      `released ${first.value} for 40 (noise ≤ 2)`,
    );
  });

  it('keeps the public values frozen between releases', async () => {
    const before = await publicDenominator();
    await record(10);
    assert.deepEqual(await publicDenominator(), before, 'a write does not move the public value');
  });

  it('shows the entitled each live number beside what the release published of it', async () => {
    const analyst = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0180' });
    const res = await h.app.inject({
      url: '/api/v1/analytics?dx=K10001&pe=2024&ou=0000;0180&sex=T',
      headers: { cookie: analyst.cookie },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<AnalyticsAnswer>();
    const row = (level: string) => body.rows.find((r) => r.level === level);
    // The nation as the public sees it: the very cell of the release.
    const nation = row('nation')?.released;
    assert.ok(nation && nation.status === 'ok', JSON.stringify(nation));
    assert.equal(nation.denominator, (await publicDenominator()).value);
    // The analyst's own municipality: 50 persons live, the release still says about 40.
    const own = row('municipality');
    assert.equal(own?.unsuppressed?.denominator, 50);
    assert.ok(own?.released && own.released.status === 'ok', JSON.stringify(own?.released));
    assert.ok(Math.abs((own.released.denominator ?? -99) - 40) <= 2, `released ${own.released.denominator}`);
  });

  it('lets only administrators make a release over HTTP', async () => {
    const anonymous = await h.app.inject({ method: 'POST', url: '/api/v1/releases' });
    assert.equal(anonymous.statusCode, 401);
    const analyst = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0180' });
    const refused = await h.app.inject({ method: 'POST', url: '/api/v1/releases', headers: asUser(analyst) });
    assert.equal(refused.statusCode, 403);
    const admin = await loginAs(h, 'national_administrator', { kind: 'nation' });
    const made = await h.app.inject({ method: 'POST', url: '/api/v1/releases', headers: asUser(admin) });
    assert.equal(made.statusCode, 201, made.body);
    const { version } = made.json<{ version: string }>();
    assert.match(version, /^\d{4}\.\d{2}\.2$/);
    const after = await publicAfter(version);
    assert.equal(after.release, version);
    assert.ok(after.value !== null && Math.abs(after.value - 50) <= 2, `released ${after.value} for 50`);
  });

  it('announces the releases, the next date and the method', async () => {
    const res = await h.app.inject('/api/public/releases');
    assert.equal(res.statusCode, 200);
    const body = res.json<{
      latest: { version: string; kind: string };
      next_scheduled: string;
      cadence: string;
      method: {
        method: string;
        probabilities: Array<{ d: number; p: number }>;
        suppressionThreshold: number;
      };
      releases: Array<{ version: string; kind: string; final_periods: string[] }>;
    }>();
    assert.equal(body.releases.length, 2);
    assert.deepEqual(
      body.releases.map((r) => r.kind),
      ['on_demand', 'on_demand'],
    );
    assert.equal(body.latest.version, body.releases[0]?.version);
    assert.deepEqual(body.releases[0]?.final_periods, ['2024'], 'a closed year is final');
    assert.equal(body.cadence, 'monthly');
    const next = new Date(body.next_scheduled);
    assert.equal(next.getUTCDate(), 1, 'the 1st of the next month');
    assert.equal(body.method.method, 'cell-key');
    assert.deepEqual(
      body.method.probabilities.map((p) => p.p * 16),
      [1, 4, 6, 4, 1],
    );
    assert.equal(body.method.suppressionThreshold, 5);
  });

  it('makes a scheduled release only when one is due', async () => {
    const releaser = startReleaser(h.t.db, testConfig(), silentLogger, 3_600_000);
    try {
      const now = new Date();
      assert.equal(await releaser.runOnce(now), null, 'the last release was made this month');
      const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 0, 0, 1));
      const made = await releaser.runOnce(nextMonth);
      assert.ok(made);
      assert.match(made.version, /\.1$/);
      const manual = startReleaser(
        h.t.db,
        testConfig({ RELEASE_CADENCE: 'manual' }),
        silentLogger,
        3_600_000,
      );
      assert.equal(await manual.runOnce(new Date(Date.UTC(2100, 0, 1))), null, 'manual: never scheduled');
      await manual.stop();
    } finally {
      await releaser.stop();
    }
  });
});
