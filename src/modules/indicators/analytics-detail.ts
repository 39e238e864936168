import type { Queryable } from '../../db/db.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { suppress, type SuppressionResult } from '../../domain/disclosure/suppress.js';
import type { CountCell, ParentMap } from '../../domain/disclosure/table.js';
import { publishTable, type PublishedValue } from '../../domain/indicators/publish.js';
import {
  nodeOf,
  rollUp,
  type OrgLevel,
  type Placement,
  type UnitSexCount,
} from '../../domain/indicators/rollup.js';
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
  /** The rolled-up counts and hierarchy, for the caller's own disclosure pattern. */
  parents: ParentMap;
  cells: CountCell[];
  /** Index of each cell by `level|code|sex`. */
  index: Map<string, number>;
  /** Cells the publication hides (the same suppression as the publisher's, over the live counts). */
  publishedHidden: Set<number>;
  threshold: number;
}

const cellKey = (level: string, code: string, sex: string) => `${level}|${code}|${sex}`;

export async function detailTable(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  indicatorId: string,
  periodKey: string,
  threshold: number,
): Promise<DetailTable | undefined> {
  const def = definitions.find((d) => d.id === indicatorId);
  const period = parsePeriod(periodKey);
  if (!def || !period) return undefined;
  const counts = await pq.unitCounts(tx, def.id, def.version, periodKey);
  const placements = await pq.placementsFor(tx, period);
  return buildDetailTable(def, periodKey, counts, placements, threshold);
}

/**
 * detailTable over counts and placements already read (the batched path reads many at once).
 * The publisher passes the suppression it computed of the same counts at `threshold`.
 */
export function buildDetailTable(
  def: IndicatorDefinition,
  periodKey: string,
  counts: readonly UnitSexCount[],
  placements: ReadonlyMap<string, Placement>,
  threshold: number,
  published?: SuppressionResult,
): DetailTable {
  const table = publishTable(def, periodKey, counts, placements, { threshold: 1 });
  const values = new Map(table.values.map((v) => [cellKey(v.level, v.code, v.sex), v]));
  const regionOfMunicipality = new Map(
    [...placements.values()].map((p) => [p.municipalityCode, p.regionCode]),
  );
  const { parents, cells } = rollUp(counts, placements);
  const suppression = published ?? suppress(parents, cells, { threshold });
  const publishedHidden = new Set(suppression.cells.flatMap((c, i) => (c.status === '..' ? [i] : [])));
  const index = new Map(
    cells.map((c, i) => {
      const node = c.node === 'nation' ? { level: 'nation', code: '0000' } : nodeParts(c.node);
      return [cellKey(node.level, node.code, c.sex), i];
    }),
  );
  return { values, placements, regionOfMunicipality, parents, cells, index, publishedHidden, threshold };
}

function nodeParts(node: string): { level: OrgLevel; code: string } {
  const level = ({ R: 'region', M: 'municipality', U: 'unit' } as const)[node[0] as 'R' | 'M' | 'U'];
  return { level, code: node.slice(1) };
}

/** Cell indices of a table as `level|code|sex` keys. */
export function keysOf(table: DetailTable, cells: ReadonlySet<number>): Set<string> {
  return new Set([...table.index.entries()].filter(([, i]) => cells.has(i)).map(([k]) => k));
}

export const rowKey = (row: Pick<AnalyticsRow, 'level' | 'code' | 'sex'>): string =>
  cellKey(row.level, row.code, row.sex);

export const levelNode = (level: OrgLevel, code: string): string => nodeOf(level, code);

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
