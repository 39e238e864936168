import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import type { Principal, Role, Scope } from '../../domain/policy/principal.js';
import { openTestDb, silentLogger, TEST_PSEUDONYM_KEY, type TestDb } from '../../../test/support/db.js';
import { writeDemoNation } from '../demo/service.js';
import { firstSyntheticUnit } from '../org/reads.js';
import { publishedValues, type AnalyticsRow } from './analytics-queries.js';
import { DetailCache, withEntitledDetail } from './analytics-entitled.js';
import { activeDefinitions, recordFacts } from './engine.js';
import { publishQueued } from './publish.js';
import { entitledDetailPerTable } from './testing.js';

/**
 * The batched, cached analytics detail gives the same answer as one national detail table per
 * (indicator, period) per request, for several scopes, before and after a write and its
 * publication, on a small synthetic nation.
 */
const principalOf = (role: Role, scope: Scope): Principal => ({
  userId: 'test',
  username: 'test',
  displayName: 'Test',
  authMethod: 'password',
  sessionId: 'test',
  assignments: [{ id: 'test', role, scope, validFrom: '2000-01-01', validTo: null }],
});

describe('analytics detail: batched and cached = per table', () => {
  let t: TestDb;
  let defs: IndicatorDefinition[];
  let unitId: string;
  const cache = new DetailCache();
  const rowsNow = () =>
    publishedValues(t.db, {
      indicators: ['K10001', 'K10006', 'K20007'],
      periods: ['2026', '2026-Q1'],
      sexes: ['T', 'K', 'M'],
      codes: { nation: true, regions: [], municipalities: [], units: [] },
      allOf: ['region', 'municipality', 'unit'],
      limit: 50_000,
    });
  const principals = () => [
    principalOf('municipal_analyst', { kind: 'municipality', code: '0180' }),
    principalOf('regional_development_leader', { kind: 'region', code: '01' }),
    principalOf('national_administrator', { kind: 'nation' }),
    principalOf('unit_manager', { kind: 'unit', unitId }),
  ];
  const assertSame = async (rows: AnalyticsRow[]) => {
    for (const p of principals()) {
      const expected = await entitledDetailPerTable(t.db, defs, p, rows, 5);
      const actual = await withEntitledDetail(t.db, defs, p, rows, 5, cache);
      assert.deepEqual(actual, expected, JSON.stringify(p.assignments[0]?.scope));
    }
  };

  before(async () => {
    t = await openTestDb({ demo: true });
    defs = await activeDefinitions(t.db);
    const key = Buffer.from(TEST_PSEUDONYM_KEY, 'utf8');
    const opts = { persons: 100, seed: 'analytics', asOf: '2026-03-31', years: 0, replace: false, key };
    await writeDemoNation(t.db, { ...opts, threshold: 5, publish: true }, silentLogger);
    unitId = (await firstSyntheticUnit(t.db, '0180', 'elderly_care')) ?? '';
  });
  after(async () => t.close());

  it('answers as the per-table computation, cold and from the cache', async () => {
    const rows = await rowsNow();
    assert.ok(rows.some((r) => r.level === 'unit'));
    assert.ok(rows.some((r) => r.status === 'suppressed'));
    await assertSame(rows);
    await assertSame(rows);
  });

  it('sees a write at once (a queued table is named by its counts) and again after publication', async () => {
    const rows = await rowsNow();
    for (let i = 0; i < 4; i++) {
      const person = `analytics-cache-${i}`;
      const base = { register: 'senior_alert' as const, person, unitId, sex: 'K' as const, age: 88 };
      const attributes = { instrument: 'downton', risk: true };
      const fact = { ...base, kind: 'risk_assessment' as const, date: '2026-03-02', attributes };
      await t.db.transaction((tx) => recordFacts(tx, defs, [fact], { type: 'test', id: person }));
    }
    await assertSame(rows);
    const stamps = async () =>
      (
        await t.db.query<{ key: string; x: string }>(
          `SELECT indicator_id || period || level || code || sex AS key, xmin::text AS x FROM published_value`,
        )
      ).rows;
    const before = new Map((await stamps()).map((r) => [r.key, r.x]));
    await publishQueued(t.db, defs, { threshold: 5 });
    await assertSame(await rowsNow());
    // Republishing wrote only the cells that changed (the unit's, its parents', maybe a few more).
    const after = await stamps();
    const rewritten = after.filter((r) => before.get(r.key) !== r.x).length;
    assert.ok(
      rewritten > 0 && rewritten < after.length / 2,
      `${rewritten} of ${after.length} rows rewritten`,
    );
  });

  it('keeps a queued table and its caller pattern while its counts stay, and drops them when they move', async () => {
    const analyst = principalOf('municipal_analyst', { kind: 'municipality', code: '0180' });
    const write = async (person: string) => {
      const base = { register: 'senior_alert' as const, person, unitId, sex: 'K' as const, age: 90 };
      const attributes = { instrument: 'downton', risk: true };
      const fact = { ...base, kind: 'risk_assessment' as const, date: '2026-03-04', attributes };
      await t.db.transaction((tx) => recordFacts(tx, defs, [fact], { type: 'test', id: person }));
    };
    await write('analytics-cache-queued-1');
    const { rows: queued } = await t.db.query<{ indicator_id: string; period: string }>(
      `SELECT indicator_id, period FROM publication_queue WHERE period IN ('2026', '2026-Q1')
          AND indicator_id IN ('K10001', 'K10006', 'K20007') ORDER BY 1, 2 LIMIT 1`,
    );
    const [table] = queued;
    assert.ok(table, 'the write queued a table the rows name');
    const version = defs.find((d) => d.id === table.indicator_id)?.version ?? 0;
    const key = `${table.indicator_id}|${version}|${table.period}`;
    const rows = await rowsNow();
    await withEntitledDetail(t.db, defs, analyst, rows, 5, cache);
    const first = cache.get(key);
    assert.ok(first, 'the queued table is kept');
    assert.ok(first.stamp.startsWith('counts:'), `a queued table is named by its counts: ${first.stamp}`);
    assert.equal(first.hiddenByScope.size, 1, 'the caller pattern is kept');
    await assertSame(rows);
    assert.equal(cache.get(key), first, 'unchanged counts: the same table answers');
    await write('analytics-cache-queued-2');
    await withEntitledDetail(t.db, defs, analyst, rows, 5, cache);
    const second = cache.get(key);
    assert.notEqual(second, first, 'moved counts: the table is rebuilt');
    assert.notEqual(second?.stamp, first.stamp);
    await assertSame(rows);
    await publishQueued(t.db, defs, { threshold: 5 });
  });

  it('keeps the tables it holds up to date when they are published, so the next answer rebuilds none', async () => {
    await assertSame(await rowsNow());
    const person = 'analytics-cache-kept';
    const base = { register: 'senior_alert' as const, person, unitId, sex: 'M' as const, age: 81 };
    const fact = {
      ...base,
      kind: 'risk_assessment' as const,
      date: '2026-03-03',
      attributes: { instrument: 'downton', risk: false },
    };
    await t.db.transaction((tx) => recordFacts(tx, defs, [fact], { type: 'test', id: person }));
    const { rows: queued } = await t.db.query<{ indicator_id: string; period: string }>(
      `SELECT indicator_id, period FROM publication_queue WHERE period IN ('2026', '2026-Q1')
          AND indicator_id IN ('K10001', 'K10006', 'K20007')`,
    );
    const keys = queued.map(
      (q) => `${q.indicator_id}|${defs.find((d) => d.id === q.indicator_id)?.version ?? 0}|${q.period}`,
    );
    assert.ok(keys.length > 0, 'the write queued tables analytics holds');
    await publishQueued(t.db, defs, { threshold: 5, analytics: cache });
    const kept = keys.map((key) => cache.get(key));
    for (const [i, entry] of kept.entries()) {
      assert.ok(entry, `the publisher kept ${keys[i]}`);
      assert.equal(entry.hiddenByScope.size, 0, 'computed by the publisher, not by a request');
    }
    await assertSame(await rowsNow());
    assert.ok(
      keys.every((key, i) => cache.get(key) === kept[i]),
      'answered from the kept tables',
    );
  });
});
