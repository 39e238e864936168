import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Db } from '../../db/db.js';
import { openTestDb, silentLogger, TEST_PSEUDONYM_KEY, type TestDb } from '../../../test/support/db.js';
import { activeDefinitions, rebuildIndicators } from '../indicators/engine.js';
import { extendServedFacts } from '../registers/facts.js';
import { writeDemoNation } from './service.js';

/**
 * "Served" used to be stored as one fact per service period and month; it is now one span per
 * period, expanded by the view the counting reads (indicators/sql/0240_served_span.sql). The
 * digests below are of every count (indicator, version, period of every type, unit, sex) that the
 * code with stored served facts produced for this nation (main at 7443157): after it was written
 * and rebuilt, and after the daily job extended the running periods incrementally. Counts above
 * a unit are sums of these, so every level is covered.
 */
const WRITTEN = 'daf2d759c7872f31e927668e04bffda5';
const EXTENDED = 'a255a15a50962e195ee87e981c72776a';

async function countsDigest(db: Db): Promise<{ digest: string; rows: number }> {
  const { rows } = await db.query<{ line: string }>(
    `SELECT c.indicator_id || '|' || c.version || '|' || c.period || '|' || u.code || '|' || c.sex || '|'
            || c.numerator || '/' || c.denominator AS line
       FROM indicator_count c JOIN org_unit u ON u.id = c.unit_id
      ORDER BY c.indicator_id, c.version, c.period, u.code, c.sex`,
  );
  const hash = createHash('sha256');
  for (const r of rows) hash.update(`${r.line}\n`);
  return { digest: hash.digest('hex').slice(0, 32), rows: rows.length };
}

describe('served in month: counts as with one stored fact per month', () => {
  let t: TestDb;

  before(async () => {
    t = await openTestDb({ demo: true });
    await writeDemoNation(
      t.db,
      {
        persons: 150,
        seed: 'served-spans',
        asOf: '2025-11-20',
        years: 1,
        replace: false,
        key: Buffer.from(TEST_PSEUDONYM_KEY, 'utf8'),
        threshold: 5,
      },
      silentLogger,
    );
  });
  after(async () => t.close());

  it('counts the written nation as before, and the daily job extends it incrementally as before', async () => {
    const written = await countsDigest(t.db);
    const defs = await activeDefinitions(t.db);
    assert.ok(await extendServedFacts(t.db, defs, '2026-02-10'));
    const extended = await countsDigest(t.db);
    assert.equal(written.digest, WRITTEN);
    assert.equal(extended.digest, EXTENDED);
    await rebuildIndicators(t.db, defs);
    assert.deepEqual(await countsDigest(t.db), extended, 'a rebuild gives the incremental counts');
  });
});
