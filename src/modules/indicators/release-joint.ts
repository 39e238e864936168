import { protectJointly, type JointTable } from '../../domain/disclosure/joint.js';
import { QuantityNames } from '../../domain/disclosure/quantities.js';
import type { PublishedValue } from '../../domain/indicators/publish.js';
import {
  nodeOf,
  rollUp,
  unitNode,
  type Placement,
  type UnitSexCount,
} from '../../domain/indicators/rollup.js';
import type { KeyedCount } from './release.js';

/**
 * Disclosure control across the tables of one release period (src/domain/disclosure/joint.ts):
 * indicators that count the same persons (a shared denominator) publish the same perturbed
 * counts, so no sensitive count may be recoverable from all the tables together.
 * Quantities are identified by their records: a unit × sex count by its cell key and true count
 * (the same records give the same key; different ones collide with probability 2^-32), a total by
 * its parts. Hides, in place, whatever the joint pattern adds; returns how many cells that is.
 */
export interface ReleasePeriodTable {
  values: PublishedValue[];
  keyed: readonly KeyedCount[];
  perturbed: readonly UnitSexCount[];
  placements: ReadonlyMap<string, Placement>;
}

export function protectAcrossIndicators(tables: readonly ReleasePeriodTable[], threshold: number): number {
  const names = new QuantityNames();
  const joint = tables.map((t): JointTable => {
    const { parents, cells } = rollUp(t.perturbed, t.placements);
    const leaves = new Map(t.keyed.map((k) => [`${unitNode(k.unitId)}/${k.sex}`, k]));
    const denominatorOf = (k: KeyedCount) => `${k.denominatorKey}:${k.denominator}`;
    const valueOf = cells.map((_, i) => t.values[i] as PublishedValue);
    // rollUp orders its cells as publishTable does; check rather than trust it.
    cells.forEach((c, i) => {
      const v = valueOf[i] as PublishedValue;
      if (c.sex !== v.sex || c.node !== nodeOf(v.level, v.code))
        throw new Error(`release table of ${v.indicatorId} ${v.period}: cell ${i} is out of order`);
    });
    const leafName = (part: 'numerator' | 'denominator') => (node: string, sex: 'K' | 'M') => {
      const k = leaves.get(`${node}/${sex}`);
      if (!k) return undefined;
      // The node is part of the name: cells of different units never hold the same records.
      const records =
        part === 'denominator' ? denominatorOf(k) : `${k.numeratorKey}:${k.numerator}:${denominatorOf(k)}`;
      return `${node}/${sex}:${records}`;
    };
    return {
      parents,
      cells,
      numeratorIds: names.of(parents, cells, leafName('numerator')),
      denominatorIds: names.of(parents, cells, leafName('denominator')),
      numerators: cells.map((c) => c.numerator),
      denominators: cells.map((c) => c.denominator),
      hidden: new Set(valueOf.flatMap((v, i) => (v.status === 'suppressed' ? [i] : []))),
    };
  });
  const { added } = protectJointly(joint, threshold);
  let count = 0;
  added.forEach((cells, ti) => {
    const values = tables[ti]?.values ?? [];
    for (const ci of cells) {
      const v = values[ci] as PublishedValue;
      values[ci] = {
        ...v,
        numerator: null,
        denominator: null,
        rate: null,
        ciLower: null,
        ciUpper: null,
        status: 'suppressed',
      };
      count++;
    }
  });
  return count;
}
