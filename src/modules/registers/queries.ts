import { toInt, type Queryable } from '../../db/db.js';
import type { ScoreResult } from '../../domain/instruments/index.js';
import type { StoredEntry } from '../../domain/registers/facts.js';

/**
 * SQL of the registers module. Runs inside scoped transactions (RLS as the app role), so what
 * exists is what the caller may see; nothing here touches person_identity.
 */
export interface EntryRow extends StoredEntry {
  personPseudonym: string;
  municipalityCode: string;
  version: number;
  firstSubmittedAt: Date;
  sourceSystem: string | null;
  sourceRecordId: string | null;
  recordedAt: Date;
  recordedBy: string | null;
  recordedByName: string | null;
  changeReason: string | null;
}

type Raw = Record<string, unknown>;

const ENTRY_COLUMNS = `e.id, e.register, e.kind, e.person_pseudonym, e.unit_id, e.municipality_code,
  v.occurred_on, e.current_version AS version, e.first_submitted_at, e.source_system, e.source_record_id,
  v.data, v.derived, v.recorded_at, v.recorded_by, a.display_name AS recorded_by_name, v.change_reason`;

const ENTRY_FROM = `register_entry e
  JOIN register_entry_version v ON v.entry_id = e.id AND v.version = e.current_version
  LEFT JOIN identity_account_name a ON a.id = v.recorded_by`;

function toEntry(r: Raw): EntryRow {
  return {
    id: r['id'] as string,
    register: r['register'] as string,
    kind: r['kind'] as string,
    personPseudonym: r['person_pseudonym'] as string,
    unitId: r['unit_id'] as string,
    municipalityCode: r['municipality_code'] as string,
    occurredOn: r['occurred_on'] as string,
    version: Number(r['version']),
    firstSubmittedAt: r['first_submitted_at'] as Date,
    sourceSystem: (r['source_system'] as string | null) ?? null,
    sourceRecordId: (r['source_record_id'] as string | null) ?? null,
    data: r['data'] as Record<string, unknown>,
    derived: (r['derived'] as ScoreResult | null) ?? null,
    recordedAt: r['recorded_at'] as Date,
    recordedBy: (r['recorded_by'] as string | null) ?? null,
    recordedByName: (r['recorded_by_name'] as string | null) ?? null,
    changeReason: (r['change_reason'] as string | null) ?? null,
  };
}

/**
 * How many visible entries of the person at the unit are dated in [from, to): the entries that
 * depend on a service period covering those days (`to` may be 'infinity').
 */
