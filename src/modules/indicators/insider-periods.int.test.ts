import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aggregatePinned } from '../../domain/disclosure/periods.js';
import type { Fact } from '../../domain/facts/fact.js';
import { INSTRUMENT } from '../../domain/indicators/catalogue.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { nodeOf, unitNode } from '../../domain/indicators/rollup.js';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { loginAs, type LoggedIn } from '../../../test/support/auth.js';
import { activeDefinitions, recordFacts } from './engine.js';
import { publishQueued } from './publish.js';
import { determinedCells, narrowedCells } from './testing.js';

/**
 * Insiders across periods (issue #17, item 4): a year and its months are both visible in the
 * analytics API. Counts are distinct persons, so max(months) ≤ year ≤ Σ months, and a unit whose
 * persons all fall in one shown month has its year pinned even where the year table hides it.
 * One municipality, three units, all women assessed with Downton and at high risk (K10006):
 * the caller's unit A 20 in January, B 6 in March, C 2 in July. The year hides C (2) and a
 * complement; B's months pin B's year at 6, so the municipality total minus A minus B would
 * give C away. The caller's year answer must hide enough that it does not.
 */
interface Row extends Record<string, unknown> {
  period: string;
  level: 'nation' | 'region' | 'municipality' | 'unit';
  code: string;
  sex: 'T' | 'K' | 'M';
  numerator: number | null;
  denominator: number | null;
  status: string;
  unsuppressed?: { numerator: number; denominator: number };
}

const YEAR = '2024';
const DX = 'K10006';

