import type { Queryable } from '../../db/db.js';
import { toInt } from '../../db/db.js';
import type { LegalSex } from '../../domain/persons/personnummer.js';
import type { PersonFacts } from '../../domain/registers/facts.js';

/**
 * SQL of the persons module. Every function here runs inside a scoped transaction (inScope), so
 * row-level security decides what exists; the explicit scope filters below only narrow further.
 */

export interface ServiceRow extends Record<string, unknown> {
  /** bigint identity (read through toInt). */
  id: number | string;
  unit_id: string;
  municipality_code: string;
  valid_from: string;
  /** null = still served. */
  valid_to: string | null;
}

const SERVICE_COLUMNS = `id, unit_id, municipality_code, valid_from,
  CASE WHEN valid_to = 'infinity' THEN NULL ELSE valid_to END AS valid_to`;

/** The visible service periods of one person (in scope, or all of them under break-the-glass). */
export async function servicesOf(tx: Queryable, pseudonym: string, unitId?: string): Promise<ServiceRow[]> {
  const { rows } = await tx.query<ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} FROM person_service
      WHERE person_pseudonym = $1 AND ($2::uuid IS NULL OR unit_id = $2::uuid)
      ORDER BY valid_from, unit_id`,
    [pseudonym, unitId ?? null],
  );
  return rows;
}

export interface NewServiceLink {
  pseudonym: string;
  unitId: string;
  municipalityCode: string;
  validFrom: string;
  createdAt: Date;
}

/** Links a person to a unit from a date; false when the same link already exists. */
export async function insertServiceLink(tx: Queryable, link: NewServiceLink): Promise<boolean> {
  const { affectedRows } = await tx.query(
    `INSERT INTO person_service (person_pseudonym, unit_id, municipality_code, valid_from, created_at)
     VALUES ($1, $2::uuid, $3, $4::date, $5) ON CONFLICT DO NOTHING`,
    [link.pseudonym, link.unitId, link.municipalityCode, link.validFrom, link.createdAt.toISOString()],
  );
  return affectedRows > 0;
}

export interface NewPerson {
  pseudonym: string;
  personnummer12: string;
  name: string;
  birthDate: string;
  legalSex: LegalSex;
  createdAt: Date;
}

/**
 * Writes the person and their identity unless they exist. Must follow insertServiceLink in the same
 * transaction: the INSERT policies only accept a person served in scope.
 */
export async function insertPersonIfNew(tx: Queryable, p: NewPerson): Promise<void> {
  await tx.query(
    `INSERT INTO person (pseudonym, birth_date, sex, created_at) VALUES ($1, $2::date, $3, $4)
     ON CONFLICT DO NOTHING`,
    [p.pseudonym, p.birthDate, p.legalSex, p.createdAt.toISOString()],
  );
  await tx.query(
    `INSERT INTO person_identity (pseudonym, personnummer_12, name, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [p.pseudonym, p.personnummer12, p.name, p.createdAt.toISOString()],
  );
}

export interface PersonRow extends Record<string, unknown> {
  pseudonym: string;
  personnummer_12: string;
  name: string;
  birth_date: string;
  sex: LegalSex;
  sex_override: LegalSex | null;
  sex_override_reason: string | null;
  /** false when only a break-the-glass grant makes the person visible. */
  served_in_scope: boolean;
}

/** One person with identity, or null when not visible (absent or outside scope — the same to us). */
export async function findPerson(tx: Queryable, pseudonym: string): Promise<PersonRow | null> {
  const { rows } = await tx.query<PersonRow>(
    `SELECT p.pseudonym, i.personnummer_12, i.name, p.birth_date, p.sex, p.sex_override,
            p.sex_override_reason, person_served_in_scope(p.pseudonym) AS served_in_scope
       FROM person p JOIN person_identity i USING (pseudonym)
      WHERE p.pseudonym = $1`,
    [pseudonym],
  );
  return rows[0] ?? null;
}

export interface PersonSexRow extends Record<string, unknown> {
  sex: LegalSex;
  sex_override: LegalSex | null;
  sex_override_reason: string | null;
  served_in_scope: boolean;
}

