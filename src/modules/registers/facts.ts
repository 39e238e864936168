import type { Db, Queryable } from '../../db/db.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import {
  factsOfEntry,
  followupFacts,
  servedFacts,
  type PersonFacts,
  type StoredEntry,
} from '../../domain/registers/facts.js';
import { activeDefinitions, applyFactChange, replaceFacts } from '../indicators/engine.js';
import { factsOfSlices, type Slice } from '../indicators/queries.js';
import * as q from './queries.js';

/**
 * Keeps the indicator facts of register entries and Senior Alert service periods in step with
 * them, in the writer's transaction. Follow-up facts depend on the person's other follow-up
 * entries (baseline, interventions), so a change there recomputes all of that person's.
 */
export async function refreshEntryFacts(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  person: PersonFacts,
  entry: StoredEntry,
): Promise<void> {
  if (entry.register !== 'followup') {
    await replaceFacts(tx, definitions, factsOfEntry(person, entry), { type: 'entry', id: entry.id });
    return;
  }
  const entries = await q.entriesOfPerson(tx, person.pseudonym, 'followup');
  for (const [id, facts] of followupFacts(person, entries)) {
    await replaceFacts(tx, definitions, facts, { type: 'entry', id });
  }
}

/** A service period with what its monthly "served" facts need. */
export interface ServiceForFacts {
  id: number;
  unitId: string;
  validFrom: string;
  validTo: string;
  elderlyCare: boolean;
  person: PersonFacts;
}

const SERVICE_FOR_FACTS = `SELECT s.id, s.unit_id, s.valid_from, s.valid_to::text AS valid_to, p.pseudonym, p.birth_date,
            coalesce(p.sex_override, p.sex) AS sex,
            EXISTS (SELECT 1 FROM org_unit_version v WHERE v.unit_id = s.unit_id AND v.operating_area = 'elderly_care'
                       AND v.valid_from <= s.valid_from AND s.valid_from < v.valid_to) AS elderly_care
       FROM person_service s JOIN person p ON p.pseudonym = s.person_pseudonym
       LEFT JOIN register_served_through t ON t.service_id = s.id`;

function serviceForFacts(r: Record<string, unknown>): ServiceForFacts {
  return {
    id: Number(r['id']),
    unitId: r['unit_id'] as string,
    validFrom: r['valid_from'] as string,
    validTo: r['valid_to'] as string,
    elderlyCare: r['elderly_care'] as boolean,
    person: {
      pseudonym: r['pseudonym'] as string,
      birthDate: r['birth_date'] as string,
      sex: r['sex'] as 'K' | 'M',
    },
  };
}

/** The given service periods, in id order. */
export async function servicesForFacts(tx: Queryable, ids: readonly number[]): Promise<ServiceForFacts[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<Record<string, unknown>>(
    `${SERVICE_FOR_FACTS} WHERE s.id = ANY($1::bigint[]) ORDER BY s.id`,
    [ids],
  );
  return rows.map(serviceForFacts);
}

/** Service periods whose served facts do not yet reach `through` (or end before it). */
async function servicesNeedingFacts(tx: Queryable, through: string): Promise<ServiceForFacts[]> {
  const { rows } = await tx.query<Record<string, unknown>>(
    `${SERVICE_FOR_FACTS}
      WHERE t.through IS NULL OR (t.through < $1::date AND t.through < s.valid_to - 1)
      ORDER BY s.id`,
    [through],
  );
  return rows.map(serviceForFacts);
}

/**
 * Monthly "served" facts of Senior Alert (elderly-care) service periods, up to `through`. Called in
 * the transaction that links a person to a unit, and daily for periods still running.
 */
