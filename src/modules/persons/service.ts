import type { Db, Queryable } from '../../db/db.js';
import { inScope, scopeOf, setClock } from '../../db/scope.js';
import { writerOf, type Actor } from '../../domain/policy/actor.js';
import type { AuditAction, AuditEntry, AuditOutcome } from '../../domain/audit/entry.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { swedishDate } from '../../domain/identity/session.js';
import { parseIdentityNumber, type IdentityNumber } from '../../domain/persons/personnummer.js';
import { pseudonymOf } from '../../domain/persons/pseudonym.js';
import { appendReadAudit } from '../audit/append.js';
import { municipalityOn, unitWithVersions } from '../org/units.js';
import { linkPersons } from './link.js';
import * as q from './queries.js';
import type { BreakGlassGrant, PersonDetail, PersonPage, PersonSummary } from '../../contracts/persons.js';
import { personDetail, personSummary, personsCsv } from './present.js';

/**
 * Persons: register, look up, read, list, export, break the glass. Everything runs in one scoped
 * transaction (row-level security as the app role) together with its audit entry, so an access
 * and its log entry commit together. Refusals are logged in that transaction too and only turned
 * into errors after it commits.
 */
export interface PersonsDeps {
  db: Db;
  /** The pseudonym key (src/config/secrets.ts). */
  key: Uint8Array;
  breakGlassHours: number;
  /** What person changes mean for the modules built on them, injected (src/server/modules.ts). */
  consequences: PersonConsequences;
}

/**
 * The modules that build on persons (the registers' entries and facts) are told of a change in
 * the same transaction; persons itself depends on none of them.
 */
export interface PersonConsequences {
  /** Service links were created (`fresh`), moved or ended: their monthly served facts follow. */
  servicePeriodsChanged(
    tx: Queryable,
    serviceIds: readonly number[],
    today: string,
    fresh: ReadonlySet<number>,
  ): Promise<void>;
  /** The person's statistical sex changed: every fact of theirs follows. */
  personChanged(tx: Queryable, pseudonym: string, today: string): Promise<void>;
  /** Visible entries of the person at the unit dated in [from, to) (`to` may be 'infinity'). */
  entriesAtUnitBetween(
    tx: Queryable,
    pseudonym: string,
    unitId: string,
    from: string,
    to: string,
  ): Promise<number>;
}

export function inPersonScope<T>(
  deps: PersonsDeps,
  actor: Actor,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return inScope(deps.db, scopeOf(actor.principal), async (tx) => {
    await setClock(tx, actor.now);
    return fn(tx);
  });
}

export type AuditDetails = Omit<AuditEntry, 'actorUserId' | 'action' | 'outcome' | 'clientAddress'>;

export function audit(
  tx: Queryable,
  actor: Actor,
  action: AuditAction,
  outcome: AuditOutcome,
  details: AuditDetails = {},
): Promise<void> {
  const entry: AuditEntry = {
    actorUserId: actor.principal.userId,
    action,
    outcome,
    clientAddress: actor.clientAddress,
    ...details,
  };
  return appendReadAudit(tx, entry, actor.now);
}

/** Logs a refusal by the policy before anything was read (own transaction, as the owner). */
export function auditRefusal(db: Db, actor: Actor, action: AuditAction): Promise<void> {
  return db.transaction((tx) => audit(tx, actor, action, 'denied', { details: { reason: 'policy' } }));
}

function parseNumber(input: string, now: Date, field: string): IdentityNumber {
  const parsed = parseIdentityNumber(input, swedishDate(now));
  if (!parsed.ok) throw new ValidationError([{ field, rule: parsed.rule, message: parsed.message }]);
  return parsed.value;
}

export const notFound = (): NotFoundError =>
  new NotFoundError('Personen (eller du saknar behörighet) / The person (or you may not see it)');

export interface RegisterPersonInput {
  personnummer: string;
  name: string;
  unitId: string;
  servedFrom: string;
}

export interface RegisterPersonResult {
  person: PersonSummary;
  /** false when this unit already served the person on servedFrom (nothing changed). */
  linked: boolean;
}

/**
 * Registers a person as served by a unit from a date. Idempotent: an existing person gets the new
 * service link; a link that already covers the date changes nothing. The response does not say
 * whether the person existed elsewhere.
 */
export async function registerPerson(
  deps: PersonsDeps,
  actor: Actor,
  input: RegisterPersonInput,
): Promise<RegisterPersonResult> {
  const number = parseNumber(input.personnummer, actor.now, 'personnummer');
  const pseudonym = pseudonymOf(number.normalised, deps.key);
  const { unitId, servedFrom } = input;
  const writer = writerOf(actor.principal, actor.now);
  const result = await inPersonScope(deps, actor, async (tx) => {
    const unit = (await unitWithVersions(tx, unitId)) ?? { id: unitId, code: '', versions: [] };
    const linked = await linkPersons(tx, writer, [
      { pseudonym, identity: number, name: input.name, unit, servedFrom },
    ]);
    const issue = linked.issues[0];
    const where = {
      personPseudonym: pseudonym,
      unitId,
      municipalityCode: municipalityOn(unit, servedFrom) ?? null,
    };
    if (issue?.rule === 'outside_scope') {
      await audit(tx, actor, 'person_create', 'denied', where);
      return { kind: 'denied' } as const;
    }
    if (issue) return { kind: 'invalid', issue } as const;
    const today = swedishDate(actor.now);
    // Senior Alert counts the persons a unit serves, month by month, from the link on.
    const changed = [...linked.newServiceIds, ...linked.movedServiceIds];
    if (changed.length)
      await deps.consequences.servicePeriodsChanged(tx, changed, today, new Set(linked.newServiceIds));
    const row = await q.findPerson(tx, pseudonym);
    // Same number, other pseudonym on file: the key is not the one the data was written with.
    if (!row || row.personnummer_12 !== number.normalised) {
      throw new Error('person_identity does not match the pseudonym: was PSEUDONYM_KEY changed?');
    }
    const person = personSummary(row, await q.servicesInScope(tx, [pseudonym]));
    const isLinked = linked.linked[0] === true;
    await audit(tx, actor, 'person_create', 'allowed', { ...where, details: { linked: isLinked } });
    return { kind: 'ok', person, linked: isLinked } as const;
  });
  switch (result.kind) {
    case 'ok':
      return { person: result.person, linked: result.linked };
    case 'denied':
      throw new ForbiddenError('Enheten ligger utanför din behörighet. / The unit is outside your scope.');
    case 'invalid': {
      const { rule, message } = result.issue;
      if (rule === 'overlaps_service')
        throw new ConflictError('The person is already served by this unit from a later date', [
          { field: 'servedFrom', rule, message },
        ]);
      const field = rule === 'unit_not_active' ? 'unitId' : result.issue.field;
      throw new ValidationError([
        {
          field,
          rule,
          message: rule === 'unit_not_active' ? 'must be a unit that exists on servedFrom' : message,
        },
      ]);
    }
  }
}

