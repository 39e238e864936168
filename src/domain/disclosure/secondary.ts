/**
 * Secondary (complementary) suppression. Starting from the primary pattern:
 *
 * 1. Per relation: a relation with exactly one hidden cell gives that cell away by subtraction,
 *    so one more of its cells is hidden; repeated until no relation has exactly one hidden cell.
 * 2. Exact check: the elimination of elimination.ts finds every hidden cell that a chain of
 *    relations (hierarchy and sex mixed) still determines. For each, one more cell is hidden,
 *    chosen among the published cells its derivation runs through (hiding any other cell would
 *    leave that derivation intact). Then back to 1, until nothing is determined.
 *
 * This terminates, as every round hides at least one more cell. It cannot fail on a consistent
 * table that holds every cell: hiding all non-empty cells determines nothing, since for any such
 * cell, +1 on the K (or M) cell and the T cell of every node on a path from it down to a leaf with
 * a non-empty cell and back up to the root satisfies every relation. With absent cells (known
 * zeros) a hidden cell could in principle be fixed by the relations alone; then `run` throws.
 *
 * Choice of the cell to hide, cheapest first:
 *   - non-empty cells before empty ones (numerator and denominator both 0): hiding an empty cell
 *     costs nothing to count but protects little, since the hidden cells of the relation then add
 *     up to the primary value alone and so reveal its upper bound;
 *   - smaller denominator, then smaller numerator;
 *   - the cell that also completes more other relations that now have a single hidden cell;
 *   - K or M before T (the total is the headline figure), deeper node (unit) before its ancestors,
 *     then node id and sex, so that the result is deterministic.
 */
import { determinedByBlock, type Derivation } from './elimination.js';
import type { Relation } from './relations.js';
import { relationCells, relationsByCell } from './relations.js';
import { depths, formatCell } from './table.js';
import type { CountCell, ParentMap } from './table.js';

export class SecondarySuppression {
  readonly hidden = new Set<number>();
  /** Cells hidden by this class, in the order they were chosen. */
  readonly secondary: number[] = [];
  /** Number of exact-check rounds that found a determined cell. */
  verifierRounds = 0;
  private readonly byCell: number[][];
  private readonly hiddenIn: number[];
  private readonly rank: number[];
  private readonly empty: boolean[];
  /** Blocks solved so far: a round re-solves only the blocks its new cells touched. */
  private readonly solved = new Map<string, Derivation[]>();

  constructor(
    parents: ParentMap,
    private readonly cells: readonly CountCell[],
    private readonly relations: readonly Relation[],
    primary: readonly number[],
  ) {
    this.byCell = relationsByCell(relations, cells.length);
    this.hiddenIn = relations.map(() => 0);
    this.empty = cells.map((c) => c.numerator === 0 && c.denominator === 0);
    this.rank = rankCells(parents, cells);
    for (const cell of primary) this.hide(cell, false);
  }

  /** Runs both steps until the exact check finds nothing determined. */
  run(): void {
    this.closeRelations(this.relations.map((_, i) => i));
    for (;;) {
      const determined = determinedByBlock(this.relations, this.hidden, this.solved);
      if (determined.length === 0) return;
      this.verifierRounds++;
      const added: number[] = [];
      const byRank = [...determined].sort((a, b) => (this.rank[a.cell] ?? 0) - (this.rank[b.cell] ?? 0));
      for (const d of byRank) {
        if (added.some((c) => d.from.has(c))) continue; // this round already broke its derivation
        const choice = this.cheapest([...d.from.keys()]);
        if (choice === undefined) {
          const key = formatCell(this.cells[d.cell] as CountCell);
          throw new Error(`Cell ${key} is fixed by the relations alone and cannot be protected`);
        }
        this.hide(choice);
        added.push(choice);
      }
      this.closeRelations(added.flatMap((c) => this.byCell[c] ?? []));
    }
  }

  private hide(cell: number, secondary = true): void {
    if (this.hidden.has(cell)) return;
    this.hidden.add(cell);
    if (secondary) this.secondary.push(cell);
    for (const r of this.byCell[cell] ?? []) this.hiddenIn[r] = (this.hiddenIn[r] ?? 0) + 1;
  }

  /** Step 1 over a worklist of relation indices. */
  private closeRelations(start: readonly number[]): void {
    const queue = [...start];
    for (let head = 0; head < queue.length; head++) {
      const next = queue[head] as number;
      if (this.hiddenIn[next] !== 1) continue;
      const relation = this.relations[next] as Relation;
      const choice = this.cheapest(relationCells(relation).filter((c) => !this.hidden.has(c)));
      if (choice === undefined) continue; // a relation with one cell cannot occur
      this.hide(choice);
      queue.push(...(this.byCell[choice] ?? []));
    }
  }

  private cheapest(candidates: readonly number[]): number | undefined {
    let best: number | undefined;
    let bestGain = 0;
    for (const c of candidates) {
      if (this.hidden.has(c)) continue;
      const gain = (this.byCell[c] ?? []).filter((r) => this.hiddenIn[r] === 1).length;
      if (best === undefined || this.before(c, gain, best, bestGain)) [best, bestGain] = [c, gain];
    }
    return best;
  }

  private before(a: number, gainA: number, b: number, gainB: number): boolean {
    const ca = this.cells[a] as CountCell;
    const cb = this.cells[b] as CountCell;
    if (this.empty[a] !== this.empty[b]) return this.empty[b] === true;
    if (ca.denominator !== cb.denominator) return ca.denominator < cb.denominator;
    if (ca.numerator !== cb.numerator) return ca.numerator < cb.numerator;
    if (gainA !== gainB) return gainA > gainB;
    return (this.rank[a] ?? 0) < (this.rank[b] ?? 0);
  }
}

/** The static tie-break: K/M before T, deeper node first, then node id and sex. */
function rankCells(parents: ParentMap, cells: readonly CountCell[]): number[] {
  const depth = depths(parents);
  const order = cells.map((_, i) => i);
  const sexRank = { K: 0, M: 1, T: 2 } as const;
  order.sort((a, b) => {
    const ca = cells[a] as CountCell;
    const cb = cells[b] as CountCell;
    const bySex = (ca.sex === 'T' ? 1 : 0) - (cb.sex === 'T' ? 1 : 0);
    const byDepth = (depth.get(cb.node) ?? 0) - (depth.get(ca.node) ?? 0);
    const byNode = ca.node < cb.node ? -1 : ca.node > cb.node ? 1 : 0;
    return bySex || byDepth || byNode || sexRank[ca.sex] - sexRank[cb.sex];
  });
  const rank: number[] = new Array<number>(cells.length);
  order.forEach((cell, position) => (rank[cell] = position));
  return rank;
}
