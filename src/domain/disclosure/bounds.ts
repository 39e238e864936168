/**
 * Interval (bounds) disclosure (issue #17): a hidden count need not be recovered exactly to be
 * given away; a feasible interval narrow enough tells it within a person or two. Counts are
 * integers ≥ 0; what a caller sees fixes some of them, and two kinds of relation bound the rest:
 * - within a table, total = Σ parts (relations.ts);
 * - across periods, counts are distinct persons per period, so max(subs) ≤ aggregate ≤ Σ subs
 *   (a year and its months or quarters, a quarter and its months).
 *
 * `propagateBounds` tightens intervals over the table relations to a fixed point (bounds
 * consistency, in integers). It is sound (the true values always stay inside) but may be looser
 * than linear programming where relations form cycles (T = K + M across the hierarchy), so it
 * finds disclosures rather than proving their absence; the period bounds are exact for one
 * aggregate and its sub-periods.
 *
 * Protection rule: a hidden count from 1 to threshold − 1 is disclosed when its feasible interval
 * does not reach `protection` below and above the true value (lo > v − p or hi < v + p); any
 * hidden count is disclosed when its interval is a single value.
 */
import type { Relation } from './relations.js';

export interface Interval {
  lo: number;
  /** Infinity when nothing bounds it from above. */
  hi: number;
}

export const UNKNOWN: Interval = { lo: 0, hi: Infinity };
export const exactly = (value: number): Interval => ({ lo: value, hi: value });

/** How far below and above a small count its interval must reach; ±1 by default. */
export const DEFAULT_PROTECTION = 1;

export function intervalDisclosed(
  interval: Interval,
  value: number,
  threshold: number,
  protection = DEFAULT_PROTECTION,
): boolean {
  if (interval.lo === interval.hi) return true;
  if (value < 1 || value >= threshold) return false;
  return interval.lo > value - protection || interval.hi < value + protection;
}

/** The aggregate of distinct persons over its sub-periods: max(subs) ≤ aggregate ≤ Σ subs. */
export function aggregateInterval(subs: readonly Interval[]): Interval {
  if (subs.length === 0) return exactly(0);
  return {
    lo: Math.max(...subs.map((s) => s.lo)),
    hi: subs.reduce((sum, s) => sum + s.hi, 0),
  };
}

/** One sub-period given its aggregate and the other sub-periods: aggregate − Σ others ≤ sub ≤ aggregate. */
export function subPeriodInterval(aggregate: Interval, others: readonly Interval[]): Interval {
  const othersHi = others.reduce((sum, s) => sum + s.hi, 0);
  return { lo: Math.max(0, aggregate.lo - othersHi), hi: aggregate.hi };
}

export const intersect = (a: Interval, b: Interval): Interval => ({
  lo: Math.max(a.lo, b.lo),
  hi: Math.min(a.hi, b.hi),
});

/**
 * Tightens every cell's interval by its relations until nothing changes: a total lies within the
 * sums of its parts' bounds, a part within the total's bounds minus the others'. Returns new
 * intervals; throws if the start intervals contradict the relations.
 */
export function propagateBounds(relations: readonly Relation[], start: readonly Interval[]): Interval[] {
  const bounds = start.map((b) => ({ ...b }));
  const byCell = new Map<number, number[]>();
  relations.forEach((r, i) => {
    for (const c of [r.total, ...r.parts]) byCell.set(c, [...(byCell.get(c) ?? []), i]);
  });
  const queue = relations.map((_, i) => i);
  const queued = new Set(queue);
  const tighten = (cell: number, next: Interval): void => {
    const now = bounds[cell] as Interval;
    const lo = Math.max(now.lo, Math.ceil(next.lo));
    const hi = Math.min(now.hi, Math.floor(next.hi));
    if (lo > hi) throw new Error(`the bounds of cell ${cell} contradict the relations`);
    if (lo === now.lo && hi === now.hi) return;
    bounds[cell] = { lo, hi };
    for (const r of byCell.get(cell) ?? [])
      if (!queued.has(r)) {
        queued.add(r);
        queue.push(r);
      }
  };
  while (queue.length > 0) {
    const ri = queue.shift() as number;
    queued.delete(ri);
    const r = relations[ri] as Relation;
    const parts = r.parts.map((p) => bounds[p] as Interval);
    const lo = parts.reduce((s, b) => s + b.lo, 0);
    const unbounded = parts.filter((b) => b.hi === Infinity).length;
    const finiteHi = parts.reduce((s, b) => (b.hi === Infinity ? s : s + b.hi), 0);
    tighten(r.total, { lo, hi: unbounded > 0 ? Infinity : finiteHi });
    const total = bounds[r.total] as Interval;
    r.parts.forEach((p, k) => {
      const part = parts[k] as Interval;
      const othersUnbounded = unbounded - (part.hi === Infinity ? 1 : 0) > 0;
      const othersHi = othersUnbounded ? Infinity : finiteHi - (part.hi === Infinity ? 0 : part.hi);
      tighten(p, { lo: total.lo - othersHi, hi: total.hi - (lo - part.lo) });
    });
  }
  return bounds;
}
