import {
  UNKNOWN,
  exactly,
  intersect,
  intervalDisclosed,
  propagateBounds,
  type Interval,
} from '../../domain/disclosure/bounds.js';
import { protectAgainstKnown, tableAnalysis, type TableAnalysis } from '../../domain/disclosure/known.js';
import type { CountCell } from '../../domain/disclosure/table.js';
import type { OrgLevel } from '../../domain/indicators/rollup.js';
import type { CellIntervals } from './analytics-periods.js';
import type { DetailTable } from './analytics-detail.js';

/**
 * One caller's pattern over one live table (issue #17, ranges across periods):
 * 1. Cells the caller sees unsuppressed, and cells whose interval from the other periods already
 *    discloses them (a single value, or a small count within ±1), count as known; the exact
 *    check of known.ts then hides what they would give away.
 * 2. Bounds: what the caller sees is exact, a hidden cell starts at its period interval (or ≥ 0);
 *    propagated over the table's relations, a hidden small count narrowed beyond the protection
 *    interval is disclosed, and one more cell of its relations is hidden from this caller (a
 *    non-empty one first, then the smallest denominator). Back to 1 until nothing is disclosed.
 * `alsoHidden` adds cells hidden for the tables that share a quantity with this one
 * (analytics-joint.ts). Returns the indices of the cells hidden from the caller (known cells
 * excluded), and the cells that count as known to the caller.
 */
// A detail table never changes once built; its analysis serves every caller's pattern over it.
const analyses = new WeakMap<DetailTable, TableAnalysis>();
function analysisOf(table: DetailTable): TableAnalysis {
  let analysis = analyses.get(table);
  if (!analysis) analyses.set(table, (analysis = tableAnalysis(table.parents, table.cells)));
  return analysis;
}

export function boundedCallerPattern(
  table: DetailTable,
  known: (level: OrgLevel, code: string) => boolean,
  intervals: ReadonlyMap<string, CellIntervals>,
  alsoHidden: ReadonlySet<number> = new Set(),
): { hidden: Set<number>; known: Set<number> } {
  const { cells, threshold } = table;
  const parts = ['numerator', 'denominator'] as const;
  // Per cell, its period intervals, where they hold the true value (a stale table may not).
  const periodBound = cells.map((): CellIntervals => ({ numerator: UNKNOWN, denominator: UNKNOWN }));
  const knownCells = new Set<number>();
  for (const [key, i] of table.index) {
    const [level, code] = key.split('|') as [OrgLevel, string];
    const cell = cells[i] as CountCell;
    const bound = intervals.get(key);
    if (bound)
      for (const part of parts)
        if (bound[part].lo <= cell[part] && cell[part] <= bound[part].hi)
          (periodBound[i] as CellIntervals)[part] = bound[part];
    const disclosed = parts.some((part) =>
      intervalDisclosed((periodBound[i] as CellIntervals)[part], cell[part], threshold),
    );
    if (known(level, code) || disclosed) knownCells.add(i);
  }
  const base = new Set([...table.publishedHidden, ...[...alsoHidden].filter((i) => !knownCells.has(i))]);
  const analysis = analysisOf(table);
  const protect = () => protectAgainstKnown(table.parents, cells, base, knownCells, analysis);
  if (![...periodBound].some((b) => parts.some((p) => b[p] !== UNKNOWN)))
    return { hidden: protect().hidden, known: knownCells };

  const { relations } = analysis;
  const relationsOf = new Map<number, number[]>();
  relations.forEach((r, ri) => {
    for (const c of [r.total, ...r.parts]) relationsOf.set(c, [...(relationsOf.get(c) ?? []), ri]);
  });
  for (;;) {
    const { hidden } = protect();
    const disclosed = new Set<number>();
    for (const part of parts) {
      const start = cells.map((c, i): Interval =>
        hidden.has(i) ? intersect(UNKNOWN, (periodBound[i] as CellIntervals)[part]) : exactly(c[part]),
      );
      const bounds = propagateBounds(relations, start);
      for (const i of hidden)
        if (intervalDisclosed(bounds[i] as Interval, (cells[i] as CountCell)[part], threshold))
          disclosed.add(i);
    }
    if (disclosed.size === 0) return { hidden, known: knownCells };
    let added = false;
    for (const i of disclosed) {
      const candidates = (relationsOf.get(i) ?? [])
        .flatMap((ri) => [relations[ri]?.total ?? -1, ...(relations[ri]?.parts ?? [])])
        .filter((c) => c >= 0 && !hidden.has(c) && !knownCells.has(c) && !base.has(c));
      if (candidates.length === 0) continue;
      const cost = (c: number) => {
        const cell = cells[c] as CountCell;
        return cell.denominator === 0 && cell.numerator === 0 ? Number.MAX_SAFE_INTEGER : cell.denominator;
      };
      const choice = candidates.reduce((best, c) => (cost(c) < cost(best) ? c : best));
      base.add(choice);
      added = true;
      break; // one at a time: the exact check may already hide more
    }
    if (!added) return { hidden, known: knownCells }; // disclosed by the caller's own cells and other periods alone
  }
}
