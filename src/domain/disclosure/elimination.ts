/**
 * Which hidden cells does a suppression pattern leave uniquely determined?
 *
 * Every relation `total − Σ parts = 0` becomes an equation whose unknowns are the hidden cells;
 * the published cells stay on the constant side, kept symbolically as a sparse linear form
 * (cell → coefficient) rather than as a number. Gauss–Jordan elimination in exact rational
 * arithmetic brings the unknown part to reduced row echelon form. A hidden cell x is determined
 * exactly when some row's unknown part is the unit vector e_x (in RREF, e_x lies in the row space
 * iff it is a row); that row then reads x = −(constant form), which is both the recovered value
 * and the list of published cells the leak runs through.
 *
 * Because the unknown part does not depend on the values, whether a cell is determined depends on
 * the pattern and the relations only, so one analysis serves the numerator and the denominator
 * tables alike.
 *
 * Rows are sparse Maps, and the RREF is maintained incrementally: each new equation is reduced by
 * the existing pivot rows, gets a pivot of its own (the unknown occurring in the fewest rows, to
 * limit fill-in), and that pivot is eliminated from the rows holding it, found through a column
 * index. Rows of independent blocks never meet, so blocks are in effect solved separately.
 * Relations without a hidden cell are left out.
 */
import { Rational } from './rational.js';
import type { Relation } from './relations.js';

/** Sparse vector: cell index → non-zero coefficient. */
export type SparseRow = Map<number, Rational>;

export interface Derivation {
  /** The hidden cell that is determined. */
  cell: number;
  /** cell = Σ coefficient · value over these published cells. */
  from: SparseRow;
}

export interface PatternAnalysis {
  /** Determined hidden cells, by ascending cell index. */
  determined: Derivation[];
  /**
   * Combinations of relations that involve published cells only: Σ coefficient · value must be 0
   * for the published values to be consistent. Relations without any hidden cell are not included.
   */
  publishedOnly: SparseRow[];
}

interface Row {
  unknown: SparseRow;
  known: SparseRow;
}

/** target += factor · source, dropping entries that become zero; reports each changed column. */
function addScaled(
  target: SparseRow,
  factor: Rational,
  source: SparseRow,
  onChange?: (column: number, present: boolean) => void,
): void {
  for (const [column, value] of source) {
    const before = target.get(column);
    const after = (before ?? Rational.ZERO).add(factor.mul(value));
    if (after.isZero()) {
      target.delete(column);
      if (before !== undefined) onChange?.(column, false);
    } else {
      target.set(column, after);
      if (before === undefined) onChange?.(column, true);
    }
  }
}

function scale(row: SparseRow, factor: Rational): void {
  for (const [column, value] of row) row.set(column, value.mul(factor));
}

