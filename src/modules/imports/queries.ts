import type { Queryable } from '../../db/db.js';
import type { ScoreResult } from '../../domain/instruments/index.js';
import type { StoredEntry } from '../../domain/registers/facts.js';

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
