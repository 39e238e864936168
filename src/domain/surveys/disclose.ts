import { deriveRelations } from '../disclosure/relations.js';
import { SecondarySuppression } from '../disclosure/secondary.js';
import type { CountCell, ParentMap } from '../disclosure/table.js';

/**
 * Which nodes (units, municipalities, regions, the nation) must hide their survey results.
 * Primary: 1 ≤ respondents < minimum. Secondary: the project's exact suppression over the
 * respondents table, so no hidden node is recoverable by subtraction along the hierarchy.
 * The pattern is one per node for every question and theme alike: every measure's counts are
 * additive over the same hierarchy, and whether a hidden cell is determined depends only on the
 * pattern and the relations, never on the values — so no theme can reveal another's hidden cell.
 */
export function hiddenNodes(
  parents: ParentMap,
  respondents: ReadonlyMap<string, number>,
  minimum: number,
): Set<string> {
  if (!Number.isSafeInteger(minimum) || minimum < 1)
    throw new RangeError(`minimum must be a positive integer, got ${minimum}`);
  const cells: CountCell[] = [...respondents].map(([node, n]) => ({
    node,
    sex: 'T',
    numerator: n,
    denominator: n,
  }));
  const primary = cells.flatMap((c, i) => (c.denominator >= 1 && c.denominator < minimum ? [i] : []));
  const secondary = new SecondarySuppression(parents, cells, deriveRelations(parents, cells), primary);
  secondary.run();
  return new Set([...secondary.hidden].map((i) => (cells[i] as CountCell).node));
}
