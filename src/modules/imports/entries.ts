import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/db.js';
import { swedishDate } from '../../domain/identity/session.js';
import type { ScoreResult } from '../../domain/instruments/index.js';
import type { EntryRegister } from '../../domain/registers/entries.js';
import type { PersonFacts, StoredEntry } from '../../domain/registers/facts.js';
import { palliativeRefusal, type PalliativeWindows } from '../../domain/registers/windows.js';
import type { ImportActor } from './actor.js';
import type { BatchRow } from './batch-row.js';
import { validateRow } from './check.js';

/**
 * The entries of one batch, idempotent on (source system, record id): a record on file with the
 * same date and data is left alone, a changed one gets a new version (a correction, as the
 * registers module makes it), a new one is inserted. All with a fixed number of statements.
 */
interface Existing {
  id: string;
  register: string;
  kind: string;
  personPseudonym: string;
  unitId: string;
  version: number;
  firstSubmittedAt: Date;
  occurredOn: string;
  data: unknown;
}

export interface Written {
  entry: StoredEntry;
  person: PersonFacts;
}

export interface EntriesResult {
  created: Written[];
  corrected: Written[];
  unchanged: number;
}

export interface EntriesContext {
  register: EntryRegister;
  sourceSystem: string;
  actor: ImportActor;
  windows: PalliativeWindows;
}

