/**
 * The disclosure verifier: given the published cells of one indicator and period (a value for
 * each published cell, ".." or null for each hidden one) and the org hierarchy, it proves by exact
 * Gaussian elimination (see elimination.ts) that no hidden cell is uniquely determined by the
 * published ones and the additive relations, or reports each cell that is, with the recovered
 * value and the published cells it is recovered from.
 *
 * Known limit: this proves that no hidden cell can be recovered *exactly*. It does not bound
 * interval disclosure: with counts known to be non-negative, a hidden cell may still be pinned to
 * a narrow range (e.g. x + y = 3 with a complementary y = 0 tells that x ≤ 3). Proving that
 * needs linear programming over the same relations and is not done here.
 */
import { analysePattern } from './elimination.js';
import type { SparseRow } from './elimination.js';
import { Rational } from './rational.js';
import { deriveRelations, relationCells } from './relations.js';
import type { Relation } from './relations.js';
import { formatCell } from './table.js';
import type { CellKey, ParentMap } from './table.js';

/** ".." is Kolada's symbol for a value hidden for confidentiality; null means the same here. */
export type PublishedValue = number | '..' | null;

export interface PublishedCell extends CellKey {
  value: PublishedValue;
}

export interface Determination {
  cell: CellKey;
  /** The hidden value, recovered from published values only. */
  value: Rational;
  /** value = Σ coefficient · (published value of cell). */
  from: { cell: CellKey; coefficient: Rational }[];
}

export interface Verification {
  /** True when the published values are consistent and no hidden cell is determined. */
  ok: boolean;
  /** False when the published values break a relation on their own; then nothing is certified. */
  consistent: boolean;
  determined: Determination[];
}

/** Verifies one table (numerator or denominator) of one indicator and period. */
export function verifyTable(parents: ParentMap, cells: readonly PublishedCell[]): Verification {
  const values = cells.map((cell) => {
    if (cell.value === null || cell.value === '..') return null;
    if (!Number.isSafeInteger(cell.value)) {
      throw new RangeError(`Cell ${formatCell(cell)}: published value must be an integer, got ${cell.value}`);
    }
    return Rational.of(cell.value);
  });
  const relations = deriveRelations(parents, cells);
  const hidden = new Set<number>();
  values.forEach((value, i) => {
    if (value === null) hidden.add(i);
  });
  return verifyIndexed(relations, hidden, values, (i) => cells[i] as CellKey);
}

/** The same check over already derived relations; `values[i]` is null exactly for hidden cells. */
export function verifyIndexed(
  relations: readonly Relation[],
  hidden: ReadonlySet<number>,
  values: readonly (Rational | null)[],
  keyOf: (index: number) => CellKey,
): Verification {
  const evaluate = (form: SparseRow): Rational => {
    let sum = Rational.ZERO;
    for (const [cell, coefficient] of form) sum = sum.add(coefficient.mul(values[cell] ?? Rational.ZERO));
    return sum;
  };
  const analysis = analysePattern(relations, hidden);

  let consistent = analysis.publishedOnly.every((form) => evaluate(form).isZero());
  for (const relation of relations) {
    if (!consistent) break;
    if (relationCells(relation).some((c) => hidden.has(c))) continue;
    const form: SparseRow = new Map([[relation.total, Rational.ONE]]);
    for (const p of relation.parts) form.set(p, Rational.MINUS_ONE);
    consistent = evaluate(form).isZero();
  }

  const determined = analysis.determined.map((d) => ({
    cell: keyOf(d.cell),
    value: evaluate(d.from),
    from: [...d.from].map(([cell, coefficient]) => ({ cell: keyOf(cell), coefficient })),
  }));
  return { ok: consistent && determined.length === 0, consistent, determined };
}