/** Legal sex and override of a visible person, without touching the identity table. */
export async function findPersonSex(tx: Queryable, pseudonym: string): Promise<PersonSexRow | null> {
  const { rows } = await tx.query<PersonSexRow>(
    `SELECT sex, sex_override, sex_override_reason, person_served_in_scope(pseudonym) AS served_in_scope
       FROM person WHERE pseudonym = $1`,
    [pseudonym],
  );
  return rows[0] ?? null;
}

export interface PersonSummaryRow extends Record<string, unknown> {
  pseudonym: string;
  birth_date: string;
  sex: LegalSex;
  sex_override: LegalSex | null;
}

const SERVED_IN_SCOPE = `EXISTS (SELECT 1 FROM person_service s WHERE s.person_pseudonym = p.pseudonym
  AND kunskapsnav_in_scope(s.unit_id, s.municipality_code))`;

/**
 * Persons served in scope, one page, by pseudonym. Break-the-glass persons are not listed: a
 * grant opens one person for reading, it does not widen lists.
 */
export async function listServedInScope(
  tx: Queryable,
  page: { limit: number; offset: number } | undefined,
): Promise<PersonSummaryRow[]> {
  const { rows } = await tx.query<PersonSummaryRow>(
    `SELECT p.pseudonym, p.birth_date, p.sex, p.sex_override FROM person p
      WHERE ${SERVED_IN_SCOPE}
      ORDER BY p.pseudonym
      LIMIT $1 OFFSET $2`,
    [page?.limit ?? null, page?.offset ?? 0],
  );
  return rows;
}

