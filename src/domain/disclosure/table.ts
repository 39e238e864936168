/**
 * The table model for disclosure control: one indicator × one period is a set of cells keyed by
 * (org node, sex). The org hierarchy (nation ⊃ regions ⊃ municipalities ⊃ units) is a parent map.
 */

/** Kolada's sex split: T total, K women, M men. */
export const SEXES = ['T', 'K', 'M'] as const;
export type Sex = (typeof SEXES)[number];

export interface CellKey {
  node: string;
  sex: Sex;
}

/** One cell with its two counts; the rate is numerator / denominator. */
export interface CountCell extends CellKey {
  numerator: number;
  denominator: number;
}

/** Node id → parent id; roots map to null (or only appear as a parent). */
export type ParentMap = ReadonlyMap<string, string | null>;

/** A unique string per cell key. The sex is one letter, so the form cannot collide. */
export const cellId = (key: CellKey): string => `${key.sex}:${key.node}`;

export const formatCell = (key: CellKey): string => `${key.node}/${key.sex}`;

/** Every node id the parent map knows, as a child or as a parent. */
export function knownNodes(parents: ParentMap): Set<string> {
  const nodes = new Set<string>();
  for (const [node, parent] of parents) {
    nodes.add(node);
    if (parent !== null) nodes.add(parent);
  }
  return nodes;
}

/** Parent map → children lists, in the parent map's iteration order. */
export function childrenOf(parents: ParentMap): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const [node, parent] of parents) {
    if (parent === null) continue;
    const list = children.get(parent);
    if (list) list.push(node);
    else children.set(parent, [node]);
  }
  return children;
}

/** Depth of each node (roots 0); throws on a cycle. */
export function depths(parents: ParentMap): Map<string, number> {
  const depth = new Map<string, number>();
  const visit = (node: string): number => {
    const known = depth.get(node);
    if (known !== undefined) return known;
    const path: string[] = [];
    let current: string | null | undefined = node;
    while (current !== null && current !== undefined && !depth.has(current)) {
      if (path.includes(current)) throw new Error(`The org hierarchy has a cycle through ${current}`);
      path.push(current);
      current = parents.get(current);
    }
    let d = current === null || current === undefined ? -1 : (depth.get(current) ?? -1);
    for (let i = path.length - 1; i >= 0; i--) depth.set(path[i] as string, ++d);
    return depth.get(node) as number;
  };
  for (const node of knownNodes(parents)) visit(node);
  return depth;
}

/**
 * Checks that every key names a known node and a valid sex and that no key repeats, and returns
 * the index of each cell id. Throws an Error naming the first offending cell.
 */
export function indexKeys(parents: ParentMap, keys: readonly CellKey[]): Map<string, number> {
  const nodes = knownNodes(parents);
  const index = new Map<string, number>();
  keys.forEach((key, i) => {
    if (!(SEXES as readonly string[]).includes(key.sex))
      throw new Error(`Cell ${formatCell(key)}: unknown sex`);
    if (!nodes.has(key.node)) throw new Error(`Cell ${formatCell(key)}: node is not in the org hierarchy`);
    const id = cellId(key);
    if (index.has(id)) throw new Error(`Cell ${formatCell(key)} appears twice`);
    index.set(id, i);
  });
  return index;
}

/** Throws unless the count is a non-negative safe integer. */
export function checkCount(key: CellKey, what: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`Cell ${formatCell(key)}: ${what} must be a non-negative integer, got ${value}`);
  }
}
