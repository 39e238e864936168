import type { Db, Queryable } from '../../db/db.js';
import { inScope, type RowScope } from '../../db/scope.js';
import type { AuditAction, AuditEntry, AuditOutcome } from '../../domain/audit/entry.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { swedishDate } from '../../domain/identity/session.js';
import { parseIdentityNumber, type IdentityNumber } from '../../domain/persons/personnummer.js';
import { pseudonymOf } from '../../domain/persons/pseudonym.js';
import { can, individualScope } from '../../domain/policy/policy.js';
import type { Principal } from '../../domain/policy/principal.js';
import { appendAudit } from '../audit/append.js';
import { refreshServedFactsOfPerson } from '../registers/facts.js';
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
  /** The pseudonym key (src/modules/persons/pseudonym-key.ts). */
  key: Uint8Array;
  breakGlassHours: number;
}

/** Who acts, from where, at what time (the app's clock, injectable in tests). */
export interface Actor {
  principal: Principal;
  clientAddress: string | null;
  now: Date;
}

export function scopeOf(principal: Principal): RowScope {
  return { accountId: principal.userId, ...individualScope(principal) };
}

export function inPersonScope<T>(
  deps: PersonsDeps,
  actor: Actor,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return inScope(deps.db, scopeOf(actor.principal), async (tx) => {
    await q.setClock(tx, actor.now);
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
  return appendAudit(tx, entry, actor.now);
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
  if (input.servedFrom < number.birthDate) {
    throw new ValidationError([
      { field: 'servedFrom', rule: 'before_birth', message: 'must not be before the date of birth' },
    ]);
  }
  const pseudonym = pseudonymOf(number.normalised, deps.key);
  const { unitId, servedFrom } = input;
  const result = await inPersonScope(deps, actor, async (tx) => {
    const municipalityCode = await q.unitMunicipalityOn(tx, unitId, servedFrom);
    if (municipalityCode === undefined) return { kind: 'unit_not_active' } as const;
    const where = { personPseudonym: pseudonym, unitId, municipalityCode };
    if (!can(actor.principal, 'individual.write', { unitId, municipalityCode })) {
      await audit(tx, actor, 'person_create', 'denied', where);
      return { kind: 'denied' } as const;
    }
    // Links of one person to one unit do not overlap (checked here; the unique key catches races).
    const links = await q.servicesOf(tx, pseudonym, unitId);
    const covering = links.find(
      (s) => s.valid_from <= servedFrom && (s.valid_to === null || servedFrom < s.valid_to),
    );
    const later = links.find((s) => s.valid_from > servedFrom);
    if (!covering && later) return { kind: 'overlap', from: later.valid_from } as const;
    const linked =
      !covering &&
      (await q.insertServiceLink(tx, {
        pseudonym,
        unitId,
        municipalityCode,
        validFrom: servedFrom,
        createdAt: actor.now,
      }));
    await q.insertPersonIfNew(tx, {
      pseudonym,
      personnummer12: number.normalised,
      name: input.name,
      birthDate: number.birthDate,
      legalSex: number.legalSex,
      createdAt: actor.now,
    });
    // Senior Alert counts the persons a unit serves, month by month, from the link on.
    if (linked) await refreshServedFactsOfPerson(tx, pseudonym, swedishDate(actor.now));
    const row = await q.findPerson(tx, pseudonym);
    // Same number, other pseudonym on file: the key is not the one the data was written with.
    if (!row || row.personnummer_12 !== number.normalised) {
      throw new Error('person_identity does not match the pseudonym: was PSEUDONYM_KEY changed?');
    }
    const person = personSummary(row, await q.servicesInScope(tx, [pseudonym]));
    await audit(tx, actor, 'person_create', 'allowed', { ...where, details: { linked } });
    return { kind: 'ok', person, linked } as const;
  });
  switch (result.kind) {
    case 'ok':
      return { person: result.person, linked: result.linked };
    case 'unit_not_active':
      throw new ValidationError([
        { field: 'unitId', rule: 'unit_not_active', message: 'must be a unit that exists on servedFrom' },
      ]);
    case 'denied':
      throw new ForbiddenError('Enheten ligger utanför din behörighet. / The unit is outside your scope.');
    case 'overlap':
      throw new ConflictError('The person is already served by this unit from a later date', [
        { field: 'servedFrom', rule: 'overlaps_service', message: `must not be before ${result.from}` },
      ]);
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
