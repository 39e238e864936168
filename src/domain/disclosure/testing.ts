/**
 * Test support: a seeded PRNG (so a failing random case reproduces from its seed) and builders
 * for additive tables. Used by the *.test.ts files only.
 */
import type { Random } from '../random.js';
import type { CountCell, ParentMap, Sex } from './table.js';

/** Tests draw from the project's seeded PRNG so a failing case reproduces from its seed. */
export { seededRandom } from '../random.js';

/** Numerator and denominator of a leaf for women (K) and men (M). */
export interface LeafCounts {
  K: [numerator: number, denominator: number];
  M: [numerator: number, denominator: number];
}

/**
 * Builds the full additive table (every node × T, K, M) from the counts of the leaves: nodes
 * without children. Inner nodes are the sums of their children, T = K + M.
 */
export function buildTable(parents: ParentMap, leaves: ReadonlyMap<string, LeafCounts>): CountCell[] {
  const children = new Map<string, string[]>();
  const nodes = new Set<string>();
  for (const [node, parent] of parents) {
    nodes.add(node);
    if (parent === null) continue;
    nodes.add(parent);
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const memo = new Map<string, LeafCounts>();
  const countsOf = (node: string): LeafCounts => {
    const known = memo.get(node);
    if (known) return known;
    const kids = children.get(node);
    let counts: LeafCounts;
    if (kids) {
      counts = { K: [0, 0], M: [0, 0] };
      for (const kid of kids) {
        const c = countsOf(kid);
        for (const sex of ['K', 'M'] as const) {
          counts[sex] = [counts[sex][0] + c[sex][0], counts[sex][1] + c[sex][1]];
        }
      }
    } else {
      const leaf = leaves.get(node);
      if (!leaf) throw new Error(`no counts for leaf ${node}`);
      counts = leaf;
    }
    memo.set(node, counts);
    return counts;
  };
  const cells: CountCell[] = [];
  for (const node of nodes) {
    const { K, M } = countsOf(node);
    const cell = (sex: Sex, [numerator, denominator]: [number, number]): CountCell => ({
      node,
      sex,
      numerator,
      denominator,
    });
    cells.push(cell('T', [K[0] + M[0], K[1] + M[1]]), cell('K', K), cell('M', M));
  }
  return cells;
}

export interface RandomTableShape {
  regions: [min: number, max: number];
  municipalities: [min: number, max: number];
  units: [min: number, max: number];
  /** Chance that an empty cell (0/0) is left out of the table, which then counts it as a known zero. */
  dropEmpty?: number;
}

/**
 * A random nation: regions ⊃ municipalities ⊃ units (some municipalities without units), leaf
 * counts with many small ones, cells in shuffled order, some empty cells left out if asked.
 */
export function randomTable(
  rng: Random,
  shape: RandomTableShape = { regions: [1, 3], municipalities: [1, 4], units: [0, 4] },
): { parents: Map<string, string | null>; cells: CountCell[] } {
  const parents = new Map<string, string | null>([['SE', null]]);
  const leaves = new Map<string, LeafCounts>();
  const count = (): [number, number] => {
    const roll = rng.next();
    const denominator = roll < 0.5 ? rng.int(0, 6) : roll < 0.85 ? rng.int(5, 30) : rng.int(30, 200);
    return [rng.int(0, denominator), denominator];
  };
  const regions = rng.int(...shape.regions);
  for (let r = 0; r < regions; r++) {
    const region = `R${r}`;
    parents.set(region, 'SE');
    const municipalities = rng.int(...shape.municipalities);
    for (let m = 0; m < municipalities; m++) {
      const municipality = `${region}M${m}`;
      parents.set(municipality, region);
      const units = rng.int(...shape.units);
      for (let u = 0; u < units; u++) {
        parents.set(`${municipality}U${u}`, municipality);
        leaves.set(`${municipality}U${u}`, { K: count(), M: count() });
      }
      if (units === 0) leaves.set(municipality, { K: count(), M: count() });
    }
  }
  const dropEmpty = shape.dropEmpty ?? 0;
  const cells = buildTable(parents, leaves).filter(
    (c) => c.numerator !== 0 || c.denominator !== 0 || rng.next() >= dropEmpty,
  );
  return { parents, cells: rng.shuffle(cells) };
}
