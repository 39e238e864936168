import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/db.js';
import { ValidationError } from '../../domain/errors.js';
import { swedishDate } from '../../domain/identity/session.js';
import type { ScoreResult } from '../../domain/instruments/index.js';
import type { IndividualWriter } from '../../domain/policy/actor.js';
import type { PersonFacts, StoredEntry } from '../../domain/registers/facts.js';
import {
  deathDateIssue,
  futureDateIssue,
  palliativeWindowIssue,
  type EntryRuleIssue,
} from '../../domain/registers/rules.js';
import type { PalliativeWindows } from '../../domain/registers/windows.js';
import type { FactSink } from '../indicators/fact-writer.js';
import { municipalityOn, type UnitInfo } from '../org/units.js';
import { servedOn } from '../persons/link.js';
import { personFactsOf } from '../persons/queries.js';
import { entryFactItems } from './facts.js';
import { existingBySource, type ExistingEntry } from './queries.js';
import { validateEntry } from './validate.js';
import { advanceVersions, insertEntries, insertVersions, type NewEntryRow } from './write.js';

/**
 * The one writer of register entries, for a batch (a form's entry is a batch of one, an import a
 * batch of a thousand): every rule an entry obeys, checked here for every writer, then the rows
 * and their indicator facts written with a fixed number of statements whatever the batch size.
 * Entries with a source (system, record id) are idempotent: a record on file with the same date
 * and data is left alone, a changed one becomes a correction.
 */
export interface RecordContext {
  writer: IndividualWriter;
  windows: PalliativeWindows;
  /** Where the entries' facts go: counted at once, or settled at the end of an import. */
  facts: FactSink;
}

export interface EntryInput {
  register: string;
  kind: string;
  pseudonym: string;
  unit: UnitInfo;
  occurredOn: string;
  /** The entry's data as sent; validated and scored here. */
  data: unknown;
  /** Data already validated and scored for this sex (an import checks its rows before the database). */
  checked?: { data: Record<string, unknown>; derived: ScoreResult | null; sex: 'K' | 'M' } | undefined;
  source: { system: string; recordId: string } | null;
}

export type EntryOutcome =
  | { status: 'created' | 'corrected' | 'unchanged'; entryId: string }
  | { status: 'refused'; issues: EntryRuleIssue[] };

export interface CorrectionInput {
  entry: ExistingEntry;
  occurredOn: string;
  data: unknown;
  reason: string;
}

const refused = (...issues: EntryRuleIssue[]): EntryOutcome => ({ status: 'refused', issues });

/** The unit's municipality on the day, or why an entry cannot be written there. */
export function placeEntry(
  writer: IndividualWriter,
  unit: UnitInfo,
  day: string,
): { municipalityCode: string } | EntryRuleIssue {
  const municipalityCode = municipalityOn(unit, day);
  if (municipalityCode === undefined)
    return { field: 'unitId', rule: 'unit_not_active', message: 'must be a unit that exists on occurredOn' };
  if (!writer.mayWrite({ unitId: unit.id, municipalityCode }))
    return { field: 'unitId', rule: 'outside_scope', message: 'the unit is outside your scope' };
  return { municipalityCode };
}

/** Validates and scores the data for the person's statistical sex (the import's check when it holds). */
function validData(
  input: Pick<EntryInput, 'register' | 'kind' | 'data' | 'checked'>,
  sex: 'K' | 'M',
): { data: Record<string, unknown>; derived: ScoreResult | null } | EntryRuleIssue[] {
  if (input.checked && input.checked.sex === sex) return input.checked;
  try {
    return validateEntry(input.register, input.kind, input.checked?.data ?? input.data, sex);
  } catch (err) {
    if (err instanceof ValidationError) return err.issues;
    throw err;
  }
}

interface Valid {
  i: number;
  input: EntryInput;
  person: PersonFacts;
  municipalityCode: string;
  data: Record<string, unknown>;
  derived: ScoreResult | null;
}

