/**
 * Colour bands of open comparisons, as Kolada colours a municipality against all others: the
 * best quarter green, the middle half yellow, the worst quarter red, no value grey. The colour
 * says where a municipality stands among the others, not whether its result is good.
 *
 * The rule, by competition rank (ties share the better rank, "1, 2, 2, 4"): a value is in the
 * best band when its rank from the best end is at most `best` × n (n = the values compared),
 * in the worst band when its rank from the worst end is at most `worst` × n, otherwise in the
 * middle. A value that qualifies for both (only possible with ties, e.g. all values equal) is in
 * the middle. An indicator without a direction ("none") gets the same split by size instead
 * (top / middle / bottom), which says nothing about better or worse.
 */
export type Direction = 'higher' | 'lower' | 'none';

/** best/worst: directed indicators; top/bottom: undirected ones; missing: no published value. */
export type Band = 'best' | 'middle' | 'worst' | 'top' | 'bottom' | 'missing';

export interface BandShares {
  /** Share of the values in the best (or top) band, 0–0.5. */
  best: number;
  /** Share of the values in the worst (or bottom) band, 0–0.5. */
  worst: number;
}

/** Kolada's split: a quarter, a half, a quarter. */
export const DEFAULT_BAND_SHARES: Readonly<BandShares> = { best: 0.25, worst: 0.25 };

export interface Banded<Id> {
  id: Id;
  value: number | null;
  /** 1 = best (or largest, without a direction); null without a value. */
  rank: number | null;
  band: Band;
}

/**
 * Ranks and bands every item; the answer keeps the input order. Only finite numbers count as
 * values (suppressed and not-stated values are null and come out as "missing").
 */
export function bandValues<Id>(
  items: ReadonlyArray<{ id: Id; value: number | null }>,
  direction: Direction,
  shares: Readonly<BandShares> = DEFAULT_BAND_SHARES,
): Array<Banded<Id>> {
  const values = items
    .map((i) => i.value)
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort((a, b) => a - b);
  const n = values.length;
  // Larger is better unless the indicator says lower; "none" ranks from the largest.
  const sign = direction === 'lower' ? -1 : 1;
  return items.map((item) => {
    const v = item.value;
    if (v === null || !Number.isFinite(v)) return { id: item.id, value: null, rank: null, band: 'missing' };
    const below = lowerBound(values, v);
    const above = n - upperBound(values, v);
    const better = sign > 0 ? above : below;
    const worse = sign > 0 ? below : above;
    const inBest = better + 1 <= shares.best * n;
    const inWorst = worse + 1 <= shares.worst * n;
    let band: Band = 'middle';
    if (inBest !== inWorst) {
      if (direction === 'none') band = inBest ? 'top' : 'bottom';
      else band = inBest ? 'best' : 'worst';
    }
    return { id: item.id, value: v, rank: better + 1, band };
  });
}

/** Index of the first element ≥ v in an ascending array. */
function lowerBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > v in an ascending array. */
function upperBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Items sorted for a ranking table: by rank, then by the given tie-breaker; missing last. */
export function byRank<T extends { rank: number | null }>(a: T, b: T): number {
  if (a.rank === null) return b.rank === null ? 0 : 1;
  if (b.rank === null) return -1;
  return a.rank - b.rank;
}
