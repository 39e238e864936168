import type { Db, Queryable } from '../../db/db.js';
import { inScope, scopeOf, setClock } from '../../db/scope.js';
import type { AuditAction, AuditEntry, AuditOutcome } from '../../domain/audit/entry.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { writerOf, type Actor } from '../../domain/policy/actor.js';
import type { EntryRuleIssue } from '../../domain/registers/rules.js';
import type { PalliativeWindows } from '../../domain/registers/windows.js';
import { appendReadAudit } from '../audit/append.js';
import { immediateFacts } from '../indicators/fact-writer.js';
import { municipalityOn, unitWithVersions } from '../org/units.js';
import { personFactsOf } from '../persons/queries.js';
import * as q from './queries.js';
import { correctEntries, recordEntries, StaleCorrectionError, type RecordContext } from './record.js';

/**
 * Register entries over HTTP: record, correct (a new version; the old one stays), read a person's
 * timeline. Each runs in one scoped transaction with its facts and its audit entry, so the
 * indicators and the log change exactly when the entry commits. Writes go through the batch
 * writer of record.ts with a batch of one, as imports go through it with a thousand.
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
  return appendReadAudit(
    tx,
    { actorUserId: actor.principal.userId, action, outcome, clientAddress: actor.clientAddress, ...details },
    actor.now,
  );
}

async function contextOf(tx: Queryable, deps: RegistersDeps, actor: Actor): Promise<RecordContext> {
  return {
    writer: writerOf(actor.principal, actor.now),
    windows: deps.windows,
    facts: immediateFacts(await deps.definitions(tx)),
  };
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

/** The writer's refusal as the HTTP answer: not visible 404, outside scope 403, else 400. */
async function refusalOf(
  tx: Queryable,
  actor: Actor,
  action: AuditAction,
  where: Omit<AuditEntry, 'actorUserId' | 'action' | 'outcome' | 'clientAddress'>,
  issues: readonly EntryRuleIssue[],
): Promise<Refusal> {
  const rule = issues[0]?.rule;
  if (rule !== 'not_visible' && rule !== 'outside_scope') throw new ValidationError([...issues]);
  await audit(tx, actor, action, 'denied', where);
  return refused(
    rule === 'not_visible'
      ? notFound()
      : new ForbiddenError('Enheten ligger utanför din behörighet. / The unit is outside your scope.'),
  );
}

/** Records a new entry: the registers' batch writer with a batch of one, then its audit entry. */
export async function recordEntry(
  deps: RegistersDeps,
  actor: Actor,
  input: NewEntryInput,
): Promise<q.EntryRow> {
  const result = await withScope(deps.db, actor, async (tx): Promise<q.EntryRow | Refusal> => {
    const unit = await unitWithVersions(tx, input.unitId);
    const where = {
      personPseudonym: input.personPseudonym,
      unitId: input.unitId,
      municipalityCode: (unit && municipalityOn(unit, input.occurredOn)) ?? null,
    };
    const [outcome] = await recordEntries(tx, await contextOf(tx, deps, actor), [
      {
        register: input.register,
        kind: input.kind,
        pseudonym: input.personPseudonym,
        unit: unit ?? { id: input.unitId, code: '', versions: [] },
        occurredOn: input.occurredOn,
        data: input.data,
        source: null,
      },
    ]);
    if (!outcome) throw new Error('the writer answered no outcome');
    if (outcome.status === 'refused') return refusalOf(tx, actor, 'record_write', where, outcome.issues);
    const entry = await q.findEntry(tx, outcome.entryId);
    if (!entry) throw new Error(`entry ${outcome.entryId} is not visible after insert`);
    await audit(tx, actor, 'record_write', 'allowed', {
      ...where,
      recordType: `${input.register}.${input.kind}`,
      recordId: entry.id,
      details: {},
    });
    return entry;
  });
  return unlessRefused(result);
}

/** Corrects an entry: a new version with who, when and why; the previous version stays. */
export async function correctEntry(
  deps: RegistersDeps,
  actor: Actor,
  entryId: string,
  input: CorrectionInput,
): Promise<q.EntryRow> {
  const result = await withScope(deps.db, actor, async (tx): Promise<q.EntryRow | Refusal> => {
    const entry = await q.findEntry(tx, entryId);
    if (!entry) {
      await audit(tx, actor, 'record_correct', 'denied', { recordId: entryId });
      return refused(notFound());
    }
    const where = {
      personPseudonym: entry.personPseudonym,
      unitId: entry.unitId,
      municipalityCode: entry.municipalityCode,
    };
    let outcome;
    try {
      [outcome] = await correctEntries(tx, await contextOf(tx, deps, actor), [
        { entry, occurredOn: input.occurredOn ?? entry.occurredOn, data: input.data, reason: input.reason },
      ]);
    } catch (err) {
      if (!(err instanceof StaleCorrectionError)) throw err;
      throw new ConflictError('The entry was corrected by someone else; reload it', [
        { field: 'version', rule: 'stale', message: 'another correction came first' },
      ]);
    }
    if (!outcome) throw new Error('the writer answered no outcome');
    if (outcome.status === 'refused')
      return refusalOf(tx, actor, 'record_correct', { ...where, recordId: entry.id }, outcome.issues);
    const corrected = await q.findEntry(tx, entry.id);
    if (!corrected) throw new Error(`entry ${entry.id} vanished during correction`);
    await audit(tx, actor, 'record_correct', 'allowed', {
      ...where,
      recordType: `${entry.register}.${entry.kind}`,
      recordId: entry.id,
      purpose: input.reason,
      details: { version: entry.version + 1 },
    });
    return corrected;
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
    if (!(await personFactsOf(tx, [pseudonym])).has(pseudonym)) {
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
