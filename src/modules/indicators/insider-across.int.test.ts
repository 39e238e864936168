import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jointLeaks, sensitiveShown, type JointTable } from '../../domain/disclosure/joint.js';
import type { Fact } from '../../domain/facts/fact.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { INSTRUMENT } from '../../domain/indicators/catalogue.js';
import { quantityIds } from '../../domain/indicators/quantity.js';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { analyticsAsCaller } from '../../../test/support/analytics.js';
import { loginAs, type LoggedIn } from '../../../test/support/auth.js';
import { detailTable } from './analytics-detail.js';
import { activeDefinitions, recordFacts } from './engine.js';
import { publishQueued } from './publish.js';

/**
 * Insiders across indicators (issue #17, item 4): K10001, K10008 and K10009 share their
 * denominator (persons 65+ served) per node × sex. A caller who reads all three for one period
 * sees the same live denominators under three suppression patterns; their own unsuppressed cells
 * plus everything shown, over the union of the three tables, must determine no sensitive count
 * (1 … threshold − 1) outside their scope, and show none.
 */
interface Row {
  indicator: string;
  level: 'nation' | 'region' | 'municipality' | 'unit';
  code: string;
  sex: 'T' | 'K' | 'M';
  status: string;
  unsuppressed?: { numerator: number; denominator: number };
}

const YEAR = '2024';
const THRESHOLD = 5;
const GROUP = ['K10001', 'K10008', 'K10009'];

describe('analytics: a caller across indicators that share a quantity', () => {
  let h: TestApp;
  let defs: IndicatorDefinition[];
  let units: Array<{ unit_id: string; municipality_code: string }> = [];

  before(async () => {
    h = await openTestApp({ demo: true });
    defs = await activeDefinitions(h.t.db);
    ({ rows: units } = await h.t.db.query<{ unit_id: string; municipality_code: string }>(
      `SELECT unit_id, municipality_code FROM org_unit_version
        WHERE municipality_code IN ('0114', '0115', '0180') AND operating_area = 'elderly_care' AND valid_to = 'infinity'
        ORDER BY municipality_code, unit_id`,
    ));
    // Small and mixed counts per unit, so that the three tables suppress differently.
    const served = [6, 2, 9, 7, 3, 12, 8, 1, 5, 11, 4, 10];
    let n = 0;
    const facts: Fact[] = [];
    units.forEach((u, ui) => {
      const persons = served[ui % served.length] ?? 5;
      for (let i = 0; i < persons; i++) {
        const sex = (i + ui) % 3 === 0 ? ('M' as const) : ('K' as const);
        const base = {
          register: 'senior_alert' as const,
          person: `across-${++n}`,
          unitId: u.unit_id,
          age: 81,
          sex,
        };
        facts.push({ ...base, kind: 'served', date: `${YEAR}-03-01`, attributes: {} });
        if ((i + ui) % 2 === 0)
          facts.push({
            ...base,
            kind: 'risk_assessment',
            date: `${YEAR}-03-02`,
            attributes: { instrument: INSTRUMENT.downton, risk: i % 3 === 0 },
          });
        if ((i * 7 + ui) % 4 === 0)
          facts.push({ ...base, kind: 'event', date: `${YEAR}-04-02`, attributes: { eventType: 'fall' } });
        if ((i * 5 + ui) % 6 === 1)
          facts.push({
            ...base,
            kind: 'event',
            date: `${YEAR}-05-02`,
            attributes: { eventType: 'pressure_ulcer', grade: 2 },
          });
      }
    });
    await h.t.db.transaction((tx) => recordFacts(tx, defs, facts, { type: 'insider-across', id: '1' }));
    await h.t.db.query(`DELETE FROM publication_queue WHERE period !~ '^[0-9]{4}$'`);
    await publishQueued(h.t.db, defs, { threshold: THRESHOLD });
  });
  after(async () => h.close());

  const view = (user: LoggedIn, dx: string) => analyticsAsCaller<Row>(h, user, dx, YEAR);

  /** The union attack over what one caller reads of the group, one request per indicator. */
  const attack = async (user: LoggedIn): Promise<{ leaks: string[]; shown: string[] }> => {
    const joint: JointTable[] = [];
    const names: string[][] = [];
    for (const id of GROUP) {
      const def = defs.find((d) => d.id === id);
      assert.ok(def);
      const table = await detailTable(h.t.db, defs, id, YEAR, THRESHOLD);
      assert.ok(table);
      const rows = await view(user, id);
      const byKey = new Map(rows.map((r) => [`${r.level}|${r.code}|${r.sex}`, r]));
      const keys = [...table.index.entries()].sort((a, b) => a[1] - b[1]).map(([k]) => k);
      const hidden = new Set<number>();
      const known = new Set<number>();
      keys.forEach((k, i) => {
        const r = byKey.get(k);
        assert.ok(r, `${id} ${k} answered`);
        if (r.unsuppressed) known.add(i);
        else if (r.status === 'suppressed') hidden.add(i);
      });
      const cells = table.cells.map((c) => ({ node: c.node, sex: c.sex }));
      joint.push({
        parents: table.parents,
        cells,
        ...quantityIds(def, cells),
        numerators: table.cells.map((c) => c.numerator),
        denominators: table.cells.map((c) => c.denominator),
        hidden,
      });
      names.push(keys.map((k, i) => (known.has(i) ? '' : `${id} ${k}`)));
    }
    const name = (l: { table: number; cell: number; part: string }) =>
      `${names[l.table]?.[l.cell]} ${l.part}`;
    return {
      leaks: jointLeaks(joint, THRESHOLD).map(name),
      // The caller's own small counts are theirs to see; any other shown one is a leak.
      shown: sensitiveShown(joint, THRESHOLD)
        .filter((l) => names[l.table]?.[l.cell] !== '')
        .map(name),
    };
  };

  it('recovers and shows no sensitive count outside the caller scope, for unit staff and an analyst', async () => {
    const in0114 = units.filter((u) => u.municipality_code === '0114');
    assert.ok(in0114.length >= 2, 'two elderly-care units in 0114');
    const callers: Array<[string, LoggedIn]> = [
      ['analyst 0114', await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0114' })],
    ];
    for (const u of in0114)
      callers.push([
        `caseworker ${u.unit_id}`,
        await loginAs(h, 'caseworker', { kind: 'unit', unitId: u.unit_id }),
      ]);
    const found: string[] = [];
    for (const [who, user] of callers) {
      const { leaks, shown } = await attack(user);
      found.push(...leaks.map((l) => `${who}: recovered ${l}`), ...shown.map((l) => `${who}: shown ${l}`));
    }
    assert.deepEqual(found, []);
  });

  it('gives a caller one pattern per table whichever tables of the group a request names', async () => {
    const analyst = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0114' });
    const pattern = (rows: readonly Row[], id: string) =>
      rows.filter((r) => r.indicator === id).map((r) => `${r.level}|${r.code}|${r.sex}|${r.status}`);
    const together = await view(analyst, GROUP.join(';'));
    for (const id of GROUP) assert.deepEqual(pattern(await view(analyst, id), id), pattern(together, id), id);
  });
});
