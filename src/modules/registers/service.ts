import type { Db, Queryable } from '../../db/db.js';
import { inScope, scopeOf, setClock } from '../../db/scope.js';
import type { AuditAction, AuditEntry, AuditOutcome } from '../../domain/audit/entry.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldIssue,
} from '../../domain/errors.js';
import { swedishDate } from '../../domain/identity/session.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { can } from '../../domain/policy/policy.js';
import { deriveScore, instrumentOfEntry } from '../../domain/registers/derive.js';
import { entrySchema } from '../../domain/registers/entries.js';
import { palliativeRefusal, type PalliativeWindows } from '../../domain/registers/windows.js';
import type { ScoreResult } from '../../domain/instruments/index.js';
import { appendAudit } from '../audit/append.js';
import { unitMunicipalityOn } from '../org/queries.js';
import type { Actor } from '../../domain/policy/actor.js';
import { refreshEntryFacts } from './facts.js';
import * as q from './queries.js';

/**
 * Register entries: record, correct (a new version; the old one stays), read a person's timeline.
 * Each runs in one scoped transaction with its facts and its audit entry, so the indicators and
 * the log change exactly when the entry commits.
 */
export interface RegistersDeps {
  db: Db;
  windows: PalliativeWindows;
  definitions: (tx: Queryable) => Promise<readonly IndicatorDefinition[]>;
}

export interface NewEntryInput {
  register: string;
  kind: string;
  personPseudonym: string;
  unitId: string;
  occurredOn: string;
  data: unknown;
  /** The sender's system and record id, for idempotent imports. */
  source?: { system: string; recordId: string } | undefined;
}

export interface CorrectionInput {
  occurredOn?: string | undefined;
  data: unknown;
  reason: string;
}

const notFound = () =>
  new NotFoundError(
    'Personen eller posten (eller du saknar behörighet) / The person or entry (or you may not see it)',
  );

function withScope<T>(db: Db, actor: Actor, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return inScope(db, scopeOf(actor.principal), async (tx) => {
    await setClock(tx, actor.now);
    return fn(tx);
  });
}

function audit(
  tx: Queryable,
  actor: Actor,
  action: AuditAction,
  outcome: AuditOutcome,
  details: Omit<AuditEntry, 'actorUserId' | 'action' | 'outcome' | 'clientAddress'>,
): Promise<void> {
  return appendAudit(
    tx,
    { actorUserId: actor.principal.userId, action, outcome, clientAddress: actor.clientAddress, ...details },
    actor.now,
  );
}

/** Validates the data of a (register, kind) and scores its answers; issues name `data.…` fields. */
export function validateEntry(
  register: string,
  kind: string,
  data: unknown,
  sex: 'K' | 'M',
): { data: Record<string, unknown>; derived: ScoreResult | null } {
  const schema = entrySchema(register, kind);
  if (!schema)
    throw new ValidationError([
      { field: 'kind', rule: 'unknown_kind', message: `${register} has no entry kind ${kind}` },
    ]);
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i): FieldIssue => ({
        field: ['data', ...i.path.map(String)].join('.'),
        rule: i.code,
        message: i.message,
      })),
    );
  const valid = parsed.data as Record<string, unknown>;
  const instrument = instrumentOfEntry(register, kind, valid);
  if (!instrument) return { data: valid, derived: null };
  const score = deriveScore(instrument, valid['answers'] as Record<string, unknown>, sex);
  if (!score.ok)
    throw new ValidationError(
      score.issues.map((i) => ({ field: `data.answers.${i.item}`, rule: i.rule, message: i.message })),
    );
  return { data: valid, derived: score.result };
}

/** The end-of-life questionnaire's date of death is the entry's date; they must agree. */
function checkDeathDate(
  register: string,
  kind: string,
  data: Record<string, unknown>,
  occurredOn: string,
): void {
  if (register !== 'palliative' || kind !== 'death_registration') return;
  const answers = data['answers'] as Record<string, unknown>;
  if (answers['dateOfDeath'] !== occurredOn)
    throw new ValidationError([
      {
        field: 'data.answers.dateOfDeath',
        rule: 'matches_occurred_on',
        message: 'must be the same date as occurredOn',
      },
    ]);
}

function windowIssue(refusal: string): ValidationError {
  const message =
    refusal === 'registration_window_closed'
      ? 'a death is registered within the registration window after the date of death'
      : 'a submitted end-of-life registration may only be corrected within the edit window';
  return new ValidationError([{ field: 'occurredOn', rule: refusal, message }]);
}

