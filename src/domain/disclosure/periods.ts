/**
 * Disclosure across periods (issue #17, item 4). Counts are distinct persons per period, so a year
 * is not the sum of its months, but it is bounded by them: max(months) ≤ year ≤ Σ months. The
 * bounds pin a value exactly in two cases, which an insider who sees a year and its months (or
 * quarters) can use:
 * - the year, when every sub-period is visible and at most one is non-zero (year = that one);
 * - a sub-period, when the year is visible and every other sub-period is visible and zero
 *   (sub-period = year), or the year is a visible 0.
 * A pinned cell is known to the caller, so it must count as known when deciding what else they
 * see (known.ts). Numerator and denominator are pinned separately; a cell is pinned when both are.
 */
export interface PeriodCell {
  numerator: number | null;
  denominator: number | null;
  /** Shown to the caller (a cell absent from a sub-period's table is a visible zero). */
  visible: boolean;
}

const parts = ['numerator', 'denominator'] as const;
const valueOf = (c: PeriodCell, part: (typeof parts)[number]): number => c[part] ?? 0;

/** Whether the aggregate (year) is pinned by its sub-periods. */
export function aggregatePinned(subs: readonly PeriodCell[]): boolean {
  if (!subs.every((s) => s.visible)) return false;
  return parts.every((part) => subs.filter((s) => valueOf(s, part) !== 0).length <= 1);
}

/** Indices of the sub-periods pinned by a visible aggregate and the other visible sub-periods. */
export function subPeriodsPinned(aggregate: PeriodCell, subs: readonly PeriodCell[]): number[] {
  if (!aggregate.visible) return [];
  const pinned: number[] = [];
  subs.forEach((sub, j) => {
    if (sub.visible) return;
    const others = subs.filter((_, i) => i !== j);
    const pinnedIn = (part: (typeof parts)[number]) =>
      valueOf(aggregate, part) === 0 || others.every((o) => o.visible && valueOf(o, part) === 0);
    if (parts.every(pinnedIn)) pinned.push(j);
  });
  return pinned;
}