export async function countServedInScope(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*) AS n FROM person p WHERE ${SERVED_IN_SCOPE}`,
  );
  return toInt(rows[0]?.n ?? 0);
}

export interface ScopedServiceRow extends ServiceRow {
  person_pseudonym: string;
}

/** The in-scope service periods of the given persons. */
export async function servicesInScope(
  tx: Queryable,
  pseudonyms: readonly string[],
): Promise<ScopedServiceRow[]> {
  if (pseudonyms.length === 0) return [];
  const { rows } = await tx.query<ScopedServiceRow>(
    `SELECT person_pseudonym, ${SERVICE_COLUMNS} FROM person_service
      WHERE person_pseudonym = ANY($1::text[]) AND kunskapsnav_in_scope(unit_id, municipality_code)
      ORDER BY person_pseudonym, valid_from, unit_id`,
    [pseudonyms],
  );
  return rows;
}

export interface NewBreakGlassGrant {
  accountId: string;
  pseudonym: string;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
}

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Records a grant; false when no such person exists. A savepoint keeps the transaction usable after
 * the foreign-key refusal, so the failed attempt can still be audited in it.
 */
export async function insertBreakGlassGrant(tx: Queryable, g: NewBreakGlassGrant): Promise<boolean> {
  await tx.query('SAVEPOINT break_glass_grant');
  try {
    await tx.query(
      `INSERT INTO break_glass_grant (account_id, person_pseudonym, reason, granted_at, expires_at)
       VALUES ($1::uuid, $2, $3, $4, $5)`,
      [g.accountId, g.pseudonym, g.reason, g.grantedAt.toISOString(), g.expiresAt.toISOString()],
    );
  } catch (err) {
    if ((err as { code?: unknown }).code !== FOREIGN_KEY_VIOLATION) throw err;
    await tx.query('ROLLBACK TO SAVEPOINT break_glass_grant');
    return false;
  }
  await tx.query('RELEASE SAVEPOINT break_glass_grant');
  return true;
}

/** The reason of the acting account's open grant to a person (for the audit of a read under it). */
export async function openGrantReason(tx: Queryable, pseudonym: string): Promise<string | null> {
  const { rows } = await tx.query<{ reason: string }>(
    `SELECT reason FROM break_glass_grant
      WHERE person_pseudonym = $1 AND account_id = kunskapsnav_account_id()
        AND granted_at <= kunskapsnav_clock() AND kunskapsnav_clock() < expires_at
      ORDER BY granted_at DESC LIMIT 1`,
    [pseudonym],
  );
  return rows[0]?.reason ?? null;
}

export interface ServiceLinkRow extends ServiceRow {
  person_pseudonym: string;
}

/** One visible service period of a person (in scope, or under break-the-glass), or null. */
export async function findService(
  tx: Queryable,
  pseudonym: string,
  serviceId: string,
): Promise<ServiceLinkRow | null> {
  const { rows } = await tx.query<ServiceLinkRow>(
    `SELECT person_pseudonym, ${SERVICE_COLUMNS} FROM person_service
      WHERE id = $1::bigint AND person_pseudonym = $2`,
    [serviceId, pseudonym],
  );
  return rows[0] ?? null;
}

/**
 * Ends a running service period: servedTo becomes its valid_to (the first day not served). False
 * when it was no longer running (another request ended it first) or is not writable in scope.
 */
export async function endService(tx: Queryable, serviceId: string, servedTo: string): Promise<boolean> {
  const { affectedRows } = await tx.query(
    `UPDATE person_service SET valid_to = $2::date WHERE id = $1::bigint AND valid_to = 'infinity'`,
    [serviceId, servedTo],
  );
  return affectedRows === 1;
}

/** Sets (or, with null, removes) the sex used in statistics; the reason goes with it. */
export async function setSexOverride(
  tx: Queryable,
  pseudonym: string,
  override: { sex: LegalSex; reason: string } | null,
): Promise<void> {
  const { affectedRows } = await tx.query(
    'UPDATE person SET sex_override = $2, sex_override_reason = $3 WHERE pseudonym = $1',
    [pseudonym, override?.sex ?? null, override?.reason ?? null],
  );
  if (affectedRows !== 1) throw new Error('the person to change is not writable in this scope');
}

/** Birth date and statistical sex of the visible persons, without touching the identity table. */
export async function personFactsOf(
  tx: Queryable,
  pseudonyms: readonly string[],
): Promise<Map<string, PersonFacts>> {
  const { rows } = await tx.query<{ pseudonym: string; birth_date: string; sex: 'K' | 'M' }>(
    `SELECT pseudonym, birth_date, coalesce(sex_override, sex) AS sex FROM person WHERE pseudonym = ANY($1::text[])`,
    [pseudonyms],
  );
  return new Map(
    rows.map((r) => [r.pseudonym, { pseudonym: r.pseudonym, birthDate: r.birth_date, sex: r.sex }]),
  );
}

/** A service period with the person's birth date and statistical sex (what its facts need). */
export interface ServicePeriodOfPerson {
  id: number;
  unitId: string;
  validFrom: string;
  /** 'infinity' while still served. */
  validTo: string;
  person: PersonFacts;
}

/** The given service periods that are visible, in id order. */
export async function servicePeriodsOf(
  tx: Queryable,
  ids: readonly number[],
): Promise<ServicePeriodOfPerson[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT s.id, s.unit_id, s.valid_from, s.valid_to::text AS valid_to, p.pseudonym, p.birth_date,
            coalesce(p.sex_override, p.sex) AS sex
       FROM person_service s JOIN person p ON p.pseudonym = s.person_pseudonym
      WHERE s.id = ANY($1::bigint[]) ORDER BY s.id`,
    [ids],
  );
  return rows.map((r) => ({
    id: Number(r['id']),
    unitId: r['unit_id'] as string,
    validFrom: r['valid_from'] as string,
    validTo: r['valid_to'] as string,
    person: {
      pseudonym: r['pseudonym'] as string,
      birthDate: r['birth_date'] as string,
      sex: r['sex'] as 'K' | 'M',
    },
  }));
}

/** Service period ids after `afterId`, in id order, at most `limit` (jobs that walk them all). */
export async function serviceIdsAfter(tx: Queryable, afterId: number, limit: number): Promise<number[]> {
  const { rows } = await tx.query<{ id: number }>(
    'SELECT id FROM person_service WHERE id > $1 ORDER BY id LIMIT $2',
    [afterId, limit],
  );
  return rows.map((r) => Number(r.id));
}
