import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Fact } from '../../domain/facts/fact.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { INSTRUMENT } from '../../domain/indicators/catalogue.js';
import { nodeOf, unitNode } from '../../domain/indicators/rollup.js';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { analyticsAsCaller } from '../../../test/support/analytics.js';
import { loginAs, type LoggedIn } from '../../../test/support/auth.js';
import { activeDefinitions, recordFacts } from './engine.js';
import { publishQueued } from './publish.js';
import { determinedCells } from './testing.js';

/**
 * Insiders know their own numbers (issue #17, item 4): a caller's unsuppressed cells plus every
 * value the analytics API shows them must recover no cell hidden from them. Small Stockholm-like
 * case: in 0114 the caller's unit has 4 women at high fall risk, another unit 1; the municipality
 * total 5 is publishable on its own, and would give the other unit away to the caller.
 */
interface Row extends Record<string, unknown> {
  level: 'nation' | 'region' | 'municipality' | 'unit';
  code: string;
  sex: 'T' | 'K' | 'M';
  numerator: number | null;
  denominator: number | null;
  status: string;
  unsuppressed?: { numerator: number; denominator: number };
}

const YEAR = '2024';

describe('analytics: what a caller may see unsuppressed counts as known', () => {
  let h: TestApp;
  let defs: IndicatorDefinition[];
  let ownUnit = '';
  let otherUnit = '';

  before(async () => {
    h = await openTestApp({ demo: true });
    defs = await activeDefinitions(h.t.db);
    const { rows } = await h.t.db.query<{ unit_id: string; municipality_code: string }>(
      `SELECT unit_id, municipality_code FROM org_unit_version
        WHERE municipality_code IN ('0114', '0180', '0115') AND operating_area = 'elderly_care' AND valid_to = 'infinity'
        ORDER BY municipality_code, unit_id`,
    );
    const in0114 = rows.filter((r) => r.municipality_code === '0114');
    assert.ok(in0114.length >= 2, 'two elderly-care units in 0114');
    ownUnit = in0114[0]?.unit_id ?? '';
    otherUnit = in0114[1]?.unit_id ?? '';
    const plan: Array<[unitId: string, persons: number]> = [
      [ownUnit, 4],
      [otherUnit, 1],
      ...rows.filter((r) => r.municipality_code !== '0114').map((r): [string, number] => [r.unit_id, 12]),
    ];
    let n = 0;
    const facts: Fact[] = [];
    for (const [unitId, persons] of plan)
      for (let i = 0; i < persons; i++) {
        const base = { register: 'senior_alert' as const, person: `insider-${++n}`, unitId, age: 82 };
        const sex = unitId === ownUnit || unitId === otherUnit || n % 2 ? ('K' as const) : ('M' as const);
        facts.push({ ...base, sex, kind: 'served', date: `${YEAR}-03-01`, attributes: {} });
        facts.push({
          ...base,
          sex,
          kind: 'risk_assessment',
          date: `${YEAR}-03-02`,
          attributes: {
            instrument: INSTRUMENT.downton,
            risk: unitId === ownUnit || unitId === otherUnit || n % 3 === 0,
          },
        });
      }
    await h.t.db.transaction((tx) => recordFacts(tx, defs, facts, { type: 'insider-test', id: '1' }));
    await h.t.db.query(`DELETE FROM publication_queue WHERE period !~ '^[0-9]{4}$'`);
    await publishQueued(h.t.db, defs, { threshold: 5 });
  });
  after(async () => h.close());

  const view = (user: LoggedIn, dx: string) => analyticsAsCaller<Row>(h, user, dx, YEAR);

  /** Runs the exact verifier over what the caller knows: unsuppressed cells, else shown values. */
  const recovered = async (dx: string, rows: readonly Row[], useUnsuppressed = true): Promise<string[]> => {
    const def = defs.find((d) => d.id === dx);
    assert.ok(def);
    return determinedCells(
      h.t.db,
      def,
      YEAR,
      (part) =>
        rows.map((r) => ({
          node: nodeOf(r.level, r.code),
          sex: r.sex,
          value: (useUnsuppressed ? r.unsuppressed?.[part] : undefined) ?? r[part] ?? '..',
        })),
      `${dx} `,
    );
  };

  it('hides from a caseworker what their own unit plus the municipality total would give away', async () => {
    const caseworker = await loginAs(h, 'caseworker', { kind: 'unit', unitId: ownUnit });
    const rows = await view(caseworker, 'K10006');
    const own = rows.find((r) => r.level === 'unit' && r.code === ownUnit && r.sex === 'K');
    assert.deepEqual([own?.unsuppressed?.numerator, own?.unsuppressed?.denominator], [4, 4]);
    const other = rows.find((r) => r.level === 'unit' && r.code === otherUnit && r.sex === 'K');
    assert.equal(other?.status, 'suppressed');
    // What the analytics API used to answer: the public pattern beside the unsuppressed own unit.
    const { rows: published } = await h.t.db.query<Row>(
      `SELECT level, code, sex, numerator, denominator, status FROM published_value
        WHERE indicator_id = 'K10006' AND period = $1`,
      [YEAR],
    );
    const naive = published.map((p) => {
      const o = rows.find((r) => r.level === p.level && r.code === p.code && r.sex === p.sex);
      return o?.unsuppressed ? { ...p, unsuppressed: o.unsuppressed } : p;
    });
    const leaked = await recovered('K10006', naive);
    assert.ok(
      leaked.includes(`numerator:${unitNode(otherUnit)}/K`),
      `the old answer gave the other unit away: ${leaked.join(', ')}`,
    );
    assert.deepEqual(await recovered('K10006', rows), [], 'the caller pattern gives nothing away');
  });

  it('recovers no hidden cell for a caseworker, an analyst and a regional leader, in any public indicator', async () => {
    const callers = {
      caseworker: await loginAs(h, 'caseworker', { kind: 'unit', unitId: ownUnit }),
      analyst: await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0114' }),
      regional: await loginAs(h, 'regional_development_leader', { kind: 'region', code: '01' }),
    };
    let checked = 0;
    for (const def of defs.filter(
      (d) => d.operatingArea === 'elderly_care' && d.periodTypes.includes('year'),
    )) {
      const { rows: has } = await h.t.db.query(
        `SELECT 1 FROM published_value WHERE indicator_id = $1 AND period = $2`,
        [def.id, YEAR],
      );
      if (has.length === 0) continue;
      for (const [who, user] of Object.entries(callers)) {
        const rows = await view(user, def.id);
        assert.deepEqual(await recovered(def.id, rows), [], `${who} ${def.id}`);
        checked++;
      }
    }
    assert.ok(checked >= 6, `${checked} caller × indicator tables checked`);
  });
});