/** JSON with sorted keys: jsonb does not keep the sender's key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

async function existingOf(
  tx: Queryable,
  system: string,
  recordIds: string[],
): Promise<Map<string, Existing>> {
  // One index probe per record id (LATERAL … LIMIT 1): within the import's transaction the
  // planner's statistics do not know the rows it added, and must not pick a scan of the source.
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT e.id, e.register, e.kind, e.person_pseudonym, e.unit_id, e.current_version, e.first_submitted_at,
            e.source_record_id, v.occurred_on, v.data
       FROM unnest($2::text[]) AS r(record_id)
       CROSS JOIN LATERAL (SELECT * FROM register_entry x
                            WHERE x.source_system = $1 AND x.source_record_id = r.record_id LIMIT 1) e
       JOIN register_entry_version v ON v.entry_id = e.id AND v.version = e.current_version`,
    [system, recordIds],
  );
  return new Map(
    rows.map((r) => [
      r['source_record_id'] as string,
      {
        id: r['id'] as string,
        register: r['register'] as string,
        kind: r['kind'] as string,
        personPseudonym: r['person_pseudonym'] as string,
        unitId: r['unit_id'] as string,
        version: Number(r['current_version']),
        firstSubmittedAt: r['first_submitted_at'] as Date,
        occurredOn: r['occurred_on'] as string,
        data: r['data'],
      },
    ]),
  );
}

function windowIssue(b: BatchRow, refusal: string): void {
  b.issue(
    'date',
    refusal,
    refusal === 'registration_window_closed'
      ? 'a death is registered within the registration window after the date of death'
      : 'a submitted end-of-life registration may only be corrected within the edit window',
  );
}

export async function writeEntries(
  tx: Queryable,
  ctx: EntriesContext,
  rows: readonly BatchRow[],
  persons: ReadonlyMap<string, PersonFacts>,
): Promise<EntriesResult> {
  const existing = await existingOf(
    tx,
    ctx.sourceSystem,
    rows.map((b) => b.row.recordId),
  );
  const today = swedishDate(ctx.actor.now);
  const inserts: Array<{ b: BatchRow; id: string; derived: ScoreResult | null; person: PersonFacts }> = [];
  const corrections: Array<{ b: BatchRow; ex: Existing; derived: ScoreResult | null; person: PersonFacts }> =
    [];
  let unchanged = 0;
  for (const b of rows) {
    const r = b.row;
    const person = persons.get(r.pseudonym);
    if (!person) throw new Error('a row reached the entries step without its person');
    let derived = r.derived;
    // Scores with sex-specific cut-offs use the person's statistical sex (an override on file).
    if (person.sex !== r.identity.legalSex && derived) {
      const again = validateRow(r, ctx.register, person.sex);
      if (again.ok) derived = again.derived;
    }
    const ex = existing.get(r.recordId);
    const eol = ctx.register === 'palliative' && r.kind === 'death_registration';
    if (ex) {
      if (
        ex.personPseudonym !== r.pseudonym ||
        ex.unitId !== b.unitId ||
        ex.kind !== r.kind ||
        ex.register !== ctx.register
      ) {
        b.issue(
          'record_id',
          'record_moved',
          'is on file for another person, unit or kind; a record cannot move',
        );
        continue;
      }
      if (ex.occurredOn === r.date && canonical(ex.data) === canonical(r.data)) {
        unchanged++;
        continue;
      }
      const refusal = eol
        ? palliativeRefusal(ctx.windows, r.date, today, ex.firstSubmittedAt, ctx.actor.now)
        : null;
      if (refusal) windowIssue(b, refusal);
      else corrections.push({ b, ex, derived, person });
      continue;
    }
    const refusal = eol ? palliativeRefusal(ctx.windows, r.date, today, null, ctx.actor.now) : null;
    if (refusal) windowIssue(b, refusal);
    else inserts.push({ b, id: randomUUID(), derived, person });
  }
  const created = await insertEntries(tx, ctx, inserts);
  const corrected = await correctEntries(tx, ctx, corrections);
  return { created, corrected, unchanged };
}

async function insertEntries(
  tx: Queryable,
  ctx: EntriesContext,
  inserts: ReadonlyArray<{ b: BatchRow; id: string; derived: ScoreResult | null; person: PersonFacts }>,
): Promise<Written[]> {
  if (inserts.length === 0) return [];
  const at = ctx.actor.now.toISOString();
  const json = JSON.stringify(
    inserts.map(({ b, id }) => ({
      id,
      kind: b.row.kind,
      person: b.row.pseudonym,
      unit_id: b.unitId,
      municipality_code: b.municipalityCode,
      occurred_on: b.row.date,
      record_id: b.row.recordId,
    })),
  );
  // A record id already used by an entry the actor may not see conflicts without being seen.
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO register_entry (id, register, kind, person_pseudonym, unit_id, municipality_code, occurred_on,
       first_submitted_at, created_by, source_system, source_record_id)
     SELECT e.id, $2, e.kind, e.person, e.unit_id, e.municipality_code, e.occurred_on, $3, $4, $5, e.record_id
       FROM json_to_recordset($1::json) AS e(id uuid, kind text, person text, unit_id uuid, municipality_code text,
         occurred_on date, record_id text)
     ON CONFLICT (source_system, source_record_id) DO NOTHING RETURNING id`,
    [json, ctx.register, at, ctx.actor.accountId, ctx.sourceSystem],
  );
  const inserted = new Set(rows.map((r) => r.id));
  const versions = inserts
    .filter((i) => inserted.has(i.id))
    .map(({ b, id, derived }) => ({ id, occurred_on: b.row.date, data: b.row.data, derived }));
  if (versions.length)
    await tx.query(
      `INSERT INTO register_entry_version (entry_id, version, occurred_on, data, derived, recorded_at, recorded_by)
       SELECT e.id, 1, e.occurred_on, e.data, e.derived, $2, $3
         FROM json_to_recordset($1::json) AS e(id uuid, occurred_on date, data jsonb, derived jsonb)`,
      [JSON.stringify(versions), at, ctx.actor.accountId],
    );
  const written: Written[] = [];
  for (const { b, id, derived, person } of inserts) {
    if (!inserted.has(id)) {
      b.issue('record_id', 'record_id_taken', 'is already used by a record of a unit outside your scope');
      continue;
    }
    written.push({ entry: storedOf(ctx, b, id, derived), person });
  }
  return written;
}

function storedOf(ctx: EntriesContext, b: BatchRow, id: string, derived: ScoreResult | null): StoredEntry {
  return {
    id,
    register: ctx.register,
    kind: b.row.kind,
    unitId: b.unitId,
    occurredOn: b.row.date,
    data: b.row.data,
    derived,
  };
}

async function correctEntries(
  tx: Queryable,
  ctx: EntriesContext,
  corrections: ReadonlyArray<{ b: BatchRow; ex: Existing; derived: ScoreResult | null; person: PersonFacts }>,
): Promise<Written[]> {
  if (corrections.length === 0) return [];
  const json = JSON.stringify(
    corrections.map(({ b, ex, derived }) => ({
      id: ex.id,
      version: ex.version,
      occurred_on: b.row.date,
      data: b.row.data,
      derived,
    })),
  );
  await tx.query(
    `INSERT INTO register_entry_version (entry_id, version, occurred_on, data, derived, recorded_at, recorded_by,
       change_reason)
     SELECT c.id, c.version + 1, c.occurred_on, c.data, c.derived, $2, $3, $4
       FROM json_to_recordset($1::json) AS c(id uuid, version integer, occurred_on date, data jsonb, derived jsonb)`,
    [
      json,
      ctx.actor.now.toISOString(),
      ctx.actor.accountId,
      `Ändrad i ${ctx.sourceSystem} / changed in the sending system`,
    ],
  );
  const advanced = await tx.query(
    `UPDATE register_entry e SET current_version = c.version + 1, occurred_on = c.occurred_on
       FROM json_to_recordset($1::json) AS c(id uuid, version integer, occurred_on date)
      WHERE e.id = c.id AND e.current_version = c.version`,
    [json],
  );
  // The versions' primary key already refuses a concurrent correction; this is the belt to it.
  if (advanced.affectedRows !== corrections.length)
    throw new Error('an entry was corrected by someone else during the import');
  return corrections.map(({ b, ex, derived, person }) => ({
    entry: storedOf(ctx, b, ex.id, derived),
    person,
  }));
}
