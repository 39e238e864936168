/**
 * Disclosure control across the tables of one release (issue #17). Each table is protected on
 * its own, but some quantities appear in more than one table: indicators with the same
 * denominator (persons served, for K10001, K10008 and K10009) publish the same perturbed counts,
 * since the cell key noise is a function of the records. Where one table hides a cell that
 * another shows, the two suppression patterns combined can give a hidden cell away.
 *
 * Here every published count is a variable named by a quantity id: two cells (of any tables)
 * with the same id hold the same value. The relations of all tables, over those variables, form
 * one system; the exact elimination of elimination.ts over that union finds every hidden variable
 * it determines. The fix is a joint pattern: a quantity hidden in one table is hidden in every
 * table that shows it, and while the union still determines a hidden quantity, one more quantity
 * of its derivation is hidden everywhere (smallest value first). Hiding a cell hides both its
 * numerator and its denominator, which may hide more quantities; that is propagated too.
 */
import { analysePattern, type SparseRow } from './elimination.js';
import { deriveRelations, type Relation } from './relations.js';
import type { CellKey, ParentMap } from './table.js';

export interface JointTable {
  parents: ParentMap;
  cells: readonly CellKey[];
  /** Per cell, the quantity id of its numerator and of its denominator. */
  numeratorIds: readonly string[];
  denominatorIds: readonly string[];
  /** Per cell, the published (or hidden) counts, used only to choose what to hide. */
  numerators: readonly number[];
  denominators: readonly number[];
  /** Cells the table's own disclosure control hides. */
  hidden: ReadonlySet<number>;
}

/** The union of the tables' relations over shared quantity variables. */
export interface UnionSystem {
  relations: Relation[];
  /** Variable index → the (table, cell) pairs that show it. */
  cellsOf: Array<Array<[table: number, cell: number]>>;
  /** Per table and cell, its [numerator, denominator] variables. */
  varsOf: Array<Array<[number, number]>>;
  values: number[];
}

export function unionSystem(tables: readonly JointTable[]): UnionSystem {
  const index = new Map<string, number>();
  const cellsOf: UnionSystem['cellsOf'] = [];
  const values: number[] = [];
  const variable = (id: string, value: number, at: [number, number]): number => {
    let v = index.get(id);
    if (v === undefined) {
      v = cellsOf.length;
      index.set(id, v);
      cellsOf.push([]);
      values.push(value);
    }
    cellsOf[v]?.push(at);
    return v;
  };
  const varsOf = tables.map((t, ti) =>
    t.cells.map((_, ci): [number, number] => [
      variable(`n:${t.numeratorIds[ci]}`, t.numerators[ci] ?? 0, [ti, ci]),
      variable(`d:${t.denominatorIds[ci]}`, t.denominators[ci] ?? 0, [ti, ci]),
    ]),
  );
  const seen = new Set<string>();
  const relations: Relation[] = [];
  tables.forEach((t, ti) => {
    const vars = varsOf[ti] ?? [];
    for (const r of deriveRelations(t.parents, t.cells))
      for (const part of [0, 1] as const) {
        const total = (vars[r.total] as [number, number])[part];
        const parts = r.parts.map((p) => (vars[p] as [number, number])[part]);
        const key = `${total}=${[...parts].sort((a, b) => a - b).join('+')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        relations.push({ kind: r.kind, total, parts });
      }
  });
  return { relations, cellsOf, varsOf, values };
}

export interface JointPattern {
  /** Per table, the cells hidden jointly (a superset of each table's own pattern). */
  hidden: Set<number>[];
  /** Per table, the cells hidden beyond its own pattern. */
  added: number[][];
  /** Rounds of the union check that still found a determined quantity. */
  rounds: number;
}

export function protectJointly(tables: readonly JointTable[]): JointPattern {
  const system = unionSystem(tables);
  const hidden = tables.map((t) => new Set(t.hidden));
  const hiddenVars = new Set<number>();
  const hideVar = (start: number): void => {
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.pop() as number;
      if (hiddenVars.has(v)) continue;
      hiddenVars.add(v);
      for (const [ti, ci] of system.cellsOf[v] ?? []) {
        (hidden[ti] as Set<number>).add(ci);
        for (const other of system.varsOf[ti]?.[ci] ?? []) if (!hiddenVars.has(other)) queue.push(other);
      }
    }
  };
  tables.forEach((t, ti) => {
    for (const ci of t.hidden) for (const v of system.varsOf[ti]?.[ci] ?? []) hideVar(v);
  });

  let rounds = 0;
  for (;;) {
    const { determined } = analysePattern(system.relations, hiddenVars);
    if (determined.length === 0) break;
    rounds++;
    const before = new Set(hiddenVars);
    for (const d of determined) {
      // An earlier choice of this round may already have hidden part of its derivation.
      if ([...d.from.keys()].some((v) => hiddenVars.has(v) && !before.has(v))) continue;
      const choice = cheapest(d.from, hiddenVars, system.values);
      if (choice === undefined)
        throw new Error(`quantity ${d.cell} is fixed by the relations alone and cannot be protected`);
      hideVar(choice);
    }
  }
  return {
    hidden,
    added: hidden.map((set, ti) =>
      [...set].filter((ci) => !tables[ti]?.hidden.has(ci)).sort((a, b) => a - b),
    ),
    rounds,
  };
}

/**
 * The published variable of a derivation with the smallest non-zero value, zeros last (hiding a
 * zero protects little: the hidden cells then add up to the secret alone), then the lowest index.
 */
function cheapest(
  from: SparseRow,
  hidden: ReadonlySet<number>,
  values: readonly number[],
): number | undefined {
  const cost = (v: number): number => values[v] || Number.MAX_SAFE_INTEGER;
  let best: number | undefined;
  for (const v of from.keys()) {
    if (hidden.has(v)) continue;
    if (best === undefined || cost(v) < cost(best) || (cost(v) === cost(best) && v < best)) best = v;
  }
  return best;
}

/** A hidden quantity that the union of the tables determines, named by a cell that holds it. */
export interface JointLeak {
  table: number;
  cell: number;
  part: 'numerator' | 'denominator';
}

/**
 * The outsider's linear attack on the union: a quantity shown in any table is known; every
 * quantity hidden in all tables that the union of their relations determines is a leak.
 */
export function jointLeaks(tables: readonly JointTable[]): JointLeak[] {
  const system = unionSystem(tables);
  const hiddenVars = new Set<number>();
  system.cellsOf.forEach((cells, v) => {
    if (cells.every(([ti, ci]) => tables[ti]?.hidden.has(ci))) hiddenVars.add(v);
  });
  return analysePattern(system.relations, hiddenVars).determined.map((d) => {
    const [table, cell] = system.cellsOf[d.cell]?.[0] as [number, number];
    const part = system.varsOf[table]?.[cell]?.[0] === d.cell ? 'numerator' : 'denominator';
    return { table, cell, part };
  });
}

/** Cells hidden in one table whose numerator or denominator another table shows. */
export function shownElsewhere(tables: readonly JointTable[]): JointLeak[] {
  const system = unionSystem(tables);
  const out: JointLeak[] = [];
  tables.forEach((t, ti) => {
    for (const ci of t.hidden)
      (system.varsOf[ti]?.[ci] ?? []).forEach((v, k) => {
        if ((system.cellsOf[v] ?? []).some(([tj, cj]) => !tables[tj]?.hidden.has(cj)))
          out.push({ table: ti, cell: ci, part: k === 0 ? 'numerator' : 'denominator' });
      });
  });
  return out;
}
