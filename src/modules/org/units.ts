import type { Queryable } from '../../db/db.js';

/**
 * Units by code (E000123) or id with every version's municipality, for writers that check each
 * row's unit on the row's own date. A cache keeps them for a whole import (a file names few
 * units; it is emptied should a file name absurdly many).
 */
export interface UnitVersion {
  validFrom: string;
  validTo: string;
  municipalityCode: string;
}

export interface UnitInfo {
  id: string;
  code: string;
  versions: UnitVersion[];
}

export type UnitRef = { code: string } | { id: string };
const refKey = (ref: UnitRef) => ('code' in ref ? `c:${ref.code}` : `i:${ref.id}`);
const MAX_CACHED = 10_000;

export class UnitCache {
  private readonly known = new Map<string, UnitInfo | null>();

  /** Looks up the units not seen before; returns them (the system actor widens its scope). */
  async load(tx: Queryable, refs: readonly UnitRef[]): Promise<UnitInfo[]> {
    const missing = refs.filter((r) => !this.known.has(refKey(r)));
    if (missing.length === 0) return [];
    if (this.known.size + missing.length > MAX_CACHED) this.known.clear();
    const codes = [...new Set(missing.flatMap((r) => ('code' in r ? [r.code] : [])))];
    const ids = [...new Set(missing.flatMap((r) => ('id' in r ? [r.id] : [])))];
    const { rows } = await tx.query<{
      id: string;
      code: string;
      valid_from: string | null;
      valid_to: string | null;
      municipality_code: string | null;
    }>(
      `SELECT u.id, u.code, v.valid_from, v.valid_to::text AS valid_to, v.municipality_code
         FROM org_unit u LEFT JOIN org_unit_version v ON v.unit_id = u.id
        WHERE u.code = ANY($1::text[]) OR u.id = ANY($2::uuid[])
        ORDER BY u.id, v.valid_from`,
      [codes, ids],
    );
    const units = new Map<string, UnitInfo>();
    for (const r of rows) {
      const unit = units.get(r.id) ?? { id: r.id, code: r.code, versions: [] };
      if (r.valid_from && r.valid_to && r.municipality_code)
        unit.versions.push({
          validFrom: r.valid_from,
          validTo: r.valid_to,
          municipalityCode: r.municipality_code,
        });
      units.set(r.id, unit);
    }
    for (const unit of units.values()) {
      this.known.set(`c:${unit.code}`, unit);
      this.known.set(`i:${unit.id}`, unit);
    }
    for (const r of missing) if (!this.known.has(refKey(r))) this.known.set(refKey(r), null);
    return [...units.values()];
  }

  get(ref: UnitRef): UnitInfo | null {
    return this.known.get(refKey(ref)) ?? null;
  }
}

/** The unit's municipality on `day`, or undefined when no version of the unit is valid that day. */
export function municipalityOn(unit: UnitInfo, day: string): string | undefined {
  return unit.versions.find((v) => v.validFrom <= day && (v.validTo === 'infinity' || day < v.validTo))
    ?.municipalityCode;
}

/** One unit by id with its versions, or null when there is no such unit. */
export async function unitWithVersions(tx: Queryable, id: string): Promise<UnitInfo | null> {
  const cache = new UnitCache();
  await cache.load(tx, [{ id }]);
  return cache.get({ id });
}