export interface RecordResult {
  entry: q.EntryRow;
  /** false when an import re-sent a record already on file unchanged. */
  changed: boolean;
}

/**
 * A refusal is returned, not thrown, so the transaction that logged it as denied commits; the
 * caller throws it afterwards. Invalid input is thrown at once (nothing to log).
 */
export type Refusal = { refused: NotFoundError | ForbiddenError };
const refused = (error: NotFoundError | ForbiddenError): Refusal => ({ refused: error });
function unlessRefused<T extends object>(r: T | Refusal): T {
  if ('refused' in r) throw r.refused;
  return r;
}

/** Records a new entry (or, for a re-sent import record, leaves or corrects the one on file). */
export async function recordEntry(
  deps: RegistersDeps,
  actor: Actor,
  input: NewEntryInput,
): Promise<RecordResult> {
  return unlessRefused(await withScope(deps.db, actor, (tx) => recordEntryIn(tx, deps, actor, input)));
}

/** recordEntry inside a transaction the caller holds (imports write a whole file in one). */
export async function recordEntryIn(
  tx: Queryable,
  deps: RegistersDeps,
  actor: Actor,
  input: NewEntryInput,
): Promise<RecordResult | Refusal> {
  const person = await q.personFacts(tx, input.personPseudonym);
  if (!person) {
    await audit(tx, actor, 'record_write', 'denied', {
      personPseudonym: input.personPseudonym,
      unitId: input.unitId,
    });
    return refused(notFound());
  }
  const { data, derived } = validateEntry(input.register, input.kind, input.data, person.sex);
  checkDeathDate(input.register, input.kind, data, input.occurredOn);
  if (input.source) {
    const existing = await q.findEntryBySource(tx, input.source.system, input.source.recordId);
    if (existing) {
      if (JSON.stringify(existing.data) === JSON.stringify(data) && existing.occurredOn === input.occurredOn)
        return { entry: existing, changed: false };
      const entry = await correctIn(tx, deps, actor, existing, {
        data,
        occurredOn: input.occurredOn,
        reason: `Ändrad i ${input.source.system} / changed in the sending system`,
      });
      return 'refused' in entry ? entry : { entry, changed: true };
    }
  }
  const municipalityCode = await unitMunicipalityOn(tx, input.unitId, input.occurredOn);
  const where = {
    personPseudonym: input.personPseudonym,
    unitId: input.unitId,
    municipalityCode: municipalityCode ?? null,
  };
  if (municipalityCode === undefined)
    throw new ValidationError([
      { field: 'unitId', rule: 'unit_not_active', message: 'must be a unit that exists on occurredOn' },
    ]);
  if (!can(actor.principal, 'individual.write', { unitId: input.unitId, municipalityCode })) {
    await audit(tx, actor, 'record_write', 'denied', where);
    return refused(
      new ForbiddenError('Enheten ligger utanför din behörighet. / The unit is outside your scope.'),
    );
  }
  if (!(await q.servedByUnitOn(tx, input.personPseudonym, input.unitId, input.occurredOn)))
    throw new ValidationError([
      {
        field: 'occurredOn',
        rule: 'not_served_by_unit',
        message: 'the person was not served by the unit on this date',
      },
    ]);
  if (input.register === 'palliative' && input.kind === 'death_registration') {
    const refusal = palliativeRefusal(
      deps.windows,
      input.occurredOn,
      swedishDate(actor.now),
      null,
      actor.now,
    );
    if (refusal) throw windowIssue(refusal);
  }
  const id = await q.insertEntry(tx, {
    register: input.register,
    kind: input.kind,
    personPseudonym: input.personPseudonym,
    unitId: input.unitId,
    municipalityCode,
    occurredOn: input.occurredOn,
    data,
    derived,
    at: actor.now,
    by: actor.principal.userId,
    source: input.source ?? null,
  });
  const entry = await q.findEntry(tx, id);
  if (!entry) throw new Error(`entry ${id} is not visible after insert`);
  await refreshEntryFacts(tx, await deps.definitions(tx), person, entry);
  await audit(tx, actor, 'record_write', 'allowed', {
    ...where,
    recordType: `${input.register}.${input.kind}`,
    recordId: id,
    details: input.source ? { sourceSystem: input.source.system } : {},
  });
  return { entry, changed: true };
}

