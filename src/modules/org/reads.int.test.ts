import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, type TestDb } from '../../../test/support/db.js';
import { APP_ROLE } from '../../db/scope.js';
import { hasSyntheticUnits, scopeExists } from './reads.js';

/** What other modules read of the org register and the releases: the owners' views, read-only. */
describe("the owners' read views", () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb({ demo: true });
  });
  after(async () => t.close());

  it('pass no write through to the tables, for the app role', async () => {
    for (const sql of [
      "UPDATE org_region_names SET name = 'x'",
      "UPDATE org_unit_versions SET name = 'x'",
      'DELETE FROM org_municipality_names',
      'DELETE FROM released_values',
      'DELETE FROM indicator_releases',
    ]) {
      await assert.rejects(
        t.db.transaction((tx) => tx.query(sql), { setup: [{ sql: `SET LOCAL ROLE ${APP_ROLE}` }] }),
        /permission denied|cannot (update|delete from) view/,
        sql,
      );
    }
  });

  it('place every unit valid during a year once, with its region then', async () => {
    const { rows } = await t.db.query<{ units: number; placed: number; regions: number }>(
      `SELECT (SELECT count(DISTINCT unit_id) FROM org_unit_versions
                WHERE valid_from < '2025-01-01' AND '2024-01-01' < valid_to) AS units,
              count(*) AS placed, count(region_code) AS regions
         FROM org_units_during('2024-01-01', '2025-01-01')`,
    );
    const r = rows[0];
    assert.ok(r && Number(r.units) > 0);
    assert.equal(Number(r.placed), Number(r.units));
    assert.equal(Number(r.regions), Number(r.units));
  });

  it('answer whether a scope exists and whether synthetic units are loaded', async () => {
    assert.equal(await scopeExists(t.db, { kind: 'nation' }), true);
    assert.equal(await scopeExists(t.db, { kind: 'municipality', code: '0180' }), true);
    assert.equal(await scopeExists(t.db, { kind: 'region', code: '01' }), true);
    assert.equal(await scopeExists(t.db, { kind: 'region', code: '99' }), false);
    assert.equal(
      await scopeExists(t.db, { kind: 'unit', unitId: '00000000-0000-0000-0000-000000000000' }),
      false,
    );
    assert.equal(await hasSyntheticUnits(t.db), true);
  });
});
