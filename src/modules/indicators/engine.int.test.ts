import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Fact } from '../../domain/facts/fact.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { seededRandom } from '../../domain/random.js';
import { openTestDb, type TestDb } from '../../../test/support/db.js';
import { activeDefinitions, rebuildIndicators, recordFacts, replaceFacts } from './engine.js';
import { allCounts, type CountRow } from './queries.js';

async function makeUnits(t: TestDb, n: number): Promise<string[]> {
  const { rows } = await t.db.query<{ id: string }>(
    `WITH u AS (INSERT INTO org_unit (synthetic) SELECT true FROM generate_series(1, $1) RETURNING id)
     SELECT id FROM u ORDER BY id`,
    [n],
  );
  return rows.map((r) => r.id);
}

const count = (rows: CountRow[], indicatorId: string, period: string, unitId: string, sex: 'K' | 'M') =>
  rows.find(
    (r) => r.indicatorId === indicatorId && r.period === period && r.unitId === unitId && r.sex === sex,
  );

describe('indicator engine', () => {
  let t: TestDb;
  let defs: IndicatorDefinition[];
  let units: string[];
  before(async () => {
    t = await openTestDb();
    defs = await activeDefinitions(t.db);
    units = await makeUnits(t, 4);
  });
  after(async () => t.close());

  it('has the shipped catalogue active after start', () => {
    assert.ok(defs.length >= 20);
    assert.ok(defs.some((d) => d.id === 'K20007'));
  });

  it('updates counts in the same transaction as the registration, and a correction moves them back', async () => {
    const [u] = units;
    assert.ok(u);
    const base: Fact = {
      kind: 'served',
      register: 'senior_alert',
      person: 'ps-1',
      unitId: u,
      date: '2024-03-05',
      sex: 'K',
      age: 82,
      attributes: {},
    };
    await t.db.transaction((tx) => recordFacts(tx, defs, [base], { type: 'test', id: 'served-1' }));
    let rows = await allCounts(t.db);
    assert.deepEqual(count(rows, 'K10001', '2024', u, 'K'), {
      indicatorId: 'K10001',
      version: 1,
      period: '2024',
      unitId: u,
      sex: 'K',
      numerator: 0,
      denominator: 1,
    });

    const assessment: Fact = {
      ...base,
      kind: 'risk_assessment',
      date: '2024-03-06',
      attributes: { instrument: 'modified-norton', risk: true },
    };
    await t.db.transaction((tx) => recordFacts(tx, defs, [assessment], { type: 'test', id: 'ra-1' }));
    rows = await allCounts(t.db);
    assert.equal(count(rows, 'K10001', '2024', u, 'K')?.numerator, 1);
    assert.equal(count(rows, 'K10001', '2024-Q1', u, 'K')?.numerator, 1);
    assert.deepEqual(
      [count(rows, 'K10004', '2024', u, 'K')?.numerator, count(rows, 'K10004', '2024', u, 'K')?.denominator],
      [1, 1],
    );

    // Corrected: the assessment was in fact made in April, with no risk.
    await t.db.transaction((tx) =>
      replaceFacts(
        tx,
        defs,
        [{ ...assessment, date: '2024-04-02', attributes: { instrument: 'modified-norton', risk: false } }],
        { type: 'test', id: 'ra-1' },
      ),
    );
    rows = await allCounts(t.db);
    assert.equal(count(rows, 'K10001', '2024-Q1', u, 'K')?.numerator, 0);
    assert.equal(count(rows, 'K10001', '2024', u, 'K')?.numerator, 1);
    assert.deepEqual(
      [count(rows, 'K10004', '2024', u, 'K')?.numerator, count(rows, 'K10004', '2024', u, 'K')?.denominator],
      [0, 1],
    );
    // The assessment alone does not make the person served in Q2: no K10001 Q2 cell exists.
    assert.equal(count(rows, 'K10001', '2024-Q2', u, 'K'), undefined);
  });

  it('a failed registration leaves no counts behind', async () => {
    const [, u] = units;
    assert.ok(u);
    const before = await allCounts(t.db);
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await recordFacts(
          tx,
          defs,
          [
            {
              kind: 'served',
              register: 'senior_alert',
              person: 'ps-x',
              unitId: u,
              date: '2024-01-01',
              sex: 'M',
              age: 90,
              attributes: {},
            },
          ],
          { type: 'test', id: 'x' },
        );
        throw new Error('registration failed after its facts');
      }),
      /registration failed/,
    );
    assert.deepEqual(await allCounts(t.db), before);
  });

  it('gives exactly the same counts incrementally as a full rebuild, over random registrations and corrections', async () => {
    const rng = seededRandom(42);
    const kinds = ['served', 'risk_assessment', 'planned_action', 'follow_up', 'event'] as const;
    const maybe = <T>(value: T): T | null => (rng.chance(0.8) ? value : null);
    const randomFact = (i: number): Fact => {
      const common = {
        person: `p${rng.int(1, 120)}`,
        unitId: rng.pick(units),
        date: `${rng.pick(['2023', '2024'])}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
        sex: rng.chance(0.5) ? ('K' as const) : ('M' as const),
        age: rng.int(60, 99),
      };
      const register = rng.pick(['senior_alert', 'senior_alert', 'palliative', 'followup'] as const);
      if (register === 'palliative') {
        return {
          ...common,
          register,
          kind: rng.pick(['death', 'death_registration'] as const),
          attributes: {
            expected: maybe(rng.chance(0.8)),
            oralHealthAssessed: rng.chance(0.7),
            painAssessedValidated: maybe(rng.chance(0.6)),
            breakpointConversation: rng.chance(0.5) ? true : 'unknown',
          },
        };
      }
      if (register === 'followup') {
        return {
          ...common,
          register,
          kind: 'followup_measure',
          attributes: {
            instrument: rng.pick(['audit', 'dudit', 'icf-ibic']),
            phase: rng.pick(['baseline', '6m', '12m']),
            improved: maybe(rng.chance(0.5)),
            goalsMet: maybe(rng.chance(0.5)),
            interventionCode: rng.pick(['AAA-BB-1', 'CCC-DD-2']),
          },
        };
      }
      return {
        ...common,
        register,
        kind: rng.pick(kinds),
        attributes: {
          instrument: rng.pick(['modified-norton', 'mna-sf', 'downton', 'roag']),
          risk: maybe(rng.chance(0.4)),
          riskArea: rng.pick(['pressure_ulcer', 'malnutrition', 'falls']),
          eventType: rng.pick(['fall', 'pressure_ulcer']),
          grade: rng.chance(0.9) ? rng.int(1, 4) : String(rng.int(1, 4)),
          seq: i,
        },
      };
    };
    for (let i = 0; i < 150; i++) {
      const facts = Array.from({ length: rng.int(1, 4) }, (_, k) => randomFact(i * 10 + k));
      await t.db.transaction((tx) => recordFacts(tx, defs, facts, { type: 'random', id: String(i) }));
    }
    for (let i = 0; i < 30; i++) {
      const id = String(rng.int(0, 149));
      const facts = rng.chance(0.3) ? [] : [randomFact(10_000 + i)];
      await t.db.transaction((tx) => replaceFacts(tx, defs, facts, { type: 'random', id }));
    }
    const incremental = await allCounts(t.db);
    const stats = await rebuildIndicators(t.db, defs);
    const rebuilt = await allCounts(t.db);
    assert.equal(stats.counts, incremental.length);
    assert.ok(incremental.length > 200);
    assert.deepEqual(rebuilt, incremental);
  });
});
