import type { Queryable } from '../../db/db.js';
import type { Fact } from '../../domain/facts/fact.js';
import { insertFactsOfSources, type FactSource } from '../indicators/queries.js';
import { insertPersons, insertServiceLinks } from '../persons/write.js';
import { insertEntries, markServedThrough } from '../registers/write.js';
import { markSynthetic, SYNTHETIC_SOURCE } from './queries.js';
import { factsOfServedSpan, type ServedSpan } from '../../domain/registers/facts.js';
import { servedSpanOf, type PersonRows } from './rows.js';

/**
 * Writes a batch of synthetic persons through the owners' batch statements (persons, registers,
 * indicators), in the caller's transaction. The rows are consistent by construction: the
 * generator places persons only where units exist, and rows.ts validates and scores every entry
 * with the registers' own validateEntry and derives facts with the registers' own functions.
 * Counts are rebuilt from the facts afterwards (service.ts).
 */
const FACTS_PER_STATEMENT = 4000;

export interface BatchCounts {
  persons: number;
  services: number;
  entries: number;
  facts: number;
}

export async function writeBatch(
  tx: Queryable,
  batch: readonly PersonRows[],
  marker: { seed: string; nationSize: number },
  through: string,
): Promise<BatchCounts> {
  const now = new Date();
  await insertPersons(
    tx,
    batch.map((b) => ({
      pseudonym: b.person.pseudonym,
      number: b.identity.personnummer_12,
      name: b.identity.name,
      birthDate: b.person.birth_date,
      sex: b.person.sex,
      createdAt: b.person.created_at,
    })),
    now,
  );
  await markSynthetic(
    tx,
    batch.map((b) => b.person.pseudonym),
    marker,
  );
  const services = batch.flatMap((b) => b.services.map((s) => ({ rows: b, service: s })));
  const ids = await insertServiceLinks(
    tx,
    services.map(({ rows: r, service: s }) => ({
      pseudonym: r.person.pseudonym,
      unitId: s.unitId,
      municipalityCode: s.municipalityCode,
      validFrom: s.validFrom,
      validTo: s.validTo,
      createdAt: `${s.validFrom}T08:00:00.000Z`,
    })),
    now,
  );
  if (ids.some((id) => id === null)) throw new Error('service periods were not all inserted');
  const serviceIds = ids as number[];
  await markServedThrough(tx, serviceIds, through);
  const entries = batch.flatMap((b) => b.entries);
  await insertEntries(
    tx,
    entries.map((e) => ({
      id: e.id,
      register: e.register,
      kind: e.kind,
      personPseudonym: e.person_pseudonym,
      unitId: e.unit_id,
      municipalityCode: e.municipality_code,
      occurredOn: e.occurred_on,
      data: e.data,
      derived: e.derived,
      submittedAt: e.submitted_at,
      createdBy: null,
      sourceSystem: SYNTHETIC_SOURCE,
      sourceRecordId: e.id,
    })),
  );
  // One fact (or one served span) an item, so that a slice of items is a slice of FACTS_PER_STATEMENT rows.
  const items: Array<{ source: FactSource; facts: Fact[]; span?: ServedSpan }> = batch.flatMap((b) =>
    b.entryFacts.map((f) => ({ source: { type: 'entry', id: f.sourceId }, facts: [f.fact] })),
  );
  const entryFacts = items.length;
  let servedMonths = 0;
  services.forEach(({ rows, service }, i) => {
    const span = servedSpanOf(rows, service, through);
    if (!span) return;
    servedMonths += factsOfServedSpan(span).length;
    items.push({ source: { type: 'service', id: String(serviceIds[i]) }, facts: [], span });
  });
  for (let i = 0; i < items.length; i += FACTS_PER_STATEMENT)
    await insertFactsOfSources(tx, items.slice(i, i + FACTS_PER_STATEMENT));
  return {
    persons: batch.length,
    services: serviceIds.length,
    entries: entries.length,
    facts: entryFacts + servedMonths,
  };
}