export function analysePattern(relations: readonly Relation[], hidden: ReadonlySet<number>): PatternAnalysis {
  const pivotRows = new Map<number, Row>(); // pivot column → its row
  const columnRows = new Map<number, Set<number>>(); // non-pivot unknown column → pivots of rows holding it
  const publishedOnly: SparseRow[] = [];

  const track = (pivot: number) => (column: number, present: boolean) => {
    let set = columnRows.get(column);
    if (!set) columnRows.set(column, (set = new Set()));
    if (present) set.add(pivot);
    else set.delete(pivot);
  };

  for (const relation of relations) {
    if (!hidden.has(relation.total) && !relation.parts.some((p) => hidden.has(p))) continue;
    const row: Row = { unknown: new Map(), known: new Map() };
    // A relation names each cell once (a node is never its own ancestor), so entries are ±1.
    (hidden.has(relation.total) ? row.unknown : row.known).set(relation.total, Rational.ONE);
    for (const part of relation.parts)
      (hidden.has(part) ? row.unknown : row.known).set(part, Rational.MINUS_ONE);

    // Reduce by the existing pivot rows (they hold no other pivot column, so one pass suffices).
    for (const column of [...row.unknown.keys()]) {
      const pivotRow = pivotRows.get(column);
      const factor = row.unknown.get(column);
      if (!pivotRow || !factor) continue;
      addScaled(row.unknown, factor.neg(), pivotRow.unknown);
      addScaled(row.known, factor.neg(), pivotRow.known);
    }
    if (row.unknown.size === 0) {
      if (row.known.size > 0) publishedOnly.push(row.known);
      continue;
    }

    let pivot = -1;
    let best = Infinity;
    for (const column of row.unknown.keys()) {
      const count = columnRows.get(column)?.size ?? 0;
      if (count < best || (count === best && column < pivot)) [pivot, best] = [column, count];
    }
    const inverse = Rational.ONE.div(row.unknown.get(pivot) as Rational);
    scale(row.unknown, inverse);
    scale(row.known, inverse);

    // Eliminate the new pivot from every row that holds it.
    for (const otherPivot of [...(columnRows.get(pivot) ?? [])]) {
      const other = pivotRows.get(otherPivot) as Row;
      const factor = (other.unknown.get(pivot) as Rational).neg();
      addScaled(other.unknown, factor, row.unknown, track(otherPivot));
      addScaled(other.known, factor, row.known);
    }
    columnRows.delete(pivot);
    for (const column of row.unknown.keys()) if (column !== pivot) track(pivot)(column, true);
    pivotRows.set(pivot, row);
  }

  const determined: Derivation[] = [];
  for (const [pivot, row] of pivotRows) {
    if (row.unknown.size !== 1) continue;
    const from: SparseRow = new Map();
    for (const [cell, coefficient] of row.known) from.set(cell, coefficient.neg());
    determined.push({ cell: pivot, from });
  }
  determined.sort((a, b) => a.cell - b.cell);
  return { determined, publishedOnly };
}

/**
 * analysePattern's determined cells, solved per independent block: relations that share a hidden
 * cell, transitively. Rows of different blocks never meet in the elimination (pivots are chosen
 * among a row's own unknowns, ties by column), so each block solved alone, its relations in the
 * same order, gives the same derivations. A block's result is kept in `solved` by its hidden
 * cells, so a pattern that changes in one place solves only the blocks it touches again. `solved`
 * belongs to one relation list (one table); it is emptied when it passes `limit` blocks.
 */
export function determinedByBlock(
  relations: readonly Relation[],
  hidden: ReadonlySet<number>,
  solved: Map<string, Derivation[]>,
  limit = 50_000,
): Derivation[] {
  const root = new Map<number, number>();
  const find = (c: number): number => {
    let r = c;
    for (let up = root.get(r); up !== undefined && up !== r; up = root.get(r)) r = up;
    for (let x = c, up = root.get(x); up !== undefined && up !== r; up = root.get(x)) {
      root.set(x, r);
      x = up;
    }
    return r;
  };
  const involved: Relation[] = [];
  for (const relation of relations) {
    let first = -1;
    for (const c of [relation.total, ...relation.parts]) {
      if (!hidden.has(c)) continue;
      if (!root.has(c)) root.set(c, c);
      if (first < 0) first = c;
      else {
        const a = find(first);
        const b = find(c);
        if (a !== b) root.set(b, a);
      }
    }
    if (first >= 0) involved.push(relation);
  }
  const blocks = new Map<number, { relations: Relation[]; cells: number[] }>();
  const blockOf = (c: number) => {
    const r = find(c);
    let block = blocks.get(r);
    if (!block) blocks.set(r, (block = { relations: [], cells: [] }));
    return block;
  };
  for (const relation of involved) {
    const first = [relation.total, ...relation.parts].find((c) => hidden.has(c)) as number;
    blockOf(first).relations.push(relation);
  }
  for (const c of root.keys()) blockOf(c).cells.push(c);
  if (solved.size > limit) solved.clear();
  const determined: Derivation[] = [];
  for (const block of blocks.values()) {
    const key = block.cells.sort((a, b) => a - b).join(',');
    let found = solved.get(key);
    if (!found) {
      found = analysePattern(block.relations, new Set(block.cells)).determined;
      solved.set(key, found);
    }
    determined.push(...found);
  }
  return determined.sort((a, b) => a.cell - b.cell);
}
