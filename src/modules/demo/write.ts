import type { Queryable } from '../../db/db.js';
import type { Fact } from '../../domain/facts/fact.js';
import { insertFactsOfSources, type FactSource } from '../indicators/queries.js';
import { SYNTHETIC_SOURCE } from './queries.js';
import { servedFactsOf, type PersonRows } from './rows.js';

/**
 * Writes a batch of synthetic persons with multi-row INSERTs over json_to_recordset (one round
 * trip per table and slice of rows), in the caller's transaction.
 */
const ROWS_PER_STATEMENT = 4000;

async function inSlices<T>(rows: readonly T[], write: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    await write(rows.slice(i, i + ROWS_PER_STATEMENT));
}

const insertJson = (tx: Queryable, sql: string, rows: readonly object[]): Promise<void> =>
  inSlices(rows, (slice) => tx.query(sql, [JSON.stringify(slice)]));

export interface BatchCounts {
  persons: number;
  services: number;
  entries: number;
  facts: number;
}

export async function writeBatch(
  tx: Queryable,
  batch: readonly PersonRows[],
  marker: { seed: string; nationSize: number },
  through: string,
): Promise<BatchCounts> {
  await insertJson(
    tx,
    `INSERT INTO person (pseudonym, birth_date, sex, created_at)
     SELECT p.pseudonym, p.birth_date, p.sex, p.created_at
       FROM json_to_recordset($1::json) AS p(pseudonym text, birth_date date, sex text, created_at timestamptz)`,
    batch.map((b) => b.person),
  );
  await insertJson(
    tx,
    `INSERT INTO person_identity (pseudonym, personnummer_12, name, created_at)
     SELECT i.pseudonym, i.personnummer_12, i.name, i.created_at
       FROM json_to_recordset($1::json) AS i(pseudonym text, personnummer_12 text, name text, created_at timestamptz)`,
    batch.map((b) => b.identity),
  );
  await insertJson(
    tx,
    `INSERT INTO demo_synthetic_person (pseudonym, seed, nation_size)
     SELECT d.pseudonym, d.seed, d.nation_size FROM json_to_recordset($1::json) AS d(pseudonym text, seed text, nation_size integer)`,
    batch.map((b) => ({ pseudonym: b.person.pseudonym, seed: marker.seed, nation_size: marker.nationSize })),
  );
  const services = batch.flatMap((b) => b.services.map((s) => ({ rows: b, service: s })));
  const ids = await insertServices(tx, services);
  await insertJson(
    tx,
    `INSERT INTO register_served_through (service_id, through)
     SELECT t.service_id, t.through FROM json_to_recordset($1::json) AS t(service_id bigint, through date)`,
    ids.map((id) => ({ service_id: id, through })),
  );
  const entries = batch.flatMap((b) => b.entries);
  await insertJson(
    tx,
    `INSERT INTO register_entry (id, register, kind, person_pseudonym, unit_id, municipality_code, occurred_on,
       source_system, source_record_id, first_submitted_at)
     SELECT e.id, e.register, e.kind, e.person_pseudonym, e.unit_id, e.municipality_code, e.occurred_on,
            '${SYNTHETIC_SOURCE}', e.id::text, e.submitted_at
       FROM json_to_recordset($1::json) AS e(id uuid, register text, kind text, person_pseudonym text, unit_id uuid,
         municipality_code text, occurred_on date, submitted_at timestamptz)`,
    entries.map(({ data: _d, derived: _v, ...e }) => e),
  );
  await insertJson(
    tx,
    `INSERT INTO register_entry_version (entry_id, version, occurred_on, data, derived, recorded_at)
     SELECT v.id, 1, v.occurred_on, v.data, v.derived, v.submitted_at
       FROM json_to_recordset($1::json) AS v(id uuid, occurred_on date, data jsonb, derived jsonb, submitted_at timestamptz)`,
    entries.map((e) => ({
      id: e.id,
      occurred_on: e.occurred_on,
      data: e.data,
      derived: e.derived,
      submitted_at: e.submitted_at,
    })),
  );
  // One fact an item, so that a slice of items is a slice of ROWS_PER_STATEMENT fact rows.
  const facts: Array<{ source: FactSource; facts: Fact[] }> = batch.flatMap((b) =>
    b.entryFacts.map((f) => ({ source: { type: 'entry', id: f.sourceId }, facts: [f.fact] })),
  );
  services.forEach(({ rows, service }, i) => {
    const source = { type: 'service', id: String(ids[i]) };
    for (const f of servedFactsOf(rows, service, through)) facts.push({ source, facts: [f] });
  });
  await inSlices(facts, (slice) => insertFactsOfSources(tx, slice));
  return { persons: batch.length, services: ids.length, entries: entries.length, facts: facts.length };
}

/** Inserts the service periods and returns their generated ids, in the order given. */
async function insertServices(
  tx: Queryable,
  services: ReadonlyArray<{ rows: PersonRows; service: PersonRows['services'][number] }>,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < services.length; i += ROWS_PER_STATEMENT) {
    const slice = services.slice(i, i + ROWS_PER_STATEMENT);
    // WITH ORDINALITY keeps the input order, so each id pairs with its period.
    const { rows } = await tx.query<{ id: number; n: number }>(
      `WITH input AS (
         SELECT * FROM ROWS FROM (json_to_recordset($1::json) AS (person_pseudonym text, unit_id uuid,
           municipality_code text, valid_from date, valid_to date, created_at timestamptz))
           WITH ORDINALITY AS s(person_pseudonym, unit_id, municipality_code, valid_from, valid_to, created_at, n)
       ), inserted AS (
         INSERT INTO person_service (person_pseudonym, unit_id, municipality_code, valid_from, valid_to, created_at)
         SELECT person_pseudonym, unit_id, municipality_code, valid_from, valid_to, created_at FROM input ORDER BY n
         RETURNING id, person_pseudonym, unit_id, valid_from
       )
       SELECT inserted.id, input.n FROM inserted JOIN input USING (person_pseudonym, unit_id, valid_from) ORDER BY input.n`,
      [
        JSON.stringify(
          slice.map(({ rows: r, service: s }) => ({
            person_pseudonym: r.person.pseudonym,
            unit_id: s.unitId,
            municipality_code: s.municipalityCode,
            valid_from: s.validFrom,
            valid_to: s.validTo,
            created_at: `${s.validFrom}T08:00:00.000Z`,
          })),
        ),
      ],
    );
    if (rows.length !== slice.length) throw new Error('service periods were not all inserted');
    for (const r of rows) ids.push(Number(r.id));
  }
  return ids;
}