export async function countEntriesAtUnitBetween(
  tx: Queryable,
  pseudonym: string,
  unitId: string,
  from: string,
  to: string,
): Promise<number> {
  const { rows } = await tx.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM register_entry
      WHERE person_pseudonym = $1 AND unit_id = $2::uuid AND occurred_on >= $3::date AND occurred_on < $4::date`,
    [pseudonym, unitId, from, to],
  );
  return toInt(rows[0]?.n ?? 0);
}

export async function findEntry(tx: Queryable, id: string): Promise<EntryRow | null> {
  const { rows } = await tx.query<Raw>(`SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE e.id = $1::uuid`, [
    id,
  ]);
  return rows[0] ? toEntry(rows[0]) : null;
}

/** What the writer needs of an entry on file to leave it alone, correct it or refuse to move it. */
export type ExistingEntry = Pick<
  EntryRow,
  | 'id'
  | 'register'
  | 'kind'
  | 'personPseudonym'
  | 'unitId'
  | 'municipalityCode'
  | 'version'
  | 'firstSubmittedAt'
  | 'occurredOn'
  | 'data'
>;

/** The entries on file for (source system, record id) pairs, by "system|recordId". */
export async function existingBySource(
  tx: Queryable,
  sources: ReadonlyArray<{ system: string; recordId: string }>,
): Promise<Map<string, ExistingEntry>> {
  if (sources.length === 0) return new Map();
  // One index probe per record (LATERAL … LIMIT 1): within an import's transaction the planner's
  // statistics do not know the rows it added, and must not pick a scan of the source.
  const { rows } = await tx.query<Raw>(
    `SELECT e.id, e.register, e.kind, e.person_pseudonym, e.unit_id, e.municipality_code, e.current_version,
            e.first_submitted_at, e.source_system, e.source_record_id, v.occurred_on, v.data
       FROM json_to_recordset($1::json) AS r(system text, record_id text)
       CROSS JOIN LATERAL (SELECT * FROM register_entry x
                            WHERE x.source_system = r.system AND x.source_record_id = r.record_id LIMIT 1) e
       JOIN register_entry_version v ON v.entry_id = e.id AND v.version = e.current_version`,
    [JSON.stringify(sources.map((s) => ({ system: s.system, record_id: s.recordId })))],
  );
  return new Map(
    rows.map((r) => [
      `${r['source_system'] as string}|${r['source_record_id'] as string}`,
      {
        id: r['id'] as string,
        register: r['register'] as string,
        kind: r['kind'] as string,
        personPseudonym: r['person_pseudonym'] as string,
        unitId: r['unit_id'] as string,
        municipalityCode: r['municipality_code'] as string,
        version: Number(r['current_version']),
        firstSubmittedAt: r['first_submitted_at'] as Date,
        occurredOn: r['occurred_on'] as string,
        data: r['data'] as Record<string, unknown>,
      },
    ]),
  );
}

/** The visible entries of a register for many persons (current versions), newest first. */
export async function entriesOfPersons(
  tx: Queryable,
  pseudonyms: readonly string[],
  register: string,
): Promise<Array<StoredEntry & { personPseudonym: string }>> {
  const { rows } = await tx.query<Raw>(
    `SELECT e.id, e.register, e.kind, e.person_pseudonym, e.unit_id, v.occurred_on, v.data, v.derived
       FROM register_entry e JOIN register_entry_version v ON v.entry_id = e.id AND v.version = e.current_version
      WHERE e.person_pseudonym = ANY($1::text[]) AND e.register = $2
      ORDER BY v.occurred_on DESC, e.first_submitted_at DESC, e.id`,
    [pseudonyms, register],
  );
  return rows.map((r) => ({
    id: r['id'] as string,
    register: r['register'] as string,
    kind: r['kind'] as string,
    personPseudonym: r['person_pseudonym'] as string,
    unitId: r['unit_id'] as string,
    occurredOn: r['occurred_on'] as string,
    data: r['data'] as Record<string, unknown>,
    derived: (r['derived'] as ScoreResult | null) ?? null,
  }));
}

/** The visible entries of a person, newest first; one register when given. */
export async function entriesOfPerson(
  tx: Queryable,
  pseudonym: string,
  register?: string,
): Promise<EntryRow[]> {
  const { rows } = await tx.query<Raw>(
    `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM}
      WHERE e.person_pseudonym = $1 AND ($2::text IS NULL OR e.register = $2)
      ORDER BY v.occurred_on DESC, e.first_submitted_at DESC, e.id`,
    [pseudonym, register ?? null],
  );
  return rows.map(toEntry);
}

export interface VersionRow {
  version: number;
  occurredOn: string;
  data: unknown;
  derived: unknown;
  recordedAt: Date;
  recordedBy: string | null;
  recordedByName: string | null;
  changeReason: string | null;
}

export async function versionsOf(tx: Queryable, entryId: string): Promise<VersionRow[]> {
  const { rows } = await tx.query<Raw>(
    `SELECT v.version, v.occurred_on, v.data, v.derived, v.recorded_at, v.recorded_by,
            a.display_name AS recorded_by_name, v.change_reason
       FROM register_entry_version v LEFT JOIN identity_account_name a ON a.id = v.recorded_by
      WHERE v.entry_id = $1::uuid ORDER BY v.version DESC`,
    [entryId],
  );
  return rows.map((r) => ({
    version: Number(r['version']),
    occurredOn: r['occurred_on'] as string,
    data: r['data'],
    derived: r['derived'],
    recordedAt: r['recorded_at'] as Date,
    recordedBy: (r['recorded_by'] as string | null) ?? null,
    recordedByName: (r['recorded_by_name'] as string | null) ?? null,
    changeReason: (r['change_reason'] as string | null) ?? null,
  }));
}

/** How far the served facts of each service period reach, by id (absent: never written). */
export async function servedThrough(
  tx: Queryable,
  serviceIds: readonly number[],
): Promise<Map<number, string>> {
  const { rows } = await tx.query<{ service_id: number; through: string }>(
    'SELECT service_id, through FROM register_served_through WHERE service_id = ANY($1::bigint[])',
    [serviceIds],
  );
  return new Map(rows.map((r) => [Number(r.service_id), r.through]));
}
