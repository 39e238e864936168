import { toInt, type Queryable } from '../../db/db.js';
import type { ScoreResult } from '../../domain/instruments/index.js';
import type { PersonFacts, StoredEntry } from '../../domain/registers/facts.js';

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
  LEFT JOIN identity_account a ON a.id = v.recorded_by`;

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

/** Birth date and statistical sex of a visible person, without touching the identity table. */
export async function personFacts(tx: Queryable, pseudonym: string): Promise<PersonFacts | null> {
  const { rows } = await tx.query<{ birth_date: string; sex: 'K' | 'M' }>(
    'SELECT birth_date, coalesce(sex_override, sex) AS sex FROM person WHERE pseudonym = $1',
    [pseudonym],
  );
  const r = rows[0];
  return r ? { pseudonym, birthDate: r.birth_date, sex: r.sex } : null;
}

/** Was the person served by the unit on the day (a visible service link covering it)? */
export async function servedByUnitOn(
  tx: Queryable,
  pseudonym: string,
  unitId: string,
  day: string,
): Promise<boolean> {
  const { rows } = await tx.query(
    `SELECT 1 FROM person_service
      WHERE person_pseudonym = $1 AND unit_id = $2::uuid AND valid_from <= $3::date AND $3::date < valid_to`,
    [pseudonym, unitId, day],
  );
  return rows.length > 0;
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

export interface NewEntry {
  register: string;
  kind: string;
  personPseudonym: string;
  unitId: string;
  municipalityCode: string;
  occurredOn: string;
  data: unknown;
  derived: ScoreResult | null;
  at: Date;
  by: string | null;
  source: { system: string; recordId: string } | null;
}

export async function insertEntry(tx: Queryable, e: NewEntry): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO register_entry (register, kind, person_pseudonym, unit_id, municipality_code, occurred_on,
       first_submitted_at, created_by, source_system, source_record_id)
     VALUES ($1, $2, $3, $4::uuid, $5, $6::date, $7, $8, $9, $10) RETURNING id`,
    [
      e.register,
      e.kind,
      e.personPseudonym,
      e.unitId,
      e.municipalityCode,
      e.occurredOn,
      e.at.toISOString(),
      e.by,
      e.source?.system ?? null,
      e.source?.recordId ?? null,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('register entry was not inserted');
  await insertVersion(tx, id, 1, e, null);
  return id;
}

export async function insertVersion(
  tx: Queryable,
  entryId: string,
  version: number,
  e: Pick<NewEntry, 'occurredOn' | 'data' | 'derived' | 'at' | 'by'>,
  reason: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO register_entry_version (entry_id, version, occurred_on, data, derived, recorded_at, recorded_by,
       change_reason)
     VALUES ($1, $2, $3::date, $4::jsonb, $5::jsonb, $6, $7, $8)`,
    [
      entryId,
      version,
      e.occurredOn,
      JSON.stringify(e.data),
      e.derived === null ? null : JSON.stringify(e.derived),
      e.at.toISOString(),
      e.by,
      reason,
    ],
  );
}

/** Points the entry at a new current version; false when someone else corrected it first. */
export async function advanceVersion(
  tx: Queryable,
  entryId: string,
  from: number,
  occurredOn: string,
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE register_entry SET current_version = $2 + 1, occurred_on = $3::date
      WHERE id = $1 AND current_version = $2`,
    [entryId, from, occurredOn],
  );
  return r.affectedRows === 1;
}

export async function findEntry(tx: Queryable, id: string): Promise<EntryRow | null> {
  const { rows } = await tx.query<Raw>(`SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE e.id = $1::uuid`, [
    id,
  ]);
  return rows[0] ? toEntry(rows[0]) : null;
}

export async function findEntryBySource(
  tx: Queryable,
  system: string,
  recordId: string,
): Promise<EntryRow | null> {
  const { rows } = await tx.query<Raw>(
    `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE e.source_system = $1 AND e.source_record_id = $2`,
    [system, recordId],
  );
  return rows[0] ? toEntry(rows[0]) : null;
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
       FROM register_entry_version v LEFT JOIN identity_account a ON a.id = v.recorded_by
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
