import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Fact } from '../facts/fact.js';
import { INDICATOR_CATALOGUE } from './catalogue.js';
import { countIndicator, type ShareCounts, type UnitCounts } from './count.js';
import { indicatorDefinitionSchema } from './definition.js';
import { countDeltas, membershipsOf, type Membership } from './membership.js';
import { parsePeriod } from './period.js';
import { seededRandom } from '../random.js';

const definitions = INDICATOR_CATALOGUE.map((d) => indicatorDefinitionSchema.parse(d));

describe('memberships', () => {
  it('places a person in the year, quarter and month of their facts', () => {
    const k10001 = definitions.filter((d) => d.id === 'K10001');
    const facts: Fact[] = [
      {
        kind: 'served',
        register: 'senior_alert',
        person: 'p',
        unitId: 'u',
        date: '2024-02-10',
        sex: 'M',
        age: 70,
        attributes: {},
      },
      {
        kind: 'risk_assessment',
        register: 'senior_alert',
        person: 'p',
        unitId: 'u',
        date: '2024-05-02',
        sex: 'M',
        age: 70,
        attributes: {},
      },
    ];
    const rows = membershipsOf(k10001, facts).map((m) => [m.period, m.inNumerator]);
    assert.deepEqual(rows.sort(), [
      ['2024', true],
      ['2024-02', false],
      ['2024-Q1', false],
    ]);
  });

  it('sums to the reference counts on random facts, and deltas add up from nothing', () => {
    const rng = seededRandom(7);
    const kinds = ['served', 'risk_assessment', 'planned_action', 'follow_up', 'event'] as const;
    const facts: Fact[] = [];
    for (let i = 0; i < 3000; i++) {
      facts.push({
        kind: rng.pick(kinds),
        register: 'senior_alert',
        person: `p${rng.int(1, 300)}`,
        unitId: `u${rng.int(1, 5)}`,
        date: `2024-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
        sex: rng.chance(0.55) ? 'K' : 'M',
        age: rng.int(60, 100),
        attributes: {
          risk: rng.chance(0.4),
          instrument: rng.pick(['modified-norton', 'downton']),
          eventType: 'fall',
        },
      });
    }
    // Group as the engine does: one (person, unit, year) at a time.
    const groups = new Map<string, Fact[]>();
    for (const f of facts) {
      const key = `${f.person}|${f.unitId}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const all: Membership[] = [...groups.values()].flatMap((g) => membershipsOf(definitions, g));
    const totals = new Map<string, { numerator: number; denominator: number }>();
    for (const d of countDeltas([], all)) {
      totals.set(`${d.indicatorId}|${d.period}|${d.unitId}|${d.sex}`, {
        numerator: d.numerator,
        denominator: d.denominator,
      });
    }
    const period = parsePeriod('2024-Q3');
    if (!period) throw new Error('bad period');
    let compared = 0;
    for (const def of definitions.filter((d) => d.denominator.register === 'senior_alert')) {
      const reference: Array<[string, UnitCounts]> = [...countIndicator(def, facts, period)];
      for (const [unitId, counts] of reference) {
        for (const sex of ['K', 'M'] as const) {
          const got: ShareCounts = totals.get(`${def.id}|2024-Q3|${unitId}|${sex}`) ?? {
            numerator: 0,
            denominator: 0,
          };
          assert.deepEqual(got, counts[sex], `${def.id} ${unitId} ${sex}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 50);
  });

  it('gives the exact delta when a numerator fact is retracted', () => {
    const k10001 = definitions.filter((d) => d.id === 'K10001');
    const served: Fact = {
      kind: 'served',
      register: 'senior_alert',
      person: 'p',
      unitId: 'u',
      date: '2024-02-10',
      sex: 'K',
      age: 80,
      attributes: {},
    };
    const assessed: Fact = { ...served, kind: 'risk_assessment' };
    const before = membershipsOf(k10001, [served, assessed]);
    const after = membershipsOf(k10001, [served]);
    const deltas = countDeltas(before, after).map((d) => [d.period, d.numerator, d.denominator]);
    assert.deepEqual(deltas.sort(), [
      ['2024', -1, 0],
      ['2024-02', -1, 0],
      ['2024-Q1', -1, 0],
    ]);
  });
});
