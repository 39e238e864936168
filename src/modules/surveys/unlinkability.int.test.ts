import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDb, TEST_PSEUDONYM_KEY, type TestDb } from '../../../test/support/db.js';
import * as service from './service.js';
import { makeUnits, openRound, ROUND_DAY, testKeys } from './testing.js';

/**
 * What a DBA with the whole database sees of the answers: the columns of the answer table, and
 * its physical order (ctid) and inserting transactions (xmin). See README.md for what is not covered.
 */
const ANSWER_SETS = [1, 2, 3, 4, '3', 'dk'].map((v, i) => ({
  'ec.overall': String(v),
  'ec.safe': ['4', '3', '2', '1'][i % 4] as string,
}));

describe('an answer cannot be linked to its code, batch or time', () => {
  let t: TestDb;
  let roundId: string;
  let units: string[];
  // Deterministic "randomness", so the test shows that the stored order depends on nothing else.
  const keys = testKeys(TEST_PSEUDONYM_KEY, () => 0);
  const codeKeys = testKeys(TEST_PSEUDONYM_KEY);

  const submitAll = async (unitId: string, order: readonly number[]) => {
    const codes = await service.issueCodes(
      t.db,
      codeKeys,
      { roundId, unitId, count: order.length },
      {
        accountId: null,
        clientAddress: null,
        now: ROUND_DAY,
      },
    );
    for (const [k, i] of order.entries()) {
      await service.submitAnswers(t.db, keys, {
        roundId,
        code: codes[k] as string,
        answers: ANSWER_SETS[i] as Record<string, unknown>,
        clientAddress: '192.0.2.10',
        now: ROUND_DAY,
      });
    }
  };
  /** A unit's answers in physical (heap) order, with their inserting transaction. */
  const physical = (unitId: string) =>
    t.db.query<{ answers: Record<string, string>; xmin: string }>(
      `SELECT answers, xmin::text AS xmin FROM survey_answer WHERE round_id = $1 AND unit_id = $2 ORDER BY ctid`,
      [roundId, unitId],
    );

  before(async () => {
    t = await openTestDb();
    units = await makeUnits(t.db, ['Framåt', 'Bakåt']);
    roundId = await openRound(t.db, units);
    await submitAll(units[0] as string, [0, 1, 2, 3, 4, 5]);
    await submitAll(units[1] as string, [5, 4, 3, 2, 1, 0]);
  });
  after(() => t.close());

  it('keeps in the answer table only the round, the unit and the answers: no key, default, time or code', async () => {
    const { rows } = await t.db.query<Record<string, string | null>>(
      `SELECT column_name, data_type, column_default, is_identity, is_generated
         FROM information_schema.columns WHERE table_name = 'survey_answer' ORDER BY column_name`,
    );
    assert.deepEqual(
      rows.map((r) => [
        r['column_name'],
        r['data_type'],
        r['column_default'],
        r['is_identity'],
        r['is_generated'],
      ]),
      [
        ['answers', 'jsonb', null, 'NO', 'NEVER'],
        ['round_id', 'uuid', null, 'NO', 'NEVER'],
        ['unit_id', 'uuid', null, 'NO', 'NEVER'],
      ],
    );
    const triggers = await t.db.query(
      `SELECT 1 FROM information_schema.triggers WHERE event_object_table = 'survey_answer'`,
    );
    assert.equal(triggers.rows.length, 0);
    // Only the form's item ids are stored inside an answer: nothing the request carried besides.
    const keysStored = await t.db.query<{ k: string }>(
      `SELECT DISTINCT jsonb_object_keys(answers) AS k FROM survey_answer ORDER BY 1`,
    );
    assert.deepEqual(
      keysStored.rows.map((r) => r.k),
      ['ec.overall', 'ec.safe'],
    );
    // The code side keeps no time and no batch, and nothing points from a code to an answer.
    const codeColumns = await t.db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_code' ORDER BY 1`,
    );
    assert.deepEqual(
      codeColumns.rows.map((r) => r.column_name),
      ['code_hash', 'round_id', 'spent', 'unit_id'],
    );
    const refs = await t.db.query<{ table_name: string }>(
      `SELECT DISTINCT tc.table_name FROM information_schema.table_constraints tc
         JOIN information_schema.constraint_column_usage cu ON cu.constraint_name = tc.constraint_name
        WHERE tc.constraint_type = 'FOREIGN KEY' AND cu.table_name IN ('survey_answer', 'survey_code')`,
    );
    assert.deepEqual(refs.rows, []);
  });

  it('writes every live answer of a unit in one transaction, so xmin pairs no answer with its code', async () => {
    for (const unitId of units) {
      const { rows } = await physical(unitId);
      assert.equal(rows.length, 6);
      assert.equal(new Set(rows.map((r) => r.xmin)).size, 1);
    }
  });

  it('stores answers in an order that depends only on the set of answers, not on when each came', async () => {
    const forward = (await physical(units[0] as string)).rows.map((r) => r.answers);
    const backward = (await physical(units[1] as string)).rows.map((r) => r.answers);
    assert.deepEqual(forward, backward);
    assert.notDeepEqual(forward, ANSWER_SETS, 'not in submission order');
  });
});