export async function recordEntries(
  tx: Queryable,
  ctx: RecordContext,
  inputs: readonly EntryInput[],
  /** The persons, when the caller just read them (an import links them first). */
  known?: ReadonlyMap<string, PersonFacts>,
): Promise<EntryOutcome[]> {
  const today = swedishDate(ctx.writer.now);
  const persons = known ?? (await personFactsOf(tx, [...new Set(inputs.map((i) => i.pseudonym))]));
  const out: EntryOutcome[] = inputs.map(() => refused());
  const valid: Valid[] = [];
  inputs.forEach((input, i) => {
    const person = persons.get(input.pseudonym);
    if (!person)
      return void (out[i] = refused({ field: 'person', rule: 'not_visible', message: 'no such person' }));
    const future = futureDateIssue(input.occurredOn, today);
    if (future) return void (out[i] = refused(future));
    const checked = validData(input, person.sex);
    if (Array.isArray(checked)) return void (out[i] = refused(...checked));
    const death = deathDateIssue(input.register, input.kind, checked.data, input.occurredOn);
    if (death) return void (out[i] = refused(death));
    const place = placeEntry(ctx.writer, input.unit, input.occurredOn);
    if ('rule' in place) return void (out[i] = refused(place));
    valid.push({ i, input, person, municipalityCode: place.municipalityCode, ...checked });
  });
  const served = await servedOn(
    tx,
    valid.map((v) => ({ pseudonym: v.input.pseudonym, unitId: v.input.unit.id, day: v.input.occurredOn })),
  );
  const existing = await existingBySource(
    tx,
    valid.flatMap((v) => (v.input.source ? [v.input.source] : [])),
  );
  const inserts: Array<Valid & { id: string }> = [];
  const corrections: Array<Valid & { entry: ExistingEntry }> = [];
  valid.forEach((v, k) => {
    const { input } = v;
    if (!served[k]) {
      out[v.i] = refused({
        field: 'occurredOn',
        rule: 'not_served_by_unit',
        message: 'the person was not served by the unit on this date',
      });
      return;
    }
    const ex = input.source ? existing.get(`${input.source.system}|${input.source.recordId}`) : undefined;
    if (!ex) {
      const window = palliativeWindowIssue(
        input.register,
        input.kind,
        ctx.windows,
        input.occurredOn,
        today,
        null,
        ctx.writer.now,
      );
      if (window) out[v.i] = refused(window);
      else inserts.push({ ...v, id: randomUUID() });
      return;
    }
    if (
      ex.personPseudonym !== input.pseudonym ||
      ex.unitId !== input.unit.id ||
      ex.kind !== input.kind ||
      ex.register !== input.register
    )
      out[v.i] = refused({
        field: 'recordId',
        rule: 'record_moved',
        message: 'is on file for another person, unit or kind; a record cannot move',
      });
    else if (ex.occurredOn === input.occurredOn && canonical(ex.data) === canonical(v.data))
      out[v.i] = { status: 'unchanged', entryId: ex.id };
    else corrections.push({ ...v, entry: ex });
  });
  const written: Written[] = [];
  const at = ctx.writer.now.toISOString();
  const inserted = await insertEntries(
    tx,
    inserts.map((v): NewEntryRow => ({
      id: v.id,
      register: v.input.register,
      kind: v.input.kind,
      personPseudonym: v.input.pseudonym,
      unitId: v.input.unit.id,
      municipalityCode: v.municipalityCode,
      occurredOn: v.input.occurredOn,
      data: v.data,
      derived: v.derived,
      submittedAt: at,
      createdBy: ctx.writer.accountId,
      sourceSystem: v.input.source?.system ?? null,
      sourceRecordId: v.input.source?.recordId ?? null,
    })),
  );
  for (const v of inserts) {
    if (!inserted.has(v.id)) {
      out[v.i] = refused({
        field: 'recordId',
        rule: 'record_id_taken',
        message: 'is already used by a record of a unit outside your scope',
      });
      continue;
    }
    out[v.i] = { status: 'created', entryId: v.id };
    written.push({ entry: storedOf(v, v.id), person: v.person, fresh: true });
  }
  const corrected = await applyCorrections(
    tx,
    ctx,
    corrections.map((v) => ({
      ...v,
      reason: `Ändrad i ${v.input.source?.system ?? ''} / changed in the sending system`,
    })),
    today,
  );
  for (const c of corrected.outcomes) out[c.i] = c.outcome;
  written.push(...corrected.written);
  await ctx.facts.replace(tx, await entryFactItems(tx, written));
  return out;
}

/**
 * Corrects entries: a new version with who, when and why; the previous version stays. The
 * caller found each entry; its unit and municipality on file decide the scope.
 */
