/**
 * The additive relations that hold inside one table and that anyone can use to recover hidden
 * cells by subtraction:
 *   hierarchy: for every node with children and every sex, node = Σ children;
 *   sex:       for every node, T = K + M.
 * Each holds for the numerator table and the denominator table separately.
 *
 * Which relations exist follows from the cell keys present. A relation exists when its total
 * cell is present and at least one of its parts is; a part whose cell is absent counts as a
 * known zero. So the engine must either emit every child cell of a total (zeros included) or
 * none of them; `relationViolations` catches a table that breaks this.
 */
import { childrenOf, depths, indexKeys, SEXES, cellId } from './table.js';
import type { CellKey, ParentMap } from './table.js';

export interface Relation {
  kind: 'hierarchy' | 'sex';
  /** Index (into the keys given to `deriveRelations`) of the total cell. */
  total: number;
  /** Indices of the part cells; total = Σ parts. */
  parts: readonly number[];
}

/**
 * Derives every linear relation among the given cells. Indices refer to `keys`. Order: by the
 * total's node, deepest first, then node id (so the order does not depend on the order of the
 * keys); per node its sex relation, then its hierarchy relations.
 */
export function deriveRelations(parents: ParentMap, keys: readonly CellKey[]): Relation[] {
  const index = indexKeys(parents, keys);
  const children = childrenOf(parents);
  const depth = depths(parents);
  const find = (node: string, sex: CellKey['sex']): number | undefined => index.get(cellId({ node, sex }));

  const nodes = [...new Set(keys.map((k) => k.node))];
  nodes.sort((a, b) => (depth.get(b) ?? 0) - (depth.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  const relations: Relation[] = [];
  for (const node of nodes) {
    const total = find(node, 'T');
    if (total !== undefined) {
      const parts = [find(node, 'K'), find(node, 'M')].filter((i) => i !== undefined);
      if (parts.length > 0) relations.push({ kind: 'sex', total, parts });
    }
    for (const sex of SEXES) {
      const parent = find(node, sex);
      if (parent === undefined) continue;
      const parts = (children.get(node) ?? []).map((c) => find(c, sex)).filter((i) => i !== undefined);
      if (parts.length > 0) relations.push({ kind: 'hierarchy', total: parent, parts });
    }
  }
  return relations;
}

/** The cells of a relation, total first. */
export const relationCells = (relation: Relation): number[] => [relation.total, ...relation.parts];

/** Relations that the given values break (total ≠ Σ parts); values are indexed like the keys. */
export function relationViolations(relations: readonly Relation[], values: readonly number[]): Relation[] {
  return relations.filter((r) => {
    let sum = 0;
    for (const p of r.parts) sum += values[p] ?? 0;
    return sum !== values[r.total];
  });
}

/** For each cell index, the indices of the relations it appears in. */
export function relationsByCell(relations: readonly Relation[], cellCount: number): number[][] {
  const byCell: number[][] = Array.from({ length: cellCount }, () => []);
  relations.forEach((r, i) => {
    for (const c of relationCells(r)) byCell[c]?.push(i);
  });
  return byCell;
}
