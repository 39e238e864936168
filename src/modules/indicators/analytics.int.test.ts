import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Fact } from '../../domain/facts/fact.js';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { loginAs, type LoggedIn } from '../../../test/support/auth.js';
import { activeDefinitions, recordFacts } from './engine.js';
import { publishQueued } from './publish.js';

interface Row {
  level: string;
  code: string;
  name: string | null;
  sex: string;
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  status: string;
  version: number;
  unsuppressed?: { numerator: number; denominator: number; rate: number | null };
}

describe('GET /api/v1/analytics', () => {
  let h: TestApp;
  /** Scoped to another region, so every row here is seen as the public sees it. */
  let outsider: LoggedIn;
  const get = (url: string, user: LoggedIn = outsider) =>
    h.app.inject({ url, headers: { cookie: user.cookie } });
  before(async () => {
    h = await openTestApp({ demo: true });
    outsider = await loginAs(h, 'regional_development_leader', { kind: 'region', code: '03' });
    const defs = await activeDefinitions(h.t.db);
    const units = await h.t.db.query<{ unit_id: string; municipality_code: string }>(
      `SELECT unit_id, municipality_code FROM org_unit_version
        WHERE municipality_code IN ('0114', '0115') AND operating_area = 'elderly_care' AND valid_to = 'infinity'
        ORDER BY municipality_code, unit_id`,
    );
    let n = 0;
    // 0114: 30 persons, 20 assessed; 0115: 3 persons, all assessed (small: must be suppressed).
    for (const u of units.rows) {
      const persons =
        u.municipality_code === '0114'
          ? Math.ceil(30 / units.rows.filter((x) => x.municipality_code === '0114').length)
          : 1;
      for (let i = 0; i < persons && (u.municipality_code !== '0115' || n < 1000); i++) {
        n++;
        const sex: 'K' | 'M' = n % 2 ? 'K' : 'M';
        const base = {
          register: 'senior_alert' as const,
          person: `p${n}`,
          unitId: u.unit_id,
          sex,
          age: 80,
        };
        const facts: Fact[] = [{ ...base, kind: 'served', date: '2024-03-01', attributes: {} }];
        if (u.municipality_code === '0115' || n % 3 !== 0)
          facts.push({
            ...base,
            kind: 'risk_assessment',
            date: '2024-03-02',
            attributes: { instrument: 'downton', risk: false },
          });
        await h.t.db.transaction((tx) => recordFacts(tx, defs, facts, { type: 'test', id: String(n) }));
      }
    }
    await publishQueued(h.t.db, defs, { threshold: 5 });
  });
  after(async () => h.close());

  it('answers published values by indicator, org unit, period and sex, with names', async () => {
    const res = await get('/api/v1/analytics?dx=K10001&ou=0000;01;LEVEL-municipality&pe=2024&sex=T;K;M');
    assert.equal(res.statusCode, 200);
    const rows = res.json<{ rows: Row[] }>().rows;
    const nation = rows.find((r) => r.level === 'nation' && r.sex === 'T');
    const expected = await h.t.db.query<{ n: number; d: number }>(
      `SELECT sum(numerator) AS n, sum(denominator) AS d FROM indicator_count WHERE indicator_id = 'K10001' AND period = '2024'`,
    );
    assert.deepEqual(
      [nation?.numerator, nation?.denominator, nation?.name, nation?.version],
      [Number(expected.rows[0]?.n), Number(expected.rows[0]?.d), 'Riket', 1],
    );
    assert.ok(rows.some((r) => r.level === 'region' && r.code === '01'));
    const m0114 = rows.find((r) => r.level === 'municipality' && r.code === '0114' && r.sex === 'T');
    assert.equal(m0114?.name, 'Upplands Väsby');
    // Region 01 = 0114 + 0115 here and 0115 is small, so 0114 is hidden too (else 0115 = region − 0114).
    assert.deepEqual([m0114?.status, m0114?.numerator], ['suppressed', null]);
    assert.ok(!rows.some((r) => r.level === 'unit'), 'units only when asked for');
  });

  it('never returns the numbers of a suppressed cell', async () => {
    const res = await get('/api/v1/analytics?dx=K10001&ou=LEVEL-municipality;LEVEL-unit&pe=2024&sex=T;K;M');
    const rows = res.json<{ rows: Row[] }>().rows;
    const suppressed = rows.filter((r) => r.status === 'suppressed');
    assert.ok(suppressed.length > 0);
    for (const r of suppressed) assert.deepEqual([r.numerator, r.denominator, r.rate], [null, null, null]);
    assert.ok(
      rows.every((r) => r.unsuppressed === undefined),
      "nothing here is in the caller's scope",
    );
    for (const r of rows) {
      if (r.denominator !== null && r.denominator > 0)
        assert.ok(r.denominator >= 5, `${r.level} ${r.code} ${r.sex} shows ${r.denominator}`);
    }
  });

  it('refuses bad dimensions with 400 naming the parameter', async () => {
    const res = await get('/api/v1/analytics?dx=N00945&pe=2024-Q7');
    assert.equal(res.statusCode, 400);
    const fields = res
      .json<{ errors: Array<{ field: string }> }>()
      .errors.map((e) => e.field.split('.')[0])
      .sort();
    assert.deepEqual([...new Set(fields)], ['dx', 'pe']);
  });

  it('lists the active indicator definitions', async () => {
    const res = await h.app.inject('/api/v1/indicators');
    const ids = res.json<{ indicators: Array<{ id: string }> }>().indicators.map((d) => d.id);
    assert.ok(ids.length >= 20);
    assert.ok(ids.includes('K20007'));
  });

  it('needs a login with aggregate access: 401 anonymous, 403 for a knowledge editor', async () => {
    const url = '/api/v1/analytics?dx=K10001&pe=2024';
    assert.equal((await h.app.inject(url)).statusCode, 401);
    const editor = await loginAs(h, 'knowledge_editor');
    assert.equal((await get(url, editor)).statusCode, 403);
  });

  it('shows an analyst the unsuppressed numbers of their own municipality and its units, nothing else', async () => {
    const analyst = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0115' });
    const res = await get(
      '/api/v1/analytics?dx=K10001&ou=01;LEVEL-municipality;LEVEL-unit&pe=2024&sex=T',
      analyst,
    );
    assert.equal(res.statusCode, 200);
    const rows = res.json<{ rows: Row[] }>().rows;
    const own = rows.find((r) => r.level === 'municipality' && r.code === '0115');
    const truth = await h.t.db.query<{ n: number; d: number }>(
      `SELECT sum(c.numerator) AS n, sum(c.denominator) AS d FROM indicator_count c
         JOIN org_unit_version v ON v.unit_id = c.unit_id AND v.valid_to = 'infinity'
        WHERE c.indicator_id = 'K10001' AND c.period = '2024' AND v.municipality_code = '0115'`,
    );
    assert.equal(own?.status, 'suppressed', 'the public value stays suppressed');
    assert.deepEqual(
      [own?.unsuppressed?.numerator, own?.unsuppressed?.denominator],
      [Number(truth.rows[0]?.n), Number(truth.rows[0]?.d)],
    );
    const ownUnits = rows.filter((r) => r.level === 'unit' && r.unsuppressed !== undefined);
    assert.ok(ownUnits.length > 0);
    assert.equal(
      ownUnits.reduce((sum, r) => sum + (r.unsuppressed?.denominator ?? 0), 0),
      Number(truth.rows[0]?.d),
    );
    const other = rows.find((r) => r.level === 'municipality' && r.code === '0114');
    assert.deepEqual([other?.status, other?.numerator, other?.unsuppressed], ['suppressed', null, undefined]);
    const region = rows.find((r) => r.level === 'region' && r.code === '01');
    assert.equal(region?.unsuppressed, undefined, "the region is wider than the analyst's scope");
  });
});
