/**
 * Disclosure control across the tables of one release (issue #17). Each table is protected on
 * its own, but some quantities appear in more than one table: indicators with the same
 * denominator (persons served, for K10001, K10008 and K10009) publish the same perturbed counts,
 * since the cell key noise is a function of the records. Where one table hides a cell that
 * another shows, the two suppression patterns combined could give a hidden count away.
 *
 * Every published count is a variable named by a quantity id: two cells (of any tables) with the
 * same id hold the same value. A variable is known when any table shows it. The relations of all
 * tables over those variables form one system (the union), and the exact elimination of
 * elimination.ts over it finds every unknown variable the union determines.
 *
 * What must stay unknown is a **sensitive** variable: a count 1 … threshold − 1 (primary.ts).
 * Shared quantities have identical values, so a sensitive one is hidden by the primary rule in
 * every table that carries it. A count hidden only as a complement is not sensitive: a
 * denominator hidden in one table because that table's numerator is small may be shown by another
 * (it tells how many persons were served, not who fell), so hidden non-sensitive counts are not
 * carried to other tables. While the union determines a sensitive variable, one more known
 * variable of its derivation is hidden in every table that shows it, and the check repeats; then
 * each table that hid more gets complements so that its own relations recover nothing hidden.
 * Hiding more never weakens any table's own protection (a determined cell stays determined when a
 * known cell becomes unknown only in the other direction), so each table stays safe on its own.
 */
import { analysePattern, type SparseRow } from './elimination.js';
import { isSensitiveCount } from './primary.js';
import { deriveRelations, type Relation } from './relations.js';
import { SecondarySuppression } from './secondary.js';
import type { CellKey, ParentMap } from './table.js';

export interface JointTable {
  parents: ParentMap;
  cells: readonly CellKey[];
  /** Per cell, the quantity id of its numerator and of its denominator. */
  numeratorIds: readonly string[];
  denominatorIds: readonly string[];
  /** Per cell, the true (perturbed) counts, shown or hidden: they say which are sensitive. */
  numerators: readonly number[];
  denominators: readonly number[];
  /** Cells the table's own disclosure control hides: its own relations determine none of them. */
  hidden: ReadonlySet<number>;
}

/** The union of the tables' relations over shared quantity variables. */
export interface UnionSystem {
  /** Deduplicated; `origins[i]` lists the tables relation i comes from. */
  relations: Relation[];
  origins: number[][];
  /** Variable index → the (table, cell) pairs that carry it. */
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
  const seen = new Map<string, number>();
  const relations: Relation[] = [];
  const origins: number[][] = [];
  tables.forEach((t, ti) => {
    const vars = varsOf[ti] ?? [];
    for (const r of deriveRelations(t.parents, t.cells))
      for (const part of [0, 1] as const) {
        const total = (vars[r.total] as [number, number])[part];
        const parts = r.parts.map((p) => (vars[p] as [number, number])[part]);
        const key = `${total}=${[...parts].sort((a, b) => a - b).join('+')}`;
        const known = seen.get(key);
        if (known !== undefined) {
          origins[known]?.push(ti);
          continue;
        }
        seen.set(key, relations.length);
        relations.push({ kind: r.kind, total, parts });
        origins.push([ti]);
      }
  });
  return { relations, origins, cellsOf, varsOf, values };
}

/** The variables shown by no table: what an outsider does not read off any table directly. */
function unknownVariables(system: UnionSystem, hidden: readonly ReadonlySet<number>[]): Set<number> {
  const out = new Set<number>();
  system.cellsOf.forEach((cells, v) => {
    if (cells.every(([ti, ci]) => hidden[ti]?.has(ci))) out.add(v);
  });
  return out;
}

/**
 * The relations worth eliminating: those of connected blocks (unknowns linked by relations) that
 * hold a sensitive unknown, and that some table's own pattern does not already certify. A block
 * whose relations all come from one table T, where every variable T hides is also unknown to the
 * union, is a block of T's own system, which T's own disclosure control (and anything hidden
 * since) leaves determining nothing; the other tables add nothing to it.
 */
