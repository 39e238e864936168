import { protectJointly, type JointTable } from '../../domain/disclosure/joint.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { asSuppressed, type PublishedValue } from '../../domain/indicators/publish.js';
import { quantityIds, quantityOf } from '../../domain/indicators/quantity.js';
import { nodeOf, rollUp, type Placement, type UnitSexCount } from '../../domain/indicators/rollup.js';

/**
 * Disclosure control across the tables of one release period (src/domain/disclosure/joint.ts):
 * indicators that count the same persons (a shared denominator) publish the same perturbed
 * counts, so no sensitive count may be recoverable from all the tables together.
 *
 * A quantity is what the published catalogue tells an outsider is one count: the denominators of
 * indicators with the same denominator, population and operating area (the same persons, so the
 * same cell keys and the same noise), and likewise numerators. Counts that only happen to select
 * the same persons (a unit with no records in two tables: both a zero perturbed under the unit's
 * population key) are not identified: nothing published tells an outsider that they are equal.
 */
export interface ReleasePeriodTable {
  def: IndicatorDefinition;
  values: PublishedValue[];
  perturbed: readonly UnitSexCount[];
  placements: ReadonlyMap<string, Placement>;
}

/**
 * Hides, in place, whatever the joint pattern adds; returns how many cells that is and how many
 * rounds of the union check found a sensitive count.
 */
export function protectAcrossIndicators(
  allTables: readonly ReleasePeriodTable[],
  threshold: number,
): { added: number; rounds: number } {
  // A table that shares no quantity with another is protected by its own pattern alone.
  const tablesOf = new Map<string, number>();
  for (const t of allTables)
    for (const name of Object.values(quantityOf(t.def))) tablesOf.set(name, (tablesOf.get(name) ?? 0) + 1);
  const tables = allTables.filter((t) =>
    Object.values(quantityOf(t.def)).some((name) => (tablesOf.get(name) ?? 0) > 1),
  );
  const joint = tables.map((t): JointTable => {
    const { parents, cells } = rollUp(t.perturbed, t.placements);
    // rollUp orders its cells as publishTable does; check rather than trust it.
    cells.forEach((c, i) => {
      const v = t.values[i] as PublishedValue;
      if (c.sex !== v.sex || c.node !== nodeOf(v.level, v.code))
        throw new Error(`release table of ${v.indicatorId} ${v.period}: cell ${i} is out of order`);
    });
    return {
      parents,
      cells,
      ...quantityIds(t.def, cells),
      numerators: cells.map((c) => c.numerator),
      denominators: cells.map((c) => c.denominator),
      hidden: new Set(t.values.flatMap((v, i) => (v.status === 'suppressed' ? [i] : []))),
    };
  });
  const { added, rounds } = protectJointly(joint, threshold);
  let count = 0;
  added.forEach((cells, ti) => {
    const values = tables[ti]?.values ?? [];
    for (const ci of cells) {
      values[ci] = asSuppressed(values[ci] as PublishedValue);
      count++;
    }
  });
  return { added: count, rounds };
}
