/**
 * Disclosure control for one caller who already knows some cells exactly: the cells their roles
 * let them see unsuppressed (a unit's staff their unit, an analyst their municipality and its
 * units). Those cells are treated as published when deciding what else the caller sees, so that
 * their own numbers plus the published table recover no hidden cell (issue #17, item 4).
 *
 * Starting from the published pattern minus the known cells, the exact analysis of
 * elimination.ts finds every hidden cell still determined; for each, one more cell is hidden
 * from this caller, chosen among the published, not-known cells its derivation runs through
 * (smallest denominator, then numerator, then K/M before T, then deeper nodes first). A hidden
 * cell derivable from known cells alone is something the caller can compute anyway: it stays
 * hidden in the answer but stops counting as a secret. Repeats until nothing is determined.
 */
import { determinedByBlock, type Derivation } from './elimination.js';
import { deriveRelations, type Relation } from './relations.js';
import { depths } from './table.js';
import type { CountCell, ParentMap } from './table.js';

export interface CallerPattern {
  /** Cells hidden from this caller (the published pattern plus the extra ones), known cells excluded. */
  hidden: Set<number>;
  /** Cells hidden from this caller that the published pattern shows. */
  extra: number[];
}

/**
 * A table's relations and its blocks solved so far (elimination.ts determinedByBlock): kept with
 * the table, so the many patterns computed over it (callers, rounds) solve each block once.
 */
export interface TableAnalysis {
  relations: readonly Relation[];
  solved: Map<string, Derivation[]>;
}

export const tableAnalysis = (parents: ParentMap, cells: readonly CountCell[]): TableAnalysis => ({
  relations: deriveRelations(parents, cells),
  solved: new Map(),
});

export function protectAgainstKnown(
  parents: ParentMap,
  cells: readonly CountCell[],
  published: ReadonlySet<number>,
  known: ReadonlySet<number>,
  analysis: TableAnalysis = tableAnalysis(parents, cells),
): CallerPattern {
  const depth = depths(parents);
  const hidden = new Set([...published].filter((i) => !known.has(i)));
  const secret = new Set(hidden);
  const extra: number[] = [];
  const before = (a: number, b: number): boolean => {
    const ca = cells[a] as CountCell;
    const cb = cells[b] as CountCell;
    if (ca.denominator !== cb.denominator) return ca.denominator < cb.denominator;
    if (ca.numerator !== cb.numerator) return ca.numerator < cb.numerator;
    if ((ca.sex === 'T') !== (cb.sex === 'T')) return cb.sex === 'T';
    const da = depth.get(ca.node) ?? 0;
    const db = depth.get(cb.node) ?? 0;
    if (da !== db) return da > db;
    return a < b;
  };
  for (;;) {
    const determined = determinedByBlock(analysis.relations, hidden, analysis.solved);
    const leaks = determined.filter((d) => secret.has(d.cell));
    // Determined cells that are not secret (derivable from known cells) are harmless.
    if (leaks.length === 0) return { hidden, extra };
    const added: number[] = [];
    for (const d of leaks) {
      const from = [...d.from.keys()];
      if (added.some((c) => d.from.has(c))) continue; // this round already broke its derivation
      const candidates = from.filter((c) => !hidden.has(c) && !known.has(c));
      if (candidates.length === 0) {
        secret.delete(d.cell); // the caller computes it from their own cells: not a secret to them
        continue;
      }
      const choice = candidates.reduce((best, c) => (before(c, best) ? c : best));
      hidden.add(choice);
      secret.add(choice);
      extra.push(choice);
      added.push(choice);
    }
  }
}
