import { suppress, type SuppressionResult } from '../disclosure/suppress.js';
import { noisyInterval, type PerturbationTable } from '../disclosure/cellkey.js';
import type { ParentMap } from '../disclosure/table.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { IndicatorDefinition } from './definition.js';
import { parseNode, rollUp, type OrgLevel, type Placement, type UnitSexCount } from './rollup.js';

/**
 * From unit counts to the values that may leave for the public: roll up, disclosure control,
 * coverage gate, Wilson interval. Pure; the module stores the result.
 */
export type PublishedStatus = 'ok' | 'suppressed' | 'low_coverage';

export interface PublishedValue {
  indicatorId: string;
  version: number;
  period: string;
  level: OrgLevel;
  /** Region or municipality code, unit id, or "0000" for the nation. */
  code: string;
  sex: 'T' | 'K' | 'M';
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  /** The coverage indicator's rate at this node, where the definition is gated on one. */
  coverage: number | null;
  status: PublishedStatus;
}

/** The fields a hidden value blanks. */
interface Hideable {
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  status: string;
}

/** A value shown as "..": counts, rate and interval blanked, status "suppressed". */
export function asSuppressed<T extends Hideable>(v: T): T {
  return {
    ...v,
    numerator: null,
    denominator: null,
    rate: null,
    ciLower: null,
    ciUpper: null,
    status: 'suppressed',
  };
}

export interface PublishOptions {
  threshold: number;
  /** Coverage indicator counts (T per node) for definitions with minCoverage. */
  coverageCounts?: readonly UnitSexCount[];
  /**
   * The counts are already perturbed (a release): intervals also carry the noise of the perturbed
   * unit × sex cells each total sums.
   */
  noise?: PerturbationTable;
}

export interface PublishedTable {
  values: PublishedValue[];
  suppression: SuppressionResult;
}

function coverageByNode(
  counts: readonly UnitSexCount[],
  placements: ReadonlyMap<string, Placement>,
): Map<string, number> {
  const { cells } = rollUp(counts, placements);
  const out = new Map<string, number>();
  for (const c of cells) if (c.sex === 'T' && c.denominator > 0) out.set(c.node, c.numerator / c.denominator);
  return out;
}

export function publishTable(
  def: IndicatorDefinition,
  period: string,
  counts: readonly UnitSexCount[],
  placements: ReadonlyMap<string, Placement>,
  options: PublishOptions,
): PublishedTable {
  const { parents, cells } = rollUp(counts, placements);
  const result = suppress(parents, cells, { threshold: options.threshold });
  const coverage =
    def.minCoverage && options.coverageCounts ? coverageByNode(options.coverageCounts, placements) : null;
  const baseCells = options.noise ? baseCellsUnder(parents) : null;
  const values = result.cells.map((c): PublishedValue => {
    const { level, code } = parseNode(c.node);
    const nodeCoverage = coverage ? (coverage.get(c.node) ?? 0) : null;
    const gated = def.minCoverage !== null && nodeCoverage !== null && nodeCoverage < def.minCoverage.value;
    const hidden = c.status === '..';
    const wilson =
      !hidden && c.numerator !== null && c.denominator ? wilsonInterval(c.numerator, c.denominator) : null;
    const interval =
      wilson && options.noise && baseCells && c.numerator !== null && c.denominator
        ? noisyInterval(
            options.noise,
            wilson,
            c.numerator,
            c.denominator,
            (baseCells.get(c.node) ?? 0) * (c.sex === 'T' ? 2 : 1),
          )
        : wilson;
    const showRate = !hidden && !gated;
    return {
      indicatorId: def.id,
      version: def.version,
      period,
      level,
      code,
      sex: c.sex,
      numerator: c.numerator,
      denominator: c.denominator,
      rate: showRate ? c.rate : null,
      ciLower: showRate ? (interval?.lower ?? null) : null,
      ciUpper: showRate ? (interval?.upper ?? null) : null,
      coverage: nodeCoverage,
      status: hidden ? 'suppressed' : gated ? 'low_coverage' : 'ok',
    };
  });
  return { values, suppression: result };
}

/** How many units lie under each node (a unit counts itself): the perturbed cells a total sums. */
export function baseCellsUnder(parents: ParentMap): Map<string, number> {
  const out = new Map<string, number>();
  for (const node of parents.keys()) {
    if (parseNode(node).level !== 'unit') continue;
    for (let at: string | null | undefined = node; at; at = parents.get(at))
      out.set(at, (out.get(at) ?? 0) + 1);
  }
  return out;
}