function relationsToCheck(
  system: UnionSystem,
  hidden: readonly ReadonlySet<number>[],
  unknown: ReadonlySet<number>,
  sensitive: (v: number) => boolean,
  uncertified: ReadonlySet<number>,
): Relation[] {
  const root = new Map<number, number>();
  const find = (v: number): number => {
    let r = v;
    while (root.get(r) !== undefined && root.get(r) !== r) r = root.get(r) as number;
    root.set(v, r);
    return r;
  };
  const touching: number[] = [];
  system.relations.forEach((r, i) => {
    const cells = [r.total, ...r.parts].filter((v) => unknown.has(v));
    if (cells.length === 0) return;
    touching.push(i);
    const first = find(cells[0] as number);
    for (const v of cells) root.set(find(v), first);
  });
  const blockOf = (r: Relation): number => find([r.total, ...r.parts].find((v) => unknown.has(v)) as number);
  const hasSensitive = new Set<number>();
  for (const v of unknown) if (sensitive(v)) hasSensitive.add(find(v));
  const blocks = new Map<number, number[]>();
  for (const i of touching) {
    const b = blockOf(system.relations[i] as Relation);
    if (!hasSensitive.has(b)) continue;
    const list = blocks.get(b);
    if (list) list.push(i);
    else blocks.set(b, [i]);
  }
  const shownElsewhereIn = (ti: number, v: number): boolean =>
    !unknown.has(v) && (system.cellsOf[v] ?? []).some(([tj, cj]) => tj === ti && hidden[ti]?.has(cj));
  const out: Relation[] = [];
  for (const list of blocks.values()) {
    let common = new Set((system.origins[list[0] as number] ?? []).filter((t) => !uncertified.has(t)));
    for (const i of list) common = new Set((system.origins[i] ?? []).filter((t) => common.has(t)));
    const certified = [...common].some((ti) =>
      list.every((i) => {
        const r = system.relations[i] as Relation;
        return ![r.total, ...r.parts].some((v) => shownElsewhereIn(ti, v));
      }),
    );
    if (!certified) for (const i of list) out.push(system.relations[i] as Relation);
  }
  return out;
}

export interface JointPattern {
  /** Per table, the cells hidden jointly (a superset of each table's own pattern). */
  hidden: Set<number>[];
  /** Per table, the cells hidden beyond its own pattern. */
  added: number[][];
  /** Rounds of the union check that still found a determined sensitive quantity. */
  rounds: number;
}

export interface JointOptions {
  /**
   * Per table, cells the reader knows exactly whatever is hidden (an insider's own unsuppressed
   * cells): their quantities are no secret to that reader and cannot be hidden from them.
   */
  known?: readonly ReadonlySet<number>[];
  /** Whether tables that hid more get their own complements here (false: the caller does that). */
  closeOwn?: boolean;
}

export function protectJointly(
  tables: readonly JointTable[],
  threshold: number,
  options: JointOptions = {},
): JointPattern {
  const system = unionSystem(tables);
  const hidden = tables.map((t) => new Set(t.hidden));
  const fixed = new Set<number>();
  options.known?.forEach((cells, ti) => {
    for (const ci of cells) for (const v of system.varsOf[ti]?.[ci] ?? []) fixed.add(v);
  });
  // Quantities the reader works out from what they know alone: hidden, but no secret to them.
  const derivable = new Set<number>();
  const sensitive = (v: number): boolean =>
    !fixed.has(v) && !derivable.has(v) && isSensitiveCount(system.values[v] ?? 0, threshold);
  const shownIn = system.cellsOf.map((cells) => cells.filter(([ti, ci]) => !hidden[ti]?.has(ci)).length);
  const hideEverywhere = (v: number, after?: Set<number>): void => {
    for (const [ti, ci] of system.cellsOf[v] ?? []) {
      const set = hidden[ti] as Set<number>;
      if (set.has(ci)) continue;
      set.add(ci);
      after?.add(ti);
      for (const w of system.varsOf[ti]?.[ci] ?? []) shownIn[w] = (shownIn[w] ?? 0) - 1;
    }
  };
  // The primary rule already hides a sensitive count wherever it is carried; make sure of it. A
  // table this changes no longer has a pattern its own disclosure control made: it certifies nothing.
  const uncertified = new Set<number>();
  shownIn.forEach((n, v) => {
    if (n > 0 && sensitive(v)) hideEverywhere(v, uncertified);
  });

  let rounds = 0;
  for (;;) {
    const unknown = unknownVariables(system, hidden);
    const relations = relationsToCheck(system, hidden, unknown, sensitive, uncertified);
    const leaks = analysePattern(relations, unknown).determined.filter((d) => sensitive(d.cell));
    if (leaks.length === 0) break;
    rounds++;
    const chosen: number[] = [];
    for (const d of leaks) {
      // An earlier choice of this round may already have broken this derivation.
      if (chosen.some((v) => d.from.has(v))) continue;
      const choice = cheapest(d.from, shownIn, system.values, fixed);
      if (choice === undefined && options.known) {
        derivable.add(d.cell);
        continue;
      }
      if (choice === undefined)
        throw new Error(`quantity ${d.cell} is fixed by the relations alone and cannot be protected`);
      hideEverywhere(choice);
      chosen.push(choice);
    }
  }
  hidden.forEach((set, ti) => {
    if (options.closeOwn !== false && set.size > (tables[ti]?.hidden.size ?? 0))
      closeOwnRelations(tables[ti] as JointTable, set);
  });
  return {
    hidden,
    added: hidden.map((set, ti) =>
      [...set].filter((ci) => !tables[ti]?.hidden.has(ci)).sort((a, b) => a - b),
    ),
    rounds,
  };
}