export async function refreshServedFacts(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  through: string,
  serviceIds: number[] | null,
): Promise<number> {
  const services =
    serviceIds === null ? await servicesNeedingFacts(tx, through) : await servicesForFacts(tx, serviceIds);
  for (const s of services) {
    const facts = s.elderlyCare ? servedFacts(s.person, s, through) : [];
    await replaceFacts(tx, definitions, facts, { type: 'service', id: String(s.id) });
    await tx.query(
      `INSERT INTO register_served_through (service_id, through) VALUES ($1, $2::date)
       ON CONFLICT (service_id) DO UPDATE SET through = EXCLUDED.through`,
      [s.id, through],
    );
  }
  return services.length;
}

/** Served facts of one person's service periods, in the transaction that linked them to a unit. */
export async function refreshServedFactsOfPerson(
  tx: Queryable,
  pseudonym: string,
  today: string,
): Promise<void> {
  const { rows } = await tx.query<{ id: number }>(
    'SELECT id FROM person_service WHERE person_pseudonym = $1',
    [pseudonym],
  );
  if (rows.length === 0) return;
  await refreshServedFacts(
    tx,
    await activeDefinitions(tx),
    today,
    rows.map((r) => Number(r.id)),
  );
}

/**
 * Every fact of one person again, after a change to the person itself (the sex used in
 * statistics), in the transaction that made it. The facts of the entries and service periods the
 * transaction can see are recomputed from them (follow-up once for the person). Row-level security
 * hides the person's entries and periods at units outside the caller's scope; their facts carry the
 * person's sex only as a label, so they are relabelled in place, and the counts of their slices
 * move by the difference.
 */
export async function refreshFactsOfPerson(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  pseudonym: string,
  today: string,
): Promise<void> {
  const person = await q.personFacts(tx, pseudonym);
  if (!person) throw new Error('the person whose facts to refresh is not visible');
  let followupDone = false;
  for (const entry of await q.entriesOfPerson(tx, pseudonym)) {
    if (entry.register === 'followup') {
      if (followupDone) continue;
      followupDone = true;
    }
    await refreshEntryFacts(tx, definitions, person, entry);
  }
  const { rows } = await tx.query<{ id: number }>(
    'SELECT id FROM person_service WHERE person_pseudonym = $1 ORDER BY id',
    [pseudonym],
  );
  if (rows.length > 0) {
    await refreshServedFacts(
      tx,
      definitions,
      today,
      rows.map((r) => Number(r.id)),
    );
  }
  await relabelSex(tx, definitions, person);
}

/** Facts of the person still carrying another sex (sources out of sight): the new sex, recounted. */
async function relabelSex(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  person: PersonFacts,
): Promise<void> {
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT DISTINCT person, unit_id, extract(year FROM fact_date)::int AS year
       FROM indicator_fact WHERE person = $1 AND sex <> $2`,
    [person.pseudonym, person.sex],
  );
  if (rows.length === 0) return;
  const slices: Slice[] = rows.map((r) => ({
    person: r['person'] as string,
    unitId: r['unit_id'] as string,
    year: Number(r['year']),
  }));
  const before = await factsOfSlices(tx, slices);
  await tx.query('UPDATE indicator_fact SET sex = $2 WHERE person = $1 AND sex <> $2', [
    person.pseudonym,
    person.sex,
  ]);
  const after = before.map((f) => ({ ...f, sex: person.sex }));
  await applyFactChange(tx, definitions, before, after);
}

/** The daily job: extends every running service period's facts to today, in batches. */
export async function extendServedFacts(
  db: Db,
  definitions: readonly IndicatorDefinition[],
  today: string,
  batch = 500,
): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = await db.query<{ id: number }>(
      `SELECT s.id FROM person_service s LEFT JOIN register_served_through t ON t.service_id = s.id
        WHERE t.through IS NULL OR (t.through < $1::date AND t.through < s.valid_to - 1)
        ORDER BY s.id LIMIT $2`,
      [today, batch],
    );
    if (ids.rows.length === 0) return total;
    total += await db.transaction((tx) =>
      refreshServedFacts(
        tx,
        definitions,
        today,
        ids.rows.map((r) => Number(r.id)),
      ),
    );
  }
}
