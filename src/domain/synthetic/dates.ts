/**
 * Dates as whole days since 1970-01-01 (UTC), so the generator can add and compare them cheaply;
 * ISO strings only at the edges.
 */
const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

// The generator formats the same few thousand days over and over; Date is slow for that.
const CACHE_OFFSET = 40_000;
const isoCache: Array<string | undefined> = new Array<string | undefined>(2 * CACHE_OFFSET);

export function isoOf(day: number): string {
  const slot = day + CACHE_OFFSET;
  const cached = isoCache[slot];
  if (cached !== undefined) return cached;
  const iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (slot >= 0 && slot < isoCache.length) isoCache[slot] = iso;
  return iso;
}

/** Infinite end of an open validity; compares above every real day. */
export const OPEN = Number.POSITIVE_INFINITY;

export function dayOrOpen(iso: string): number {
  return iso === 'infinity' ? OPEN : dayOf(iso);
}

export function isoOrInfinity(day: number): string {
  return day === OPEN ? 'infinity' : isoOf(day);
}

export const DAYS_PER_YEAR = 365.25;

/** A submission time on the given day, between 07:00 and 16:59 UTC, never after `latest`. */
export function timestampOn(day: number, minuteOfDay: number, latest: number): string {
  const minutes = 7 * 60 + (minuteOfDay % (10 * 60));
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${isoOf(Math.min(day, latest))}T${hh}:${mm}:00.000Z`;
}
