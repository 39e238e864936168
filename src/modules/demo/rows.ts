import type { Fact } from '../../domain/facts/fact.js';
import type { ScoreResult } from '../../domain/instruments/index.js';
import { pseudonymOf } from '../../domain/persons/pseudonym.js';
import {
  factsOfEntry,
  followupFacts,
  servedSpan,
  type ServedSpan,
  type PersonFacts,
  type StoredEntry,
} from '../../domain/registers/facts.js';
import type { NationPlan, SyntheticPersonRecord, SyntheticService } from '../../domain/synthetic/index.js';
import { validateEntry } from '../registers/validate.js';

/**
 * A batch of synthetic persons as table rows, with the facts the registers module would record
 * for them: the same validation and scoring (validateEntry), the same fact functions, the same
 * sources ('entry' with the entry id, 'service' with the service id once it exists).
 */
export interface PersonRows {
  person: { pseudonym: string; birth_date: string; sex: 'K' | 'M'; created_at: string };
  identity: { pseudonym: string; personnummer_12: string; name: string; created_at: string };
  services: Array<SyntheticService & { elderlyCare: boolean }>;
  entries: EntryRow[];
  /** Facts of the entries, each with the entry id as its source. */
  entryFacts: Array<{ fact: Fact; sourceId: string }>;
  personFacts: PersonFacts;
}

export interface EntryRow {
  id: string;
  register: string;
  kind: string;
  person_pseudonym: string;
  unit_id: string;
  municipality_code: string;
  occurred_on: string;
  data: Record<string, unknown>;
  derived: ScoreResult | null;
  submitted_at: string;
}

function elderlyCareOn(plan: NationPlan, unitId: string, day: string): boolean {
  const unit = plan.units.get(unitId);
  const d = Date.parse(`${day}T00:00:00Z`) / 86_400_000;
  return unit?.versions.some((v) => v.elderly && v.from <= d && d < v.to) ?? false;
}

export function rowsOf(plan: NationPlan, record: SyntheticPersonRecord, key: Uint8Array): PersonRows {
  const { person } = record;
  const pseudonym = pseudonymOf(person.personnummer12, key);
  const createdAt = `${record.services[0]?.validFrom ?? plan.asOf}T08:00:00.000Z`;
  const personFacts: PersonFacts = { pseudonym, birthDate: person.birthDate, sex: person.sex };
  const stored: StoredEntry[] = [];
  const entries: EntryRow[] = record.entries.map((e) => {
    const { data, derived } = validateEntry(e.register, e.kind, e.data, person.sex);
    stored.push({
      id: e.id,
      register: e.register,
      kind: e.kind,
      unitId: e.unitId,
      occurredOn: e.occurredOn,
      data,
      derived,
    });
    return {
      id: e.id,
      register: e.register,
      kind: e.kind,
      person_pseudonym: pseudonym,
      unit_id: e.unitId,
      municipality_code: e.municipalityCode,
      occurred_on: e.occurredOn,
      data,
      derived,
      submitted_at: e.submittedAt,
    };
  });
  const entryFacts: PersonRows['entryFacts'] = [];
  for (const e of stored)
    if (e.register !== 'followup')
      for (const fact of factsOfEntry(personFacts, e)) entryFacts.push({ fact, sourceId: e.id });
  for (const [id, facts] of followupFacts(personFacts, stored))
    for (const fact of facts) entryFacts.push({ fact, sourceId: id });
  return {
    person: { pseudonym, birth_date: person.birthDate, sex: person.sex, created_at: createdAt },
    identity: { pseudonym, personnummer_12: person.personnummer12, name: person.name, created_at: createdAt },
    services: record.services.map((s) => ({ ...s, elderlyCare: elderlyCareOn(plan, s.unitId, s.validFrom) })),
    entries,
    entryFacts,
    personFacts,
  };
}

/** The served span of an elderly-care service period up to `through`, as refreshServedFacts makes it. */
export function servedSpanOf(
  rows: PersonRows,
  service: PersonRows['services'][number],
  through: string,
): ServedSpan | null {
  return service.elderlyCare
    ? servedSpan(
        rows.personFacts,
        { unitId: service.unitId, validFrom: service.validFrom, validTo: service.validTo },
        through,
      )
    : null;
}