describe('analytics: a year and its months together give nothing away', () => {
  let h: TestApp;
  let defs: IndicatorDefinition[];
  let units: string[] = [];
  let caller: LoggedIn;

  before(async () => {
    h = await openTestApp({ demo: true });
    defs = await activeDefinitions(h.t.db);
    const { rows } = await h.t.db.query<{ municipality_code: string }>(
      `SELECT municipality_code FROM org_unit_version
        WHERE operating_area = 'elderly_care' AND valid_to = 'infinity'
        GROUP BY municipality_code HAVING count(*) >= 3 ORDER BY municipality_code LIMIT 1`,
    );
    const { rows: found } = await h.t.db.query<{ unit_id: string }>(
      `SELECT unit_id FROM org_unit_version WHERE municipality_code = $1 AND operating_area = 'elderly_care'
          AND valid_to = 'infinity' ORDER BY unit_id LIMIT 3`,
      [rows[0]?.municipality_code],
    );
    units = found.map((r) => r.unit_id);
    assert.equal(units.length, 3);
    const plan: Array<[unitId: string, persons: number, month: string]> = [
      [units[0] ?? '', 20, '01'],
      [units[1] ?? '', 6, '03'],
      [units[2] ?? '', 2, '07'],
    ];
    const facts: Fact[] = [];
    let n = 0;
    for (const [unitId, persons, month] of plan)
      for (let i = 0; i < persons; i++) {
        const base = {
          register: 'senior_alert' as const,
          person: `periods-${++n}`,
          unitId,
          age: 82,
          sex: 'K' as const,
        };
        facts.push({ ...base, kind: 'served', date: `${YEAR}-${month}-01`, attributes: {} });
        facts.push({
          ...base,
          kind: 'risk_assessment',
          date: `${YEAR}-${month}-02`,
          attributes: { instrument: INSTRUMENT.downton, risk: true },
        });
      }
    await h.t.db.transaction((tx) => recordFacts(tx, defs, facts, { type: 'periods-test', id: '1' }));
    await publishQueued(h.t.db, defs, { threshold: 5 });
    caller = await loginAs(h, 'caseworker', { kind: 'unit', unitId: units[0] ?? '' });
  });
  after(async () => h.close());

  const view = async (pe: string, dx = DX): Promise<Row[]> => {
    const res = await h.app.inject({
      url: `/api/v1/analytics?dx=${dx}&pe=${pe}&ou=0000;LEVEL-region;LEVEL-municipality;LEVEL-unit&sex=T;K;M`,
      headers: { cookie: caller.cookie },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ rows: Row[] }>().rows;
  };

  /** The year's published pattern with the caller's own unsuppressed cells from `year` merged in. */
  const publishedBeside = async (dx: string, year: readonly Row[]): Promise<Row[]> => {
    const { rows } = await h.t.db.query<Row>(
      `SELECT period, level, code, sex, numerator, denominator, status FROM published_value
        WHERE indicator_id = $1 AND period = $2`,
      [dx, YEAR],
    );
    return rows.map((p) => {
      const o = year.find((r) => r.level === p.level && r.code === p.code && r.sex === p.sex);
      return o?.unsuppressed ? { ...p, unsuppressed: o.unsuppressed } : p;
    });
  };

  /** The year's cells the caller can work out: the verifier over the year as shown, B's year pinned. */
  const recovered = async (year: readonly Row[], pinned: ReadonlyMap<string, Row>): Promise<string[]> => {
    const def = defs.find((d) => d.id === DX);
    assert.ok(def);
    return determinedCells(
      h.t.db,
      def,
      YEAR,
      (part) =>
        year.map((r) => {
          const cell = `${r.level}|${r.code}|${r.sex}`;
          const value = r.unsuppressed?.[part] ?? pinned.get(cell)?.[part] ?? r[part] ?? '..';
          return { node: nodeOf(r.level, r.code), sex: r.sex, value };
        }),
      '',
    );
  };

  it('hides from a caseworker what the months of another unit plus the year would give away', async () => {
    const year = await view(YEAR);
    const months = (
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => view(`${YEAR}-${String(i + 1).padStart(2, '0')}`)),
      )
    ).flat();
    const other = (r: Pick<Row, 'level' | 'code'>) => r.level === 'unit' && r.code === units[1];
    // B's year is hidden from the caller, but its months pin it (all shown, one non-zero).
    const bYear = year.find((r) => other(r) && r.sex === 'K');
    assert.equal(bYear?.status, 'suppressed', 'B is hidden in the year');
    const bMonths = months.filter((r) => other(r) && r.sex === 'K');
    assert.deepEqual(
      bMonths.map((r) => [r.period, r.numerator, r.status]),
      [[`${YEAR}-03`, 6, 'ok']],
    );
    const subs = bMonths.map((r) => ({ numerator: r.numerator, denominator: r.denominator, visible: true }));
    assert.equal(aggregatePinned(subs), true);
    const pinned = new Map<string, Row>();
    for (const sex of ['K', 'T'] as const) {
      const m = months.find((r) => other(r) && r.sex === sex);
      if (m) pinned.set(`unit|${units[1]}|${sex}`, m);
    }
    // What the analytics API used to answer: the year's published pattern beside the caller's own unit.
    const naive = await publishedBeside(DX, year);
    const leaked = await recovered(naive, pinned);
    assert.ok(
      leaked.includes(`numerator:${unitNode(units[2] ?? '')}/K`),
      `the old answer gave C away: ${leaked.join(', ')}`,
    );
    assert.deepEqual(await recovered(year, pinned), [], 'the year and the months give nothing away');
  });

  it('hides from a caseworker what months that only narrow another unit’s year would give away', async () => {
    // Pressure-ulcer risk (K10004) in the same municipality: A 20 in January, B 6 in March and 5
    // more in April, C 2 in July. B's months bound its hidden year to 6 … 11 without pinning it;
    // the municipality total minus A then puts C within 2 … 7, proving at least two persons.
    const dx = 'K10004';
    const plan: Array<[unitId: string, persons: number, month: string]> = [
      [units[0] ?? '', 20, '01'],
      [units[1] ?? '', 6, '03'],
      [units[1] ?? '', 5, '04'],
      [units[2] ?? '', 2, '07'],
    ];
    const facts: Fact[] = [];
    let n = 0;
    for (const [unitId, persons, month] of plan)
      for (let i = 0; i < persons; i++)
        facts.push({
          register: 'senior_alert',
          person: `ranges-${++n}`,
          unitId,
          age: 80,
          sex: 'K',
          kind: 'risk_assessment',
          date: `${YEAR}-${month}-02`,
          attributes: { instrument: INSTRUMENT.norton, risk: true },
        });
    await h.t.db.transaction((tx) => recordFacts(tx, defs, facts, { type: 'ranges-test', id: '1' }));
    await publishQueued(h.t.db, defs, { threshold: 5 });
    const def = defs.find((d) => d.id === dx);
    assert.ok(def);
    const b = (r: Pick<Row, 'level' | 'code' | 'sex'>) =>
      r.level === 'unit' && r.code === units[1] && r.sex === 'K';
    const months = (
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => view(`${YEAR}-${String(i + 1).padStart(2, '0')}`, dx)),
      )
    ).flat();
    const bMonths = months.filter(b).map((r) => [r.period, r.numerator, r.status]);
    assert.deepEqual(bMonths, [
      [`${YEAR}-03`, 6, 'ok'],
      [`${YEAR}-04`, 5, 'ok'],
    ]);
    // What the caller learns of B's year from its months: 6 … 11, numerator and denominator alike.
    const bNode = unitNode(units[1] ?? '');
    const range = (_: string, cell: string) => (cell === `${bNode}/K` ? { lo: 6, hi: 11 } : undefined);
    const narrowed = (rows: readonly Row[]) =>
      narrowedCells(
        h.t.db,
        def,
        YEAR,
        (part) =>
          rows.map((r) => ({
            node: nodeOf(r.level, r.code),
            sex: r.sex,
            value: r.unsuppressed?.[part] ?? r[part] ?? '..',
          })),
        range,
        5,
      );
    const year = await view(YEAR, dx);
    assert.equal(year.find(b)?.status, 'suppressed', 'B is hidden in the year');
    // The answer before ranges were considered: the published year beside the caller's own unit.
    const naive = await publishedBeside(dx, year);
    const cNode = unitNode(units[2] ?? '');
    assert.ok((await narrowed(naive)).includes(`numerator:${cNode}/K`), 'the old answer narrowed C to 2 … 7');
    assert.deepEqual(await narrowed(year), [], 'no hidden small count narrowed beyond ±1');
  });
});
