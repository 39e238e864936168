import type { Db, Queryable } from '../../db/db.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import {
  factsOfEntry,
  followupFacts,
  servedFacts,
  type PersonFacts,
  type StoredEntry,
} from '../../domain/registers/facts.js';
import { immediateFacts, relabelPersonSex, type FactItem, type FactSink } from '../indicators/fact-writer.js';
import { personFactsOf } from '../persons/queries.js';
import { serviceIdsOfPersons } from '../persons/write.js';
import { entriesOfPerson, entriesOfPersons } from './queries.js';
import { markServedThrough } from './write.js';

/**
 * The indicator facts of register entries and Senior Alert service periods, from the pure
 * functions of src/domain/registers/facts.ts, handed to the indicators module's writer in the
 * writer's transaction. Follow-up facts depend on the person's other follow-up entries
 * (baseline, interventions), so a change there recomputes all of that person's.
 */
export async function entryFactItems(
  tx: Queryable,
  written: ReadonlyArray<{ entry: StoredEntry; person: PersonFacts; fresh: boolean }>,
): Promise<FactItem[]> {
  const items: FactItem[] = [];
  const fresh = new Set(written.filter((w) => w.fresh).map((w) => w.entry.id));
  const followupPersons = new Map<string, PersonFacts>();
  for (const { entry, person } of written) {
    if (entry.register === 'followup') followupPersons.set(person.pseudonym, person);
    else
      items.push({
        source: { type: 'entry', id: entry.id },
        facts: factsOfEntry(person, entry),
        fresh: fresh.has(entry.id),
      });
  }
  if (followupPersons.size === 0) return items;
  const byPerson = new Map<string, StoredEntry[]>();
  for (const e of await entriesOfPersons(tx, [...followupPersons.keys()], 'followup'))
    byPerson.set(e.personPseudonym, [...(byPerson.get(e.personPseudonym) ?? []), e]);
  for (const [pseudonym, entries] of byPerson) {
    const person = followupPersons.get(pseudonym);
    if (!person) continue;
    for (const [id, facts] of followupFacts(person, entries))
      items.push({ source: { type: 'entry', id }, facts, fresh: fresh.has(id) });
  }
  return items;
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

/**
 * Monthly "served" facts of Senior Alert (elderly-care) service periods, up to `through`, and the
 * mark of how far they reach. `fresh` are periods created in this transaction.
 */
export async function writeServedFacts(
  tx: Queryable,
  sink: FactSink,
  through: string,
  serviceIds: readonly number[],
  fresh: ReadonlySet<number> = new Set(),
): Promise<number> {
  const services = await servicesForFacts(tx, serviceIds);
  await sink.replace(
    tx,
    services.map((s) => ({
      source: { type: 'service', id: String(s.id) },
      facts: s.elderlyCare ? servedFacts(s.person, s, through) : [],
      fresh: fresh.has(s.id),
    })),
  );
  await markServedThrough(
    tx,
    services.map((s) => s.id),
    through,
  );
  return services.length;
}

/** Served facts of the given periods, counted at once (a registration, the daily job). */
export function refreshServedFacts(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  through: string,
  serviceIds: readonly number[],
): Promise<number> {
  return writeServedFacts(tx, immediateFacts(definitions), through, serviceIds);
}

/**
 * Every fact of one person again, after a change to the person itself (the sex used in
 * statistics), in the transaction that made it. The facts of the entries and service periods the
 * transaction can see are recomputed from them (follow-up once for the person). Row-level security
 * hides the person's entries and periods at units outside the caller's scope; their facts carry the
 * person's sex only as a label, so the indicators module relabels them in place.
 */
export async function refreshFactsOfPerson(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  pseudonym: string,
  today: string,
): Promise<void> {
  const person = (await personFactsOf(tx, [pseudonym])).get(pseudonym);
  if (!person) throw new Error('the person whose facts to refresh is not visible');
  const sink = immediateFacts(definitions);
  const entries = await entriesOfPerson(tx, pseudonym);
  await sink.replace(
    tx,
    await entryFactItems(
      tx,
      entries.map((entry) => ({ entry, person, fresh: false })),
    ),
  );
  await writeServedFacts(tx, sink, today, await serviceIdsOfPersons(tx, [pseudonym]));
  await relabelPersonSex(tx, definitions, pseudonym, person.sex);
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