async function correctIn(
  tx: Queryable,
  deps: RegistersDeps,
  actor: Actor,
  entry: q.EntryRow,
  input: CorrectionInput,
): Promise<q.EntryRow | Refusal> {
  const where = {
    personPseudonym: entry.personPseudonym,
    unitId: entry.unitId,
    municipalityCode: entry.municipalityCode,
  };
  if (
    !can(actor.principal, 'individual.write', {
      unitId: entry.unitId,
      municipalityCode: entry.municipalityCode,
    })
  ) {
    await audit(tx, actor, 'record_correct', 'denied', { ...where, recordId: entry.id });
    return refused(
      new ForbiddenError('Posten ligger utanför din behörighet. / The entry is outside your scope.'),
    );
  }
  const person = await q.personFacts(tx, entry.personPseudonym);
  if (!person) throw notFound();
  const { data, derived } = validateEntry(entry.register, entry.kind, input.data, person.sex);
  const occurredOn = input.occurredOn ?? entry.occurredOn;
  checkDeathDate(entry.register, entry.kind, data, occurredOn);
  if (entry.register === 'palliative' && entry.kind === 'death_registration') {
    const refusal = palliativeRefusal(
      deps.windows,
      occurredOn,
      swedishDate(actor.now),
      entry.firstSubmittedAt,
      actor.now,
    );
    if (refusal) throw windowIssue(refusal);
  }
  await q.insertVersion(
    tx,
    entry.id,
    entry.version + 1,
    { occurredOn, data, derived, at: actor.now, by: actor.principal.userId },
    input.reason,
  );
  if (!(await q.advanceVersion(tx, entry.id, entry.version, occurredOn)))
    throw new ConflictError('The entry was corrected by someone else; reload it', [
      { field: 'version', rule: 'stale', message: 'another correction came first' },
    ]);
  const corrected = await q.findEntry(tx, entry.id);
  if (!corrected) throw new Error(`entry ${entry.id} vanished during correction`);
  await refreshEntryFacts(tx, await deps.definitions(tx), person, corrected);
  await audit(tx, actor, 'record_correct', 'allowed', {
    ...where,
    recordType: `${entry.register}.${entry.kind}`,
    recordId: entry.id,
    purpose: input.reason,
    details: { version: entry.version + 1 },
  });
  return corrected;
}

/** Corrects an entry: a new version with who, when and why; the previous version stays. */
export async function correctEntry(
  deps: RegistersDeps,
  actor: Actor,
  entryId: string,
  input: CorrectionInput,
): Promise<q.EntryRow> {
  const result = await withScope(deps.db, actor, async (tx) => {
    const entry = await q.findEntry(tx, entryId);
    if (!entry) {
      await audit(tx, actor, 'record_correct', 'denied', { recordId: entryId });
      return refused(notFound());
    }
    return correctIn(tx, deps, actor, entry, input);
  });
  return unlessRefused(result);
}

export interface Timeline {
  pseudonym: string;
  entries: q.EntryRow[];
}

/** A person's entries, newest first; 404 (logged as denied) when the person is not visible. */
export async function timeline(
  deps: RegistersDeps,
  actor: Actor,
  pseudonym: string,
  register?: string,
): Promise<Timeline> {
  const result = await withScope(deps.db, actor, async (tx) => {
    if (!(await q.personFacts(tx, pseudonym))) {
      await audit(tx, actor, 'record_read', 'denied', { personPseudonym: pseudonym });
      return null;
    }
    const entries = await q.entriesOfPerson(tx, pseudonym, register);
    await audit(tx, actor, 'record_read', 'allowed', {
      personPseudonym: pseudonym,
      recordType: 'timeline',
      details: { entries: entries.length, ...(register ? { register } : {}) },
    });
    return { pseudonym, entries };
  });
  if (!result) throw notFound();
  return result;
}

/** Every version of one entry, newest first (the correction history). */
export async function entryHistory(
  deps: RegistersDeps,
  actor: Actor,
  entryId: string,
): Promise<q.VersionRow[]> {
  const result = await withScope(deps.db, actor, async (tx) => {
    const entry = await q.findEntry(tx, entryId);
    if (!entry) {
      await audit(tx, actor, 'record_read', 'denied', { recordId: entryId });
      return null;
    }
    const versions = await q.versionsOf(tx, entryId);
    await audit(tx, actor, 'record_read', 'allowed', {
      personPseudonym: entry.personPseudonym,
      unitId: entry.unitId,
      recordType: `${entry.register}.${entry.kind}`,
      recordId: entryId,
      details: { versions: versions.length },
    });
    return versions;
  });
  if (!result) throw notFound();
  return result;
}
