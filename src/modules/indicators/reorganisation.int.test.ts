import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Fact } from '../../domain/facts/fact.js';
import { openTestDb, type TestDb } from '../../../test/support/db.js';
import { changeUnit, createUnit } from '../org/service.js';
import { activeDefinitions, rebuildIndicators, recordFacts } from './engine.js';
import { publishQueued } from './publish.js';

interface Cell extends Record<string, unknown> {
  period: string;
  level: string;
  code: string;
  numerator: number | null;
  denominator: number | null;
}

/**
 * A unit that moves from Upplands Väsby (0114, Stockholm County) to Göteborg (1480, Västra
 * Götaland) on 2025-01-01: its 2024 values stay where it was in 2024, its 2025 values go where it
 * is in 2025 — also after a full rebuild, which must not rewrite history either.
 */
describe('indicators across a reorganisation', () => {
  let t: TestDb;
  let unitId: string;

  /** n persons served and assessed a year at the unit: half women; `assessed` of them assessed. */
  function factsOf(year: number, n: number, assessed: number): Fact[][] {
    return Array.from({ length: n }, (_, i) => {
      const base = {
        register: 'senior_alert' as const,
        person: `moved-${year}-${i}`,
        unitId,
        sex: i % 2 ? ('K' as const) : ('M' as const),
        age: 80,
      };
      const facts: Fact[] = [{ ...base, kind: 'served', date: `${year}-02-01`, attributes: {} }];
      if (i < assessed) {
        facts.push({
          ...base,
          kind: 'risk_assessment',
          date: `${year}-02-15`,
          attributes: { instrument: 'modified-norton', risk: false },
        });
      }
      return facts;
    });
  }

  async function published(): Promise<Map<string, [number | null, number | null]>> {
    const { rows } = await t.db.query<Cell>(
      `SELECT period, level, code, numerator, denominator FROM published_value
        WHERE indicator_id = 'K10001' AND sex = 'T' AND level <> 'unit'`,
    );
    return new Map(rows.map((r) => [`${r.period}|${r.level}|${r.code}`, [r.numerator, r.denominator]]));
  }

  before(async () => {
    t = await openTestDb();
    const unit = await createUnit(t.db, {
      name: 'Flyttgården',
      municipalityCode: '0114',
      providerType: 'municipal',
      operatingArea: 'elderly_care',
      unitType: 'special_housing',
      validFrom: '2020-01-01',
    });
    unitId = unit.unitId;
    await changeUnit(t.db, unitId, { effectiveFrom: '2025-01-01', municipalityCode: '1480' });
    const defs = await activeDefinitions(t.db);
    for (const facts of [...factsOf(2024, 20, 12), ...factsOf(2025, 30, 18)]) {
      await t.db.transaction((tx) =>
        recordFacts(tx, defs, facts, { type: 'test', id: facts[0]?.person ?? '' }),
      );
    }
    await publishQueued(t.db, defs, { threshold: 5 });
  });
  after(async () => t.close());

  it('publishes 2024 under the old municipality and region, 2025 under the new ones', async () => {
    const cells = await published();
    assert.deepEqual(cells.get('2024|municipality|0114'), [12, 20]);
    assert.deepEqual(cells.get('2024|region|01'), [12, 20]);
    assert.deepEqual(cells.get('2025|municipality|1480'), [18, 30]);
    assert.deepEqual(cells.get('2025|region|14'), [18, 30]);
    assert.deepEqual(cells.get('2024|nation|0000'), [12, 20]);
    assert.deepEqual(cells.get('2025|nation|0000'), [18, 30]);
    // Nothing of the unit in the municipality it was not part of that year, for any period type.
    for (const key of [
      '2024|municipality|1480',
      '2024|region|14',
      '2024-Q1|municipality|1480',
      '2025|municipality|0114',
      '2025|region|01',
      '2025-02|municipality|0114',
    ]) {
      const [, denominator] = cells.get(key) ?? [null, 0];
      assert.ok(!denominator, `${key}: ${denominator}`);
    }
  });

  it('gives the same published values after a full rebuild', async () => {
    const before = await published();
    const defs = await activeDefinitions(t.db);
    await rebuildIndicators(t.db, defs);
    await publishQueued(t.db, defs, { threshold: 5 });
    assert.deepEqual(await published(), before);
  });
});
