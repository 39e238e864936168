import type { Queryable } from '../../db/db.js';
import type { ScoreResult } from '../../domain/instruments/index.js';

/**
 * The statements that write the registers module's tables, each for a whole batch in one round
 * trip. Only this module calls them: recordEntries and correctEntries, the served facts, and
 * the synthetic nation, which hands over rows its generator already made consistent.
 */
const ROWS_PER_STATEMENT = 4000;

export interface NewEntryRow {
  id: string;
  register: string;
  kind: string;
  personPseudonym: string;
  unitId: string;
  municipalityCode: string;
  occurredOn: string;
  data: unknown;
  derived: ScoreResult | null;
  submittedAt: string;
  createdBy: string | null;
  sourceSystem: string | null;
  sourceRecordId: string | null;
}

/**
 * Inserts entries with their first version; returns the ids inserted. An entry whose (source
 * system, record id) is already taken — also by an entry the writer may not see — is skipped.
 */
export async function insertEntries(tx: Queryable, entries: readonly NewEntryRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
    const slice = entries.slice(i, i + ROWS_PER_STATEMENT);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO register_entry (id, register, kind, person_pseudonym, unit_id, municipality_code, occurred_on,
         first_submitted_at, created_by, source_system, source_record_id)
       SELECT e.id, coalesce(e.register, $2), e.kind, e.person, e.unit_id, e.municipality_code, e.occurred_on,
              coalesce(e.submitted_at, $3::timestamptz), coalesce(e.created_by, $4::uuid),
              coalesce(e.source_system, $5), e.record_id
         FROM json_to_recordset($1::json) AS e(id uuid, register text, kind text, person text, unit_id uuid,
           municipality_code text, occurred_on date, submitted_at timestamptz, created_by uuid, source_system text,
           record_id text)
       ON CONFLICT (source_system, source_record_id) DO NOTHING RETURNING id`,
      withShared(
        slice,
        (e) => ({
          id: e.id,
          kind: e.kind,
          person: e.personPseudonym,
          unit_id: e.unitId,
          municipality_code: e.municipalityCode,
          occurred_on: e.occurredOn,
          record_id: e.sourceRecordId,
        }),
        [
          ['register', (e) => e.register],
          ['submitted_at', (e) => e.submittedAt],
          ['created_by', (e) => e.createdBy],
          ['source_system', (e) => e.sourceSystem],
        ],
      ),
    );
    const here = new Set(rows.map((r) => r.id));
    for (const id of here) inserted.add(id);
    await insertVersions(
      tx,
      slice
        .filter((e) => here.has(e.id))
        .map((e) => ({
          entryId: e.id,
          version: 1,
          occurredOn: e.occurredOn,
          data: e.data,
          derived: e.derived,
          recordedAt: e.submittedAt,
          recordedBy: e.createdBy,
          changeReason: null,
        })),
    );
  }
  return inserted;
}

/**
 * A statement's parameters: the rows as JSON ($1), then one per shared column ($2, $3, …). A
 * column every row has the same value in is sent once beside the rows instead of in each (an
 * import's thousand rows share their time, account and source); otherwise its parameter is null
 * and each row carries it (the statement reads coalesce(row's, parameter)).
 */
function withShared<T>(
  rows: readonly T[],
  own: (r: T) => Record<string, unknown>,
  shared: ReadonlyArray<readonly [column: string, of: (r: T) => unknown]>,
): unknown[] {
  const columns = shared.map(([column, of]) => ({ column, of, same: sameIn(rows, of) }));
  const json = JSON.stringify(
    rows.map((r) => {
      const row = own(r);
      for (const c of columns) if (!c.same) row[c.column] = c.of(r);
      return row;
    }),
  );
  return [json, ...columns.map((c) => c.same?.value ?? null)];
}

/** The value every row has; undefined when the rows differ. */
function sameIn<T, V>(rows: readonly T[], of: (r: T) => V): { value: V } | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  const value = of(first);
  for (const r of rows) if (of(r) !== value) return undefined;
  return { value };
}

export interface NewVersionRow {
  entryId: string;
  version: number;
  occurredOn: string;
  data: unknown;
  derived: ScoreResult | null;
  recordedAt: string;
  recordedBy: string | null;
  changeReason: string | null;
}

export async function insertVersions(tx: Queryable, versions: readonly NewVersionRow[]): Promise<void> {
  for (let i = 0; i < versions.length; i += ROWS_PER_STATEMENT) {
    const slice = versions.slice(i, i + ROWS_PER_STATEMENT);
    await tx.query(
      `INSERT INTO register_entry_version (entry_id, version, occurred_on, data, derived, recorded_at, recorded_by,
         change_reason)
       SELECT v.entry_id, coalesce(v.version, $2::integer), v.occurred_on, v.data, v.derived,
              coalesce(v.recorded_at, $3::timestamptz), coalesce(v.recorded_by, $4::uuid),
              coalesce(v.change_reason, $5)
         FROM json_to_recordset($1::json) AS v(entry_id uuid, version integer, occurred_on date, data jsonb,
           derived jsonb, recorded_at timestamptz, recorded_by uuid, change_reason text)`,
      withShared(
        slice,
        (v) => ({ entry_id: v.entryId, occurred_on: v.occurredOn, data: v.data, derived: v.derived }),
        [
          ['version', (v) => v.version],
          ['recorded_at', (v) => v.recordedAt],
          ['recorded_by', (v) => v.recordedBy],
          ['change_reason', (v) => v.changeReason],
        ],
      ),
    );
  }
}

/**
 * Points entries at their new current version; returns how many moved. An entry corrected by
 * someone else meanwhile (its version is no longer `from`) does not.
 */
export async function advanceVersions(
  tx: Queryable,
  moves: ReadonlyArray<{ entryId: string; from: number; occurredOn: string }>,
): Promise<number> {
  if (moves.length === 0) return 0;
  const r = await tx.query(
    `UPDATE register_entry e SET current_version = c.version + 1, occurred_on = c.occurred_on
       FROM json_to_recordset($1::json) AS c(id uuid, version integer, occurred_on date)
      WHERE e.id = c.id AND e.current_version = c.version`,
    [JSON.stringify(moves.map((m) => ({ id: m.entryId, version: m.from, occurred_on: m.occurredOn })))],
  );
  return r.affectedRows;
}

/** Records that the served facts of these service periods reach `through`. */
export async function markServedThrough(
  tx: Queryable,
  serviceIds: readonly number[],
  through: string,
): Promise<void> {
  if (serviceIds.length === 0) return;
  await tx.query(
    `INSERT INTO register_served_through (service_id, through)
     SELECT id, $2::date FROM unnest($1::bigint[]) AS id
     ON CONFLICT (service_id) DO UPDATE SET through = EXCLUDED.through`,
    [serviceIds, through],
  );
}

/**
 * Deletes the entries (with their versions) of the persons and the served-through marks of their
 * service periods: the synthetic nation's --replace, as the connection owner (the app role may
 * not delete entries).
 */
export async function deleteEntriesOfPersons(
  tx: Queryable,
  pseudonyms: readonly string[],
  serviceIds: readonly number[],
): Promise<void> {
  await tx.query(
    `DELETE FROM register_entry_version WHERE entry_id IN
       (SELECT id FROM register_entry WHERE person_pseudonym = ANY($1::text[]))`,
    [pseudonyms],
  );
  await tx.query('DELETE FROM register_entry WHERE person_pseudonym = ANY($1::text[])', [pseudonyms]);
  await tx.query('DELETE FROM register_served_through WHERE service_id = ANY($1::bigint[])', [serviceIds]);
}
