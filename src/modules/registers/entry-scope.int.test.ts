import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openTestDb, type TestDb } from '../../../test/support/db.js';
import { inScope, type RowScope } from '../../db/scope.js';
import { elderlyCareUnit } from '../org/testing.js';

/**
 * Row-level security of register entries and their versions, in SQL without any WHERE: the
 * policies compare with the scope read once per statement (migration 0201), and must still mean
 * exactly "the entry's unit or municipality is in the transaction's scope".
 */
describe('register entries: row-level security as a defence', () => {
  let t: TestDb;
  const units: Record<'a' | 'b', string> = { a: '', b: '' };
  const entries: Record<'a' | 'b', string> = { a: '', b: '' };
  const person = 'f'.repeat(64);
  const scope = (s: Partial<RowScope>): RowScope => ({
    accountId: randomUUID(),
    unitIds: [],
    municipalityCodes: [],
    ...s,
  });
  const count = (s: RowScope, table: string) =>
    inScope(t.db, s, async (tx) =>
      Number((await tx.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n),
    );
  const insertEntry = (unitId: string, municipality: string) =>
    `INSERT INTO register_entry (id, register, kind, person_pseudonym, unit_id, municipality_code, occurred_on,
       first_submitted_at) VALUES ('${randomUUID()}', 'senior_alert', 'event', '${person}', '${unitId}',
       '${municipality}', '2024-03-01', now())`;
  const insertVersion = (entryId: string) =>
    `INSERT INTO register_entry_version (entry_id, version, occurred_on, data, recorded_at, change_reason)
     VALUES ('${entryId}', 2, '2024-03-01', '{}', now(), 'rättad')`;

  before(async () => {
    t = await openTestDb();
    const unit = (name: string, municipalityCode: string) =>
      elderlyCareUnit(t.db, name, municipalityCode).then((u) => u.unitId);
    units.a = await unit('Solgården', '0180');
    units.b = await unit('Ekbacken', '1480');
    await t.db.query(
      `INSERT INTO person (pseudonym, birth_date, sex, created_at) VALUES ($1, '1940-03-15', 'K', now())`,
      [person],
    );
    for (const [key, municipality] of [
      ['a', '0180'],
      ['b', '1480'],
    ] as const) {
      entries[key] = randomUUID();
      await t.db.query(
        `INSERT INTO register_entry (id, register, kind, person_pseudonym, unit_id, municipality_code, occurred_on,
           first_submitted_at) VALUES ($1, 'senior_alert', 'event', $2, $3, $4, '2024-03-01', now())`,
        [entries[key], person, units[key], municipality],
      );
      await t.db.query(
        `INSERT INTO register_entry_version (entry_id, version, occurred_on, data, recorded_at)
         VALUES ($1, 1, '2024-03-01', '{}', now())`,
        [entries[key]],
      );
    }
  });
  after(async () => t.close());

  it('shows entries and versions of the units or municipalities in scope, and none to an empty scope', async () => {
    for (const table of ['register_entry', 'register_entry_version']) {
      assert.equal(await count(scope({ unitIds: [units.a] }), table), 1, table);
      assert.equal(await count(scope({ municipalityCodes: ['1480'] }), table), 1, table);
      assert.equal(await count(scope({ unitIds: [units.a], municipalityCodes: ['1480'] }), table), 2, table);
      assert.equal(await count(scope({}), table), 0, table);
    }
  });

  it('refuses an entry, and a version of an entry, outside the scope', async () => {
    const inA = scope({ unitIds: [units.a] });
    await assert.rejects(
      inScope(t.db, inA, (tx) => tx.query(insertEntry(units.b, '1480'))),
      /row-level security/,
    );
    await assert.rejects(
      inScope(t.db, inA, (tx) => tx.query(insertVersion(entries.b))),
      /row-level security/,
    );
    await inScope(t.db, inA, async (tx) => {
      await tx.query(insertEntry(units.a, '0180'));
      await tx.query(insertVersion(entries.a));
    });
    assert.equal(await count(inA, 'register_entry_version'), 2);
  });

  it("refuses a version without its entry, a change of an entry's id and deleting an entry before its versions", async () => {
    // The version's reference to its entry is checked once per statement (migration 0255).
    const versions = await count(scope({ unitIds: [units.a] }), 'register_entry_version');
    const refused = (sql: string) =>
      assert.rejects(
        t.db.transaction((tx) => tx.query(sql)),
        (err: { code?: string }) => err.code === '23503',
        sql,
      );
    await refused(
      `INSERT INTO register_entry_version (entry_id, version, occurred_on, data, recorded_at)
       VALUES ('${randomUUID()}', 1, '2024-03-01', '{}', now())`,
    );
    await refused(`UPDATE register_entry SET id = '${randomUUID()}' WHERE id = '${entries.a}'`);
    await refused(`DELETE FROM register_entry WHERE id = '${entries.a}'`);
    assert.equal(await count(scope({ unitIds: [units.a] }), 'register_entry_version'), versions);
  });
});
