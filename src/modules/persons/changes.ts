import type { Queryable } from '../../db/db.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../domain/errors.js';
import { swedishDate } from '../../domain/identity/session.js';
import type { LegalSex } from '../../domain/persons/personnummer.js';
import { can } from '../../domain/policy/policy.js';
import type { Principal } from '../../domain/policy/principal.js';
import type { EndServiceResult, PersonSex, ServicePeriod } from '../../contracts/persons.js';
import { servicePeriod } from './present.js';
import * as q from './queries.js';
import type { Actor } from '../../domain/policy/actor.js';
import { audit, inPersonScope, notFound, type PersonsDeps } from './service.js';

/**
 * Changes to a person after registration: ending a service period, and the sex used in
 * statistics. Like the rest of the module each runs in one scoped transaction (row-level security
 * as the app role) with its audit entry and the indicator facts it moves, so counts, log and
 * change commit together. A policy refusal is logged as denied in that transaction and thrown
 * after it commits; invalid input and conflicts change nothing and are not logged.
 */

const SERVICE_RECORD = 'person_service';

type EndOutcome =
  | { kind: 'ok'; service: ServicePeriod; changed: boolean }
  | { kind: 'not_found' }
  | { kind: 'denied' }
  | { kind: 'before_start'; validFrom: string }
  | { kind: 'already_ended'; validTo: string }
  | { kind: 'entries_after_end'; count: number }
  | { kind: 'stale' };

/**
 * Ends a service period: the person leaves the unit, `servedTo` is the first day no longer served
 * (the period's valid_to, half-open). Needs individual.write on the period's unit. Ending it again
 * on the same day is idempotent; on another day it is a conflict (the end is not moved here).
 * Entries of the person at the unit dated on or after `servedTo` would lose the period they must
 * lie in, so they refuse the end. The Senior Alert served facts stop at the new end.
 */
export async function endService(
  deps: PersonsDeps,
  actor: Actor,
  pseudonym: string,
  serviceId: string,
  servedTo: string,
): Promise<EndServiceResult> {
  const outcome = await inPersonScope(deps, actor, async (tx): Promise<EndOutcome> => {
    const record = { personPseudonym: pseudonym, recordType: SERVICE_RECORD, recordId: serviceId };
    const row = await q.findService(tx, pseudonym, serviceId);
    if (!row) {
      await audit(tx, actor, 'service_end', 'denied', record);
      return { kind: 'not_found' };
    }
    const target = { unitId: row.unit_id, municipalityCode: row.municipality_code };
    const where = { ...record, ...target };
    // Visible but not writable: seen through a break-the-glass grant, which opens reading only.
    if (!can(actor.principal, 'individual.write', target)) {
      await audit(tx, actor, 'service_end', 'denied', where);
      return { kind: 'denied' };
    }
    if (servedTo <= row.valid_from) return { kind: 'before_start', validFrom: row.valid_from };
    if (row.valid_to !== null) {
      if (row.valid_to !== servedTo) return { kind: 'already_ended', validTo: row.valid_to };
      await audit(tx, actor, 'service_end', 'allowed', { ...where, details: { servedTo, changed: false } });
      return { kind: 'ok', service: servicePeriod(row), changed: false };
    }
    // Links of one person to one unit do not overlap, so nothing else covers these days.
    const count = await deps.consequences.entriesAtUnitBetween(
      tx,
      pseudonym,
      row.unit_id,
      servedTo,
      'infinity',
    );
    if (count > 0) return { kind: 'entries_after_end', count };
    if (!(await q.endService(tx, serviceId, servedTo))) return { kind: 'stale' };
    await deps.consequences.servicePeriodsChanged(tx, [Number(serviceId)], swedishDate(actor.now), new Set());
    await audit(tx, actor, 'service_end', 'allowed', { ...where, details: { servedTo, changed: true } });
    return { kind: 'ok', service: { ...servicePeriod(row), validTo: servedTo }, changed: true };
  });
  switch (outcome.kind) {
    case 'ok':
      return { service: outcome.service, changed: outcome.changed };
    case 'not_found':
      throw notFound();
    case 'denied':
      throw new ForbiddenError('Enheten ligger utanför din behörighet. / The unit is outside your scope.');
    case 'before_start':
      throw new ValidationError([
        {
          field: 'servedTo',
          rule: 'before_start',
          message: `must be after the period's first day ${outcome.validFrom}: it is the first day no longer served`,
        },
      ]);
    case 'already_ended':
      throw new ConflictError(
        `The period has already ended: ${outcome.validTo} is its first day not served`,
        [
          {
            field: 'servedTo',
            rule: 'already_ended',
            message: `the period already ended with ${outcome.validTo}; only the same date is accepted again`,
          },
        ],
      );
    case 'entries_after_end':
      throw new ConflictError(
        `${outcome.count} ${outcome.count === 1 ? 'entry is' : 'entries are'} dated on or after servedTo at this unit`,
        [
          {
            field: 'servedTo',
            rule: 'entries_after_end',
            message: `${outcome.count} ${outcome.count === 1 ? 'entry' : 'entries'} of the person at the unit would fall outside the period; correct their dates first or choose a later servedTo`,
          },
        ],
      );
    case 'stale':
      throw new ConflictError('The period was ended by someone else; reload it', [
        { field: 'servedTo', rule: 'stale', message: 'another request ended the period first' },
      ]);
  }
}

