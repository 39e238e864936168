import type { Queryable } from '../../db/db.js';
import {
  factsOfEntry,
  followupFacts,
  servedFacts,
  type PersonFacts,
  type StoredEntry,
} from '../../domain/registers/facts.js';
import type { Written } from './entries.js';
import type { FactItem, FactLedger } from './ledger.js';
import { servicesForFacts } from '../registers/facts.js';
import { entriesOfPersons } from './queries.js';

/**
 * The indicator facts of one batch, from the same pure functions the registers module uses
 * (factsOfEntry, followupFacts, servedFacts); the ledger writes them and settles the counts at
 * the end of the import.
 */
export async function recordBatchFacts(
  tx: Queryable,
  ledger: FactLedger,
  batch: {
    created: readonly Written[];
    corrected: readonly Written[];
    newServiceIds: readonly number[];
    movedServiceIds: readonly number[];
  },
  today: string,
): Promise<void> {
  const items: FactItem[] = [];
  const fresh = new Set(batch.created.map((w) => w.entry.id));
  const followupPersons = new Map<string, PersonFacts>();
  for (const { entry, person } of [...batch.created, ...batch.corrected]) {
    if (entry.register === 'followup') followupPersons.set(person.pseudonym, person);
    else
      items.push({
        source: { type: 'entry', id: entry.id },
        facts: factsOfEntry(person, entry),
        fresh: fresh.has(entry.id),
      });
  }
  // A follow-up measure's facts depend on the person's baseline and interventions: all of them.
  if (followupPersons.size) {
    const byPerson = new Map<string, StoredEntry[]>();
    for (const e of await entriesOfPersons(tx, [...followupPersons.keys()], 'followup'))
      byPerson.set(e.personPseudonym, [...(byPerson.get(e.personPseudonym) ?? []), e]);
    for (const [pseudonym, entries] of byPerson) {
      const person = followupPersons.get(pseudonym);
      if (!person) continue;
      for (const [id, facts] of followupFacts(person, entries))
        items.push({ source: { type: 'entry', id }, facts, fresh: fresh.has(id) });
    }
  }
  const newServices = new Set(batch.newServiceIds);
  const services = await servicesForFacts(tx, [...batch.newServiceIds, ...batch.movedServiceIds]);
  for (const s of services)
    items.push({
      source: { type: 'service', id: String(s.id) },
      facts: s.elderlyCare ? servedFacts(s.person, s, today) : [],
      fresh: newServices.has(s.id),
    });
  await ledger.replace(tx, items);
  if (services.length)
    await tx.query(
      `INSERT INTO register_served_through (service_id, through)
       SELECT id, $2::date FROM unnest($1::bigint[]) AS id
       ON CONFLICT (service_id) DO UPDATE SET through = EXCLUDED.through`,
      [services.map((s) => s.id), today],
    );
}
