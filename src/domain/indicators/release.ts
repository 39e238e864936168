/**
 * When releases are due, and how they are named. Pure; the module makes them.
 *
 * Cadence: `monthly` (default) makes a release at 00:00 UTC on the 1st of every month, which is
 * also the final release of every period that closed the day before (a month, a quarter, a year);
 * `weekly` on Mondays, `daily` at midnight; `manual` only on demand. With no release yet, one is
 * due at once.
 */
export const RELEASE_CADENCES = ['monthly', 'weekly', 'daily', 'manual'] as const;
export type ReleaseCadence = (typeof RELEASE_CADENCES)[number];

/** The first scheduled moment after `last` (null: none made yet, so due now; manual: never). */
export function nextReleaseAt(cadence: ReleaseCadence, last: Date | null, now: Date): Date | null {
  if (cadence === 'manual') return null;
  if (last === null) return now;
  const y = last.getUTCFullYear();
  const m = last.getUTCMonth();
  const d = last.getUTCDate();
  if (cadence === 'monthly') return new Date(Date.UTC(y, m + 1, 1));
  if (cadence === 'daily') return new Date(Date.UTC(y, m, d + 1));
  const weekday = (last.getUTCDay() + 6) % 7; // Monday 0
  return new Date(Date.UTC(y, m, d + 7 - weekday));
}

/** year.month.sequence, the sequence counting the releases made earlier in that month (from 1). */
export function releaseVersion(madeAt: Date, earlierThisMonth: number): string {
  const month = String(madeAt.getUTCMonth() + 1).padStart(2, '0');
  return `${madeAt.getUTCFullYear()}.${month}.${earlierThisMonth + 1}`;
}

/** The annual periods (years) that had closed by `madeAt`: their values in this release are final. */
export function closedPeriods(periods: readonly string[], madeAt: Date): string[] {
  const year = madeAt.getUTCFullYear();
  return periods.filter((p) => /^[0-9]{4}$/.test(p) && Number(p) < year);
}