export interface SexOverrideInput {
  sex: LegalSex;
  reason: string;
}

/** What the override routes answer: no name, no number. */
type SexOutcome =
  | { kind: 'ok'; person: PersonSex }
  | { kind: 'not_found' }
  | { kind: 'denied' }
  | { kind: 'same_as_legal_sex' };

/** May the principal write for at least one unit that serves (or served) the person in scope? */
async function writesForPerson(tx: Queryable, principal: Principal, pseudonym: string): Promise<boolean> {
  const services = await q.servicesInScope(tx, [pseudonym]);
  return services.some((s) =>
    can(principal, 'individual.write', { unitId: s.unit_id, municipalityCode: s.municipality_code }),
  );
}

/** Records (PUT) the sex used in statistics with a reason, overriding the legal sex. */
export function setSexOverride(
  deps: PersonsDeps,
  actor: Actor,
  pseudonym: string,
  input: SexOverrideInput,
): Promise<PersonSex> {
  return changeSexOverride(deps, actor, pseudonym, input);
}

/** Removes (DELETE) the override: statistics use the legal sex again. Idempotent. */
export function removeSexOverride(deps: PersonsDeps, actor: Actor, pseudonym: string): Promise<PersonSex> {
  return changeSexOverride(deps, actor, pseudonym, null);
}

/**
 * Facts carry the person's sex, so a change of the sex used in statistics recomputes every fact of
 * the person (entries and served periods) and moves the counts in the same transaction.
 */
async function changeSexOverride(
  deps: PersonsDeps,
  actor: Actor,
  pseudonym: string,
  next: SexOverrideInput | null,
): Promise<PersonSex> {
  const outcome = await inPersonScope(deps, actor, async (tx): Promise<SexOutcome> => {
    const row = await q.findPersonSex(tx, pseudonym);
    if (!row) {
      await audit(tx, actor, 'person_sex_override', 'denied', { personPseudonym: pseudonym });
      return { kind: 'not_found' };
    }
    if (!row.served_in_scope || !(await writesForPerson(tx, actor.principal, pseudonym))) {
      await audit(tx, actor, 'person_sex_override', 'denied', { personPseudonym: pseudonym });
      return { kind: 'denied' };
    }
    if (next && next.sex === row.sex) return { kind: 'same_as_legal_sex' };
    const from = row.sex_override ?? row.sex;
    const sex = next?.sex ?? row.sex;
    const changed =
      row.sex_override !== (next?.sex ?? null) || row.sex_override_reason !== (next?.reason ?? null);
    if (changed) await q.setSexOverride(tx, pseudonym, next);
    if (sex !== from) {
      await deps.consequences.personChanged(tx, pseudonym, swedishDate(actor.now));
    }
    await audit(tx, actor, 'person_sex_override', 'allowed', {
      personPseudonym: pseudonym,
      purpose: next?.reason ?? null,
      details: { sex, from, changed, ...(next ? {} : { removed: true }) },
    });
    return {
      kind: 'ok',
      person: {
        pseudonym,
        legalSex: row.sex,
        sex,
        sexOverride: next ? { sex: next.sex, reason: next.reason } : null,
        changed,
      },
    };
  });
  switch (outcome.kind) {
    case 'ok':
      return outcome.person;
    case 'not_found':
      throw notFound();
    case 'denied':
      throw new ForbiddenError(
        'Ingen enhet inom din behörighet betjänar personen. / No unit in your scope serves the person.',
      );
    case 'same_as_legal_sex':
      throw new ValidationError([
        {
          field: 'sex',
          rule: 'same_as_legal_sex',
          message: 'is the legal sex from the personnummer; remove the override instead',
        },
      ]);
  }
}
