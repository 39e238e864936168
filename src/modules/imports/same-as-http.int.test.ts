import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../../test/support/app.js';
import { asUser, type LoggedIn } from '../../../test/support/auth.js';
import { openImportApp } from '../../../test/support/import-app.js';
import { register } from '../persons/testing.js';
import { CONTENT_TYPES } from './read/index.js';
import { csvFile, threeRows } from './testing.js';

/**
 * One writer per table, proved from the outside: the same rows imported as a file, and entered
 * one by one over HTTP (register the person, record the entry) into a twin database, leave the
 * same entries, the same facts and the same counts.
 */
describe('an import and the same rows entered over HTTP', () => {
  const clock = new Date('2025-01-15T10:00:00Z');
  const twins: Array<{ h: TestApp; user: LoggedIn; unitId: string; unitCode: string }> = [];

  before(async () => {
    for (let i = 0; i < 2; i++) {
      const { h, caseworker, unitId, unitCode } = await openImportApp({ now: () => clock });
      twins.push({ h, user: caseworker, unitId, unitCode });
    }
  });
  after(async () => {
    for (const t of twins) await t.h.close();
  });

  /** Entries, facts and counts with the database's own ids replaced by what they stand for. */
  const state = async (t: (typeof twins)[number]) => {
    const q = async (sql: string) => (await t.h.t.db.query<Record<string, unknown>>(sql, [t.unitId])).rows;
    return {
      entries: await q(
        `SELECT e.register, e.kind, e.person_pseudonym, e.unit_id = $1 AS at_unit, e.municipality_code,
                v.occurred_on::text, v.version, v.data, v.derived
           FROM register_entry e JOIN register_entry_version v ON v.entry_id = e.id
          ORDER BY e.person_pseudonym, v.occurred_on, e.kind`,
      ),
      services: await q(
        `SELECT person_pseudonym, unit_id = $1 AS at_unit, valid_from::text, valid_to::text FROM person_service
          ORDER BY person_pseudonym`,
      ),
      facts: await q(
        `SELECT register, kind, person, unit_id = $1 AS at_unit, fact_date::text, sex, age, attributes, source_type
           FROM indicator_fact_counted ORDER BY person, fact_date, register, kind, attributes::text`,
      ),
      counts: await q(
        `SELECT indicator_id, version, period, unit_id = $1 AS at_unit, sex, numerator, denominator
           FROM indicator_count ORDER BY indicator_id, period, sex`,
      ),
    };
  };

  it('leaves identical entries, service periods, facts and counts', async () => {
    const [file, byHand] = twins;
    assert.ok(file && byHand);
    const rows = threeRows(file.unitCode);
    const imported = await file.h.app.inject({
      method: 'POST',
      url: '/api/v1/imports?register=senior-alert&source=procapita',
      headers: { ...asUser(file.user), 'content-type': CONTENT_TYPES.csv },
      payload: csvFile(rows),
    });
    assert.equal(imported.statusCode, 200, imported.body);
    const fileState = await state(file);
    assert.equal(fileState.entries.length, 3);
    assert.ok(fileState.facts.length > 3, 'the entries and the service periods have facts');
    assert.ok(fileState.counts.length > 0);

    // The same persons and entries over HTTP: the data as the import stored it.
    for (const r of rows)
      await register(byHand.h.app, byHand.user, {
        personnummer: r.personnummer ?? '',
        name: r.name ?? '',
        unitId: byHand.unitId,
        servedFrom: r.served_from ?? '',
      });
    for (const e of fileState.entries) {
      const res: LightMyRequestResponse = await byHand.h.app.inject({
        method: 'POST',
        url: `/api/v1/persons/${String(e['person_pseudonym'])}/entries`,
        headers: { ...asUser(byHand.user), 'content-type': 'application/json' },
        payload: JSON.stringify({
          register: e['register'],
          kind: e['kind'],
          unitId: byHand.unitId,
          occurredOn: e['occurred_on'],
          data: e['data'],
        }),
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    assert.deepEqual(await state(byHand), fileState);
  });
});
