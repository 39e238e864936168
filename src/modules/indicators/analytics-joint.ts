import { protectJointly, type JointTable } from '../../domain/disclosure/joint.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import type { OrgLevel } from '../../domain/indicators/rollup.js';
import type { PeriodType } from '../../domain/indicators/period.js';
import { quantityIds, sharingGroup } from '../../domain/indicators/quantity.js';
import type { DetailTable } from './analytics-detail.js';
import type { CellIntervals } from './analytics-periods.js';
import { boundedCallerPattern } from './caller-bounds.js';

/**
 * One caller's pattern over the live tables of one period that share a quantity (issue #17,
 * item 4, across indicators: K10001, K10008 and K10009 show the same persons served). Steps:
 * 1. each table's own caller pattern (caller-bounds.ts: own cells known, period intervals, exact
 *    check and bounds), with whatever step 2 added so far hidden too;
 * 2. the union of the group's tables over their shared quantities (domain/disclosure/joint.ts),
 *    the caller's own cells known: while a sensitive count outside their scope is determined or
 *    shown, one more quantity of its derivation is hidden in every table that shows it;
 * back to 1 until step 2 adds nothing. Hiding more never makes an unknown count determined, so
 * each table's own proof holds at the end, and the union's holds for the final patterns.
 */
export interface GroupMember {
  def: IndicatorDefinition;
  table: DetailTable;
  intervals: ReadonlyMap<string, CellIntervals>;
}

/** Per member, the indices of its cells hidden from the caller (known cells excluded). */
export function groupCallerPattern(
  members: readonly GroupMember[],
  known: (level: OrgLevel, code: string) => boolean,
): Set<number>[] {
  // A caller entitled to every cell (the nation's administrator) is hidden nothing.
  const knowsAll = members.every((m) =>
    [...m.table.index.keys()].every((key) => {
      const [level, code = ''] = key.split('|') as [OrgLevel, string];
      return known(level, code);
    }),
  );
  if (knowsAll) return members.map(() => new Set<number>());
  const alsoHidden = members.map(() => new Set<number>());
  for (;;) {
    const patterns = members.map((m, i) =>
      boundedCallerPattern(m.table, known, m.intervals, alsoHidden[i] as Set<number>),
    );
    const hidden = patterns.map((p) => p.hidden);
    if (members.length < 2) return hidden;
    const joint = members.map((m, i): JointTable => {
      const cells = m.table.cells;
      return {
        parents: m.table.parents,
        cells,
        ...quantityIds(m.def, cells),
        numerators: cells.map((c) => c.numerator),
        denominators: cells.map((c) => c.denominator),
        hidden: hidden[i] as Set<number>,
      };
    });
    const threshold = Math.max(...members.map((m) => m.table.threshold));
    // Known to the caller: their own cells and what other periods disclose (caller-bounds.ts).
    const { added } = protectJointly(joint, threshold, {
      known: patterns.map((p) => p.known),
      closeOwn: false,
    });
    let grew = false;
    added.forEach((cells, i) => {
      const set = alsoHidden[i] as Set<number>;
      for (const c of cells)
        if (!set.has(c)) {
          set.add(c);
          grew = true;
        }
    });
    if (!grew) return hidden;
  }
}

/** The definitions of one period type that share a quantity with `def` (itself included). */
export function groupOf(
  def: IndicatorDefinition,
  type: PeriodType,
  definitions: readonly IndicatorDefinition[],
): IndicatorDefinition[] {
  return sharingGroup(
    def,
    definitions.filter((d) => d.periodTypes.includes(type)),
  );
}
