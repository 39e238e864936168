import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Fact } from '../../domain/facts/fact.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { seededRandom } from '../../domain/random.js';
import { openTestDb, type TestDb } from '../../../test/support/db.js';
import { activeDefinitions, recordFacts } from './engine.js';
import { publishQueued, publishTables } from './publish.js';
import { computeInline } from './publish-pool.js';
import { enqueue, takeQueued, unitCounts } from './publish-queries.js';
import { verifyPublishedTables, type PublishedRow } from './testing.js';

describe('publication', () => {
  let t: TestDb;
  let defs: IndicatorDefinition[];
  before(async () => {
    t = await openTestDb({ demo: true });
    defs = await activeDefinitions(t.db);
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT v.unit_id AS id FROM org_unit_version v
        WHERE v.municipality_code IN ('0114', '0115', '0117', '0180', '0980', '1280') AND v.operating_area = 'elderly_care'
          AND v.valid_from <= '2024-06-30' AND '2024-06-30' < v.valid_to
        ORDER BY v.unit_id`,
    );
    const units = rows.map((r) => r.id);
    const rng = seededRandom(2024);
    for (let p = 0; p < 400; p++) {
      const unitId = rng.pick(units);
      const person = `person-${p}`;
      const sex: 'K' | 'M' = rng.chance(0.6) ? 'K' : 'M';
      const base = {
        register: 'senior_alert' as const,
        person,
        unitId,
        sex: sex,
        age: rng.int(65, 98),
      };
      const facts: Fact[] = [{ ...base, kind: 'served', date: '2024-02-01', attributes: {} }];
      if (rng.chance(0.8))
        facts.push({
          ...base,
          kind: 'risk_assessment',
          date: '2024-02-15',
          attributes: { instrument: 'modified-norton', risk: rng.chance(0.4) },
        });
      if (rng.chance(0.1))
        facts.push({ ...base, kind: 'event', date: '2024-05-15', attributes: { eventType: 'fall' } });
      await t.db.transaction((tx) => recordFacts(tx, defs, facts, { type: 'test', id: person }));
    }
  });
  after(async () => t.close());

  it('publishes every queued table, and the queue is empty afterwards', async () => {
    const published = await publishQueued(t.db, defs, { threshold: 5 });
    assert.ok(published >= 6, `published ${published}`);
    const queue = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM publication_queue');
    assert.equal(queue.rows[0]?.n, 0);
  });

  it('publishes the nation exactly as the sum of the counts', async () => {
    const counts = await unitCounts(t.db, 'K10001', 1, '2024');
    const total = counts.reduce((s, c) => ({ n: s.n + c.numerator, d: s.d + c.denominator }), { n: 0, d: 0 });
    const { rows } = await t.db.query<PublishedRow>(
      `SELECT * FROM published_value WHERE indicator_id = 'K10001' AND period = '2024' AND level = 'nation' AND sex = 'T'`,
    );
    assert.deepEqual([rows[0]?.numerator, rows[0]?.denominator, rows[0]?.status], [total.n, total.d, 'ok']);
    assert.equal(total.d, 400);
  });

  it('leaves no suppressed count recoverable in any published table (exact verifier)', async () => {
    const { tables, suppressedCells } = await verifyPublishedTables(t.db, defs, 5);
    assert.ok(tables >= 6);
    assert.ok(suppressedCells > 0);
  });

  const queued = async () =>
    (
      await t.db.query<{ indicator_id: string; taken: boolean }>(
        `SELECT indicator_id, taken_at IS NOT NULL AS taken FROM publication_queue ORDER BY indicator_id`,
      )
    ).rows;

  it('queues a table again when a write moves its counts while it is being computed', async () => {
    const table = { indicatorId: 'K10001', period: '2024' };
    await enqueue(t.db, [table]);
    const published = await publishTables(
      t.db,
      defs,
      {
        threshold: 5,
        compute: async (jobs) => {
          assert.deepEqual(await queued(), [{ indicator_id: 'K10001', taken: true }]);
          await t.db.transaction((tx) => enqueue(tx, [table]));
          return computeInline(jobs);
        },
      },
      10,
    );
    assert.equal(published, 1);
    assert.deepEqual(await queued(), [{ indicator_id: 'K10001', taken: false }]);
    assert.equal(await publishQueued(t.db, defs, { threshold: 5 }), 1);
    assert.deepEqual(await queued(), []);
  });

  it('keeps a taken table queued when its publisher dies, and takes it again later', async () => {
    await enqueue(t.db, [{ indicatorId: 'K10001', period: '2024' }]);
    const at = new Date();
    assert.equal((await takeQueued(t.db, 10, at)).length, 1);
    // The publisher died here. Another run soon after leaves the table to it ...
    assert.equal(await publishQueued(t.db, defs, { threshold: 5 }), 0);
    assert.deepEqual(await queued(), [{ indicator_id: 'K10001', taken: true }]);
    // ... and takes it once the take has expired.
    const later = new Date(at.getTime() + 6 * 60_000);
    assert.equal((await takeQueued(t.db, 10, later)).length, 1);
  });
});
