import type { Queryable } from '../../db/db.js';
import type { ScoreResult } from '../../domain/instruments/index.js';
import type { PersonFacts, StoredEntry } from '../../domain/registers/facts.js';

/** Reads the imports module needs besides its own tables (batch forms of registers queries). */

/** The visible entries of a register for many persons (current versions). */
export async function entriesOfPersons(
  tx: Queryable,
  pseudonyms: readonly string[],
  register: string,
): Promise<Array<StoredEntry & { personPseudonym: string }>> {
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT e.id, e.register, e.kind, e.person_pseudonym, e.unit_id, v.occurred_on, v.data, v.derived
       FROM register_entry e JOIN register_entry_version v ON v.entry_id = e.id AND v.version = e.current_version
      WHERE e.person_pseudonym = ANY($1::text[]) AND e.register = $2
      ORDER BY v.occurred_on DESC, e.first_submitted_at DESC, e.id`,
    [pseudonyms, register],
  );
  return rows.map((r) => ({
    id: r['id'] as string,
    register: r['register'] as string,
    kind: r['kind'] as string,
    personPseudonym: r['person_pseudonym'] as string,
    unitId: r['unit_id'] as string,
    occurredOn: r['occurred_on'] as string,
    data: r['data'] as Record<string, unknown>,
    derived: (r['derived'] as ScoreResult | null) ?? null,
  }));
}

export interface ServiceForFacts {
  id: number;
  unitId: string;
  validFrom: string;
  validTo: string;
  elderlyCare: boolean;
  person: PersonFacts;
}

/** Service links with what their "served" facts need (as registers/facts.ts reads them). */
export async function servicesForFacts(tx: Queryable, ids: readonly number[]): Promise<ServiceForFacts[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT s.id, s.unit_id, s.valid_from, s.valid_to::text AS valid_to, p.pseudonym, p.birth_date,
            coalesce(p.sex_override, p.sex) AS sex,
            EXISTS (SELECT 1 FROM org_unit_version v WHERE v.unit_id = s.unit_id AND v.operating_area = 'elderly_care'
                       AND v.valid_from <= s.valid_from AND s.valid_from < v.valid_to) AS elderly_care
       FROM person_service s JOIN person p ON p.pseudonym = s.person_pseudonym
      WHERE s.id = ANY($1::bigint[])
      ORDER BY s.id`,
    [ids],
  );
  return rows.map((r) => ({
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
  }));
}