export async function correctEntries(
  tx: Queryable,
  ctx: RecordContext,
  inputs: readonly CorrectionInput[],
): Promise<EntryOutcome[]> {
  const today = swedishDate(ctx.writer.now);
  const persons = await personFactsOf(tx, [...new Set(inputs.map((c) => c.entry.personPseudonym))]);
  const out: EntryOutcome[] = inputs.map(() => refused());
  const valid: Array<Valid & { entry: ExistingEntry; reason: string }> = [];
  inputs.forEach((c, i) => {
    const e = c.entry;
    if (!ctx.writer.mayWrite({ unitId: e.unitId, municipalityCode: e.municipalityCode }))
      return void (out[i] = refused({
        field: 'unitId',
        rule: 'outside_scope',
        message: 'the entry is outside your scope',
      }));
    const person = persons.get(e.personPseudonym);
    if (!person)
      return void (out[i] = refused({ field: 'person', rule: 'not_visible', message: 'no such person' }));
    const future = futureDateIssue(c.occurredOn, today);
    if (future) return void (out[i] = refused(future));
    const checked = validData({ register: e.register, kind: e.kind, data: c.data }, person.sex);
    if (Array.isArray(checked)) return void (out[i] = refused(...checked));
    const death = deathDateIssue(e.register, e.kind, checked.data, c.occurredOn);
    if (death) return void (out[i] = refused(death));
    const input: EntryInput = {
      register: e.register,
      kind: e.kind,
      pseudonym: e.personPseudonym,
      unit: { id: e.unitId, code: '', versions: [] },
      occurredOn: c.occurredOn,
      data: c.data,
      source: null,
    };
    valid.push({
      i,
      input,
      person,
      municipalityCode: e.municipalityCode,
      ...checked,
      entry: e,
      reason: c.reason,
    });
  });
  const corrected = await applyCorrections(tx, ctx, valid, today);
  for (const c of corrected.outcomes) out[c.i] = c.outcome;
  await ctx.facts.replace(tx, await entryFactItems(tx, corrected.written));
  return out;
}

interface Written {
  entry: StoredEntry;
  person: PersonFacts;
  fresh: boolean;
}

/** The edit window, then the new versions; a concurrent correction fails the whole batch. */
async function applyCorrections(
  tx: Queryable,
  ctx: RecordContext,
  corrections: ReadonlyArray<Valid & { entry: ExistingEntry; reason: string }>,
  today: string,
): Promise<{ outcomes: Array<{ i: number; outcome: EntryOutcome }>; written: Written[] }> {
  const outcomes: Array<{ i: number; outcome: EntryOutcome }> = [];
  const ok: Array<Valid & { entry: ExistingEntry; reason: string }> = [];
  for (const c of corrections) {
    const window = palliativeWindowIssue(
      c.entry.register,
      c.entry.kind,
      ctx.windows,
      c.input.occurredOn,
      today,
      c.entry.firstSubmittedAt,
      ctx.writer.now,
    );
    if (window) outcomes.push({ i: c.i, outcome: refused(window) });
    else ok.push(c);
  }
  const at = ctx.writer.now.toISOString();
  await insertVersions(
    tx,
    ok.map((c) => ({
      entryId: c.entry.id,
      version: c.entry.version + 1,
      occurredOn: c.input.occurredOn,
      data: c.data,
      derived: c.derived,
      recordedAt: at,
      recordedBy: ctx.writer.accountId,
      changeReason: c.reason,
    })),
  );
  const advanced = await advanceVersions(
    tx,
    ok.map((c) => ({ entryId: c.entry.id, from: c.entry.version, occurredOn: c.input.occurredOn })),
  );
  // The versions' primary key already refuses a concurrent correction; this is the belt to it.
  if (advanced !== ok.length) throw new StaleCorrectionError();
  for (const c of ok) outcomes.push({ i: c.i, outcome: { status: 'corrected', entryId: c.entry.id } });
  return {
    outcomes,
    written: ok.map((c) => ({ entry: storedOf(c, c.entry.id), person: c.person, fresh: false })),
  };
}

export class StaleCorrectionError extends Error {
  constructor() {
    super('an entry was corrected by someone else meanwhile');
    this.name = 'StaleCorrectionError';
  }
}

function storedOf(v: Valid, id: string): StoredEntry {
  return {
    id,
    register: v.input.register,
    kind: v.input.kind,
    unitId: v.input.unit.id,
    occurredOn: v.input.occurredOn,
    data: v.data,
    derived: v.derived,
  };
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
