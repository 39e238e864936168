/**
 * Disclosure control for one indicator × one period: primary suppression, then secondary
 * suppression until the exact verifier finds no hidden count that can be recovered.
 *
 * Numerator and denominator are separate additive tables, but a rate is published or hidden as a
 * whole. The rule: one joint pattern. A cell is primary when its numerator or its denominator is
 * sensitive, and every hidden cell is hidden in both tables. Whether a hidden cell is determined
 * depends only on the pattern and the relations (never on the values), so the joint pattern that
 * passes the exact check passes it for both tables; `verifyTable` confirms this per table in the
 * tests. Published values are never altered.
 *
 * Known limit: the proof covers exact recovery only, not interval (bounds) disclosure from the
 * non-negativity of counts; see verify.ts.
 */
import { DEFAULT_THRESHOLD, checkThreshold, primarySuppression } from './primary.js';
import { deriveRelations, relationViolations } from './relations.js';
import { SecondarySuppression } from './secondary.js';
import { checkCount, formatCell } from './table.js';
import type { CellKey, CountCell, ParentMap } from './table.js';

export interface SuppressOptions {
  /** Counts 1 ≤ c < threshold are hidden; default 5. */
  threshold?: number;
}

export type Suppression = 'none' | 'primary' | 'secondary';

export interface DisclosedCell extends CellKey {
  /** null when hidden. */
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator; null when hidden or when the denominator is 0. */
  rate: number | null;
  /** Kolada's value symbol: ".." hidden for confidentiality, null when published. */
  status: '..' | null;
  suppression: Suppression;
}

/** How much a set of hidden cells takes away, absolutely and as a share of the whole table. */
export interface Loss {
  cells: number;
  cellShare: number;
  numeratorSum: number;
  numeratorShare: number;
  denominatorSum: number;
  denominatorShare: number;
}

export interface SuppressionResult {
  /** The input cells in input order, with hidden values replaced by null. */
  cells: DisclosedCell[];
  primary: CellKey[];
  secondary: CellKey[];
  loss: { primary: Loss; secondary: Loss; total: Loss };
  /** Exact-check rounds that still found a determined cell and added suppressions. */
  verifierRounds: number;
}

export function suppress(
  parents: ParentMap,
  cells: readonly CountCell[],
  options: SuppressOptions = {},
): SuppressionResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  checkThreshold(threshold);
  for (const cell of cells) {
    checkCount(cell, 'numerator', cell.numerator);
    checkCount(cell, 'denominator', cell.denominator);
  }
  const relations = deriveRelations(parents, cells);
  for (const table of ['numerator', 'denominator'] as const) {
    const broken = relationViolations(
      relations,
      cells.map((c) => c[table]),
    )[0];
    if (broken) {
      const total = cells[broken.total] as CountCell;
      throw new Error(`The ${table} table is not additive at ${formatCell(total)} (${broken.kind} relation)`);
    }
  }

  const primary = primarySuppression(cells, threshold);
  const secondary = new SecondarySuppression(parents, cells, relations, primary);
  secondary.run();

  const kind = new Map<number, Suppression>();
  for (const i of primary) kind.set(i, 'primary');
  for (const i of secondary.secondary) kind.set(i, 'secondary');
  const disclosed = cells.map((cell, i): DisclosedCell => {
    const suppression = kind.get(i) ?? 'none';
    const hidden = suppression !== 'none';
    return {
      node: cell.node,
      sex: cell.sex,
      numerator: hidden ? null : cell.numerator,
      denominator: hidden ? null : cell.denominator,
      rate: hidden || cell.denominator === 0 ? null : cell.numerator / cell.denominator,
      status: hidden ? '..' : null,
      suppression,
    };
  });
  const keyOf = (i: number): CellKey => ({
    node: (cells[i] as CountCell).node,
    sex: (cells[i] as CountCell).sex,
  });
  return {
    cells: disclosed,
    primary: primary.map(keyOf),
    secondary: secondary.secondary.map(keyOf),
    loss: {
      primary: measureLoss(cells, primary),
      secondary: measureLoss(cells, secondary.secondary),
      total: measureLoss(cells, [...primary, ...secondary.secondary]),
    },
    verifierRounds: secondary.verifierRounds,
  };
}

/** Loss of the given hidden cells; shares are of all cells and of the sums over all cells (0 if empty). */
export function measureLoss(cells: readonly CountCell[], hidden: readonly number[]): Loss {
  const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
  const sum = (list: readonly CountCell[], table: 'numerator' | 'denominator'): number =>
    list.reduce((acc, c) => acc + c[table], 0);
  const hiddenCells = hidden.map((i) => cells[i] as CountCell);
  const numeratorSum = sum(hiddenCells, 'numerator');
  const denominatorSum = sum(hiddenCells, 'denominator');
  return {
    cells: hidden.length,
    cellShare: share(hidden.length, cells.length),
    numeratorSum,
    numeratorShare: share(numeratorSum, sum(cells, 'numerator')),
    denominatorSum,
    denominatorShare: share(denominatorSum, sum(cells, 'denominator')),
  };
}
