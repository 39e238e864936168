import type { Queryable } from '../../db/db.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { publishTable, type PublishedValue } from '../../domain/indicators/publish.js';
import type { Placement } from '../../domain/indicators/rollup.js';
import type { Target } from '../../domain/policy/policy.js';
import type { AnalyticsRow } from './analytics-queries.js';
import * as pq from './publish-queries.js';

/**
 * Unsuppressed detail for callers entitled to their own organisation's numbers: the same roll-up
 * and intervals as publication, without disclosure control (threshold 1 hides nothing). Only
 * ever merged into rows the policy says the caller may see in full.
 */
export interface UnsuppressedDetail {
  numerator: number;
  denominator: number;
  rate: number | null;
  ciLower: number | null;
  ciUpper: number | null;
}

export interface DetailTable {
  values: Map<string, PublishedValue>;
  placements: ReadonlyMap<string, Placement>;
  regionOfMunicipality: ReadonlyMap<string, string>;
}

const cellKey = (level: string, code: string, sex: string) => `${level}|${code}|${sex}`;

export async function detailTable(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  indicatorId: string,
  periodKey: string,
): Promise<DetailTable | undefined> {
  const def = definitions.find((d) => d.id === indicatorId);
  const period = parsePeriod(periodKey);
  if (!def || !period) return undefined;
  const counts = await pq.unitCounts(tx, def.id, def.version, periodKey);
  const placements = await pq.placementsFor(tx, period);
  const table = publishTable(def, periodKey, counts, placements, { threshold: 1 });
  const values = new Map(table.values.map((v) => [cellKey(v.level, v.code, v.sex), v]));
  const regionOfMunicipality = new Map(
    [...placements.values()].map((p) => [p.municipalityCode, p.regionCode]),
  );
  return { values, placements, regionOfMunicipality };
}

/** The policy target of an analytics row: the node with its parents as of the period. */
export function targetOf(row: Pick<AnalyticsRow, 'level' | 'code'>, table: DetailTable): Target {
  switch (row.level) {
    case 'unit': {
      const p = table.placements.get(row.code);
      return {
        unitId: row.code,
        ...(p ? { municipalityCode: p.municipalityCode, regionCode: p.regionCode } : {}),
      };
    }
    case 'municipality': {
      const region = table.regionOfMunicipality.get(row.code);
      return { municipalityCode: row.code, ...(region ? { regionCode: region } : {}) };
    }
    case 'region':
      return { regionCode: row.code };
    default:
      return {};
  }
}

export function detailOf(
  table: DetailTable,
  row: Pick<AnalyticsRow, 'level' | 'code' | 'sex'>,
): UnsuppressedDetail | undefined {
  const v = table.values.get(cellKey(row.level, row.code, row.sex));
  if (!v || v.numerator === null || v.denominator === null) return undefined;
  return {
    numerator: v.numerator,
    denominator: v.denominator,
    rate: v.rate,
    ciLower: v.ciLower,
    ciUpper: v.ciUpper,
  };
}