/**
 * A cell hidden for the union's sake may be recoverable from its own table's relations (its other
 * part, say, when a total is hidden for its denominator): the table's own secondary suppression
 * hides complements until its relations determine nothing. Hiding more keeps the union safe.
 */
function closeOwnRelations(table: JointTable, hidden: Set<number>): void {
  const cells = table.cells.map((c, i) => ({
    ...c,
    numerator: table.numerators[i] ?? 0,
    denominator: table.denominators[i] ?? 0,
  }));
  const own = new SecondarySuppression(table.parents, cells, deriveRelations(table.parents, cells), [
    ...hidden,
  ]);
  own.run();
  for (const ci of own.secondary) hidden.add(ci);
}

/**
 * The known variable of a derivation that costs least to hide: shown in the fewest cells, then the
 * smallest non-zero value, zeros last (hiding a zero protects little: the hidden cells then add up
 * to the secret alone), then the lowest index.
 */
function cheapest(
  from: SparseRow,
  shownIn: readonly number[],
  values: readonly number[],
  fixed: ReadonlySet<number>,
): number | undefined {
  const cost = (v: number): [number, number] => [shownIn[v] ?? 0, values[v] || Number.MAX_SAFE_INTEGER];
  let best: number | undefined;
  for (const v of from.keys()) {
    if ((shownIn[v] ?? 0) === 0 || fixed.has(v)) continue;
    if (best === undefined) {
      best = v;
      continue;
    }
    const [a, b] = [cost(v), cost(best)];
    if (a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && v < best)))) best = v;
  }
  return best;
}

/** A quantity named by a cell that carries it. */
export interface JointLeak {
  table: number;
  cell: number;
  part: 'numerator' | 'denominator';
}

const leakAt = (system: UnionSystem, v: number): JointLeak => {
  const [table, cell] = system.cellsOf[v]?.[0] as [number, number];
  const part = system.varsOf[table]?.[cell]?.[0] === v ? 'numerator' : 'denominator';
  return { table, cell, part };
};

/**
 * The outsider's linear attack on the union: a quantity shown in any table is known; every
 * unknown quantity the union of the relations determines is recovered. `threshold` keeps only
 * the sensitive ones (counts 1 … threshold − 1); without it, every recovered quantity.
 */
export function jointLeaks(tables: readonly JointTable[], threshold?: number): JointLeak[] {
  const system = unionSystem(tables);
  const unknown = unknownVariables(
    system,
    tables.map((t) => t.hidden),
  );
  return analysePattern(system.relations, unknown)
    .determined.filter(
      (d) => threshold === undefined || isSensitiveCount(system.values[d.cell] ?? 0, threshold),
    )
    .map((d) => leakAt(system, d.cell));
}

/** Sensitive quantities (counts 1 … threshold − 1) that some table shows. */
export function sensitiveShown(tables: readonly JointTable[], threshold: number): JointLeak[] {
  const system = unionSystem(tables);
  const out: JointLeak[] = [];
  system.cellsOf.forEach((cells, v) => {
    if (!isSensitiveCount(system.values[v] ?? 0, threshold)) return;
    for (const [table, cell] of cells)
      if (!tables[table]?.hidden.has(cell)) out.push({ ...leakAt(system, v), table, cell });
  });
  return out;
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
