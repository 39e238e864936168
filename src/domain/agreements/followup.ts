/**
 * Where a municipality stands against a goal's level that counts as met: met at or above it,
 * close within CLOSE_POINTS percentage points below it, far below that; unknown when the public
 * value is suppressed (the follow-up shows released values only).
 */
export const CLOSE_POINTS = 10;
export type Standing = 'met' | 'close' | 'far' | 'unknown';

export function standing(ratePercent: number | null, metAtPercent: number): Standing {
  if (ratePercent === null) return 'unknown';
  if (ratePercent >= metAtPercent) return 'met';
  return ratePercent >= metAtPercent - CLOSE_POINTS ? 'close' : 'far';
}
