import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openEmptyTestDb, type TestDb } from '../../../test/support/db.js';
import { discoverMigrations, migrate } from '../../db/migrate.js';
import { ensureFactYears, prepareFactPartitions, yearsInDefault } from './fact-partitions.js';

const UNIT = '00000000-0000-4000-8000-0000000000aa';
const PARTITIONED = 285;

async function insertFact(t: TestDb, date: string, person: string): Promise<void> {
  await t.db.query(
    `INSERT INTO indicator_fact (register, kind, person, unit_id, fact_date, sex, age, source_type, source_id)
     VALUES ('senior_alert', 'risk_assessment', $1, $2, $3, 'K', 84, 'entry', $1)`,
    [person, UNIT, date],
  );
}

async function partitionOf(t: TestDb): Promise<Record<string, string>> {
  const { rows } = await t.db.query<{ person: string; part: string }>(
    'SELECT person, tableoid::regclass::text AS part FROM indicator_fact ORDER BY person',
  );
  return Object.fromEntries(rows.map((r) => [r.person, r.part]));
}

describe('indicator_fact partitioned by year', () => {
  let t: TestDb;
  before(async () => {
    t = await openEmptyTestDb();
    const all = discoverMigrations();
    await migrate(
      t.db,
      all.filter((m) => m.version < PARTITIONED),
    );
    // Facts written by the version before partitioning: the upgrade carries them.
    await insertFact(t, '2019-03-04', 'p2019');
    await insertFact(t, '2024-12-31', 'p2024');
    await migrate(t.db, all);
  });
  after(async () => t.close());

  it('carries the facts of an earlier version into a partition per year present', async () => {
    assert.deepEqual(await partitionOf(t), { p2019: 'indicator_fact_y2019', p2024: 'indicator_fact_y2024' });
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM indicator_fact_counted');
    assert.equal(rows[0]?.n, 2);
  });

  it('keeps a year without a partition in the default, and splits it out on demand', async () => {
    await insertFact(t, '2041-06-01', 'p2041');
    assert.equal((await partitionOf(t))['p2041'], 'indicator_fact_default');
    assert.deepEqual(await yearsInDefault(t.db), [2041]);
    assert.deepEqual(await ensureFactYears(t.db, [2041, 2019]), [2041]);
    assert.equal((await partitionOf(t))['p2041'], 'indicator_fact_y2041');
    assert.deepEqual(await yearsInDefault(t.db), []);
    assert.deepEqual(await ensureFactYears(t.db, [2041]), []);
  });

  it("has this year's and next year's partitions after a start", async () => {
    await prepareFactPartitions(t.db, new Date('2050-05-01T00:00:00Z'));
    await insertFact(t, '2051-01-01', 'p2051');
    assert.equal((await partitionOf(t))['p2051'], 'indicator_fact_y2051');
  });

  it('reads only the partition of the year a query names (pruning)', async () => {
    const { rows } = await t.db.query<Record<string, string>>(
      `EXPLAIN SELECT * FROM indicator_fact WHERE person = 'p2024'
          AND fact_date >= make_date(2024, 1, 1) AND fact_date < make_date(2025, 1, 1)`,
    );
    const plan = rows.map((r) => Object.values(r).join('')).join('\n');
    assert.match(plan, /indicator_fact_y2024/);
    assert.doesNotMatch(plan, /indicator_fact_y2019|indicator_fact_default/);
  });
});
