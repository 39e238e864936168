import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { Fact } from '../../domain/facts/fact.js';
import { openTestDb, silentLogger, testConfig, type TestDb } from '../../../test/support/db.js';
import { elderlyCareUnit } from '../org/testing.js';
import { rebuildIndicatorsCommand } from './cli.js';
import { activeDefinitions, recordFacts } from './engine.js';
import { allCounts } from './queries.js';

describe('kunskapsnav rebuild-indicators', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(async () => t.close());

  it('recomputes the same counts as the write path, fixes a damaged count and republishes', async () => {
    const defs = await activeDefinitions(t.db);
    const unit = (name: string, municipalityCode: string) =>
      elderlyCareUnit(t.db, name, municipalityCode).then((u) => u.unitId);
    const a = await unit('Solgården', '0114');
    const b = await unit('Ekbacken', '0115');
    assert.ok(a && b);
    for (let i = 0; i < 12; i++) {
      const base = {
        register: 'senior_alert' as const,
        person: `p${i}`,
        unitId: i % 3 ? a : b,
        sex: i % 2 ? ('K' as const) : ('M' as const),
        age: 70 + i,
      };
      const facts: Fact[] = [
        { ...base, kind: 'served', date: '2024-05-01', attributes: {} },
        {
          ...base,
          kind: 'risk_assessment',
          date: '2024-05-02',
          attributes: { instrument: 'downton', risk: i % 4 === 0 },
        },
      ];
      await t.db.transaction((tx) => recordFacts(tx, defs, facts, { type: 'test', id: `r${i}` }));
    }
    const incremental = await allCounts(t.db);
    await t.db.query(`UPDATE indicator_count SET numerator = numerator + 7 WHERE indicator_id = 'K10001'`);

    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const code = await rebuildIndicatorsCommand.run({
      db: t.db,
      config: testConfig(),
      log: silentLogger,
      values: {},
      positionals: [],
      out,
    });
    assert.equal(code, 0);
    assert.deepEqual(await allCounts(t.db), incremental);
    assert.match(
      printed,
      new RegExp(`^Rebuilt ${incremental.length} unit counts for ${defs.length} indicators`),
    );
    const published = await t.db.query<{ numerator: number; denominator: number }>(
      `SELECT numerator, denominator FROM published_value
        WHERE indicator_id = 'K10001' AND period = '2024' AND level = 'nation' AND sex = 'T'`,
    );
    assert.deepEqual(published.rows[0], { numerator: 12, denominator: 12 });
  });
});