/** Finds a person by number; 404 when absent or outside scope (logged as denied either way). */
export async function lookupPerson(
  deps: PersonsDeps,
  actor: Actor,
  personnummer: string,
): Promise<PersonDetail> {
  const number = parseNumber(personnummer, actor.now, 'personnummer');
  return readVisible(deps, actor, pseudonymOf(number.normalised, deps.key), 'person_lookup');
}

export function readPerson(deps: PersonsDeps, actor: Actor, pseudonym: string): Promise<PersonDetail> {
  return readVisible(deps, actor, pseudonym, 'person_read');
}

/**
 * Under RLS "does not exist" and "outside your scope" look the same, and are logged the same
 * (denied), so neither the answer nor the log a unit manager reviews reveals a person elsewhere.
 */
async function readVisible(
  deps: PersonsDeps,
  actor: Actor,
  pseudonym: string,
  action: 'person_lookup' | 'person_read',
): Promise<PersonDetail> {
  const detail = await inPersonScope(deps, actor, async (tx) => {
    const row = await q.findPerson(tx, pseudonym);
    if (!row) {
      await audit(tx, actor, action, 'denied', { personPseudonym: pseudonym });
      return null;
    }
    const person = personDetail(row, await q.servicesOf(tx, pseudonym));
    const breakGlass = person.access === 'break_glass';
    await audit(tx, actor, action, 'allowed', {
      personPseudonym: pseudonym,
      breakGlass,
      purpose: breakGlass ? await q.openGrantReason(tx, pseudonym) : null,
    });
    return person;
  });
  if (!detail) throw notFound();
  return detail;
}

async function summariesInScope(
  tx: Queryable,
  page?: { limit: number; offset: number },
): Promise<PersonSummary[]> {
  const rows = await q.listServedInScope(tx, page);
  const services = await q.servicesInScope(
    tx,
    rows.map((r) => r.pseudonym),
  );
  return rows.map((r) =>
    personSummary(
      r,
      services.filter((s) => s.person_pseudonym === r.pseudonym),
    ),
  );
}

export function listPersons(
  deps: PersonsDeps,
  actor: Actor,
  page: { limit: number; offset: number },
): Promise<PersonPage> {
  return inPersonScope(deps, actor, async (tx) => {
    const persons = await summariesInScope(tx, page);
    const total = await q.countServedInScope(tx);
    await audit(tx, actor, 'person_list', 'allowed', {
      details: { count: persons.length, total, limit: page.limit, offset: page.offset },
    });
    return { persons, total, ...page };
  });
}

/** Every person served in scope as CSV: pseudonym, birth year, sex, units. */
export function exportPersons(deps: PersonsDeps, actor: Actor): Promise<string> {
  return inPersonScope(deps, actor, async (tx) => {
    const persons = await summariesInScope(tx);
    await audit(tx, actor, 'person_export', 'allowed', { details: { count: persons.length, format: 'csv' } });
    return personsCsv(persons);
  });
}

export interface BreakGlassInput {
  personnummer?: string | undefined;
  pseudonym?: string | undefined;
  reason: string;
}

/**
 * Opens one person outside the caller's scope for reading, for BREAK_GLASS_HOURS, with a recorded
 * reason. Unlike a lookup this may reveal that the person exists: that is what the reason is for.
 */
export async function breakGlass(
  deps: PersonsDeps,
  actor: Actor,
  input: BreakGlassInput,
): Promise<BreakGlassGrant> {
  const pseudonym =
    input.personnummer !== undefined
      ? pseudonymOf(parseNumber(input.personnummer, actor.now, 'personnummer').normalised, deps.key)
      : input.pseudonym;
  if (pseudonym === undefined) throw new Error('break-the-glass input names no person');
  const grantedAt = actor.now;
  const expiresAt = new Date(grantedAt.getTime() + deps.breakGlassHours * 3_600_000);
  const granted = await inPersonScope(deps, actor, async (tx) => {
    const ok = await q.insertBreakGlassGrant(tx, {
      accountId: actor.principal.userId,
      pseudonym,
      reason: input.reason,
      grantedAt,
      expiresAt,
    });
    await audit(tx, actor, 'break_glass', ok ? 'allowed' : 'failed', {
      personPseudonym: pseudonym,
      breakGlass: true,
      purpose: input.reason,
      details: { expiresAt: expiresAt.toISOString() },
    });
    return ok;
  });
  if (!granted) throw notFound();
  return { pseudonym, grantedAt: grantedAt.toISOString(), expiresAt: expiresAt.toISOString() };
}
