/**
 * Proportions and their 95 % Wilson score interval (Wilson 1927). Unlike the normal (Wald)
 * interval it stays inside [0, 1] and is sensible for small counts and for 0/n and n/n, which
 * are common in unit-level indicators.
 *
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z · √(p(1 − p)/n + z²/4n²) / (1 + z²/n)
 */

/** Two-sided 95 % standard normal quantile, Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

export interface RateWithInterval extends Interval {
  rate: number;
}

/** numerator / denominator, or null when the denominator is 0 (no rate exists). */
export function proportion(numerator: number, denominator: number): number | null {
  checkCounts(numerator, denominator);
  return denominator === 0 ? null : numerator / denominator;
}

/** The Wilson score interval for numerator/denominator, or null when the denominator is 0. */
export function wilsonInterval(numerator: number, denominator: number, z: number = Z_95): Interval | null {
  checkCounts(numerator, denominator);
  if (!(Number.isFinite(z) && z > 0)) throw new RangeError(`z must be a positive number, got ${z}`);
  if (denominator === 0) return null;
  const n = denominator;
  const p = numerator / n;
  const z2 = z * z;
  const scale = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / scale;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / scale;
  // At the edges the bound is exactly 0 or 1; the formula only reaches it up to rounding.
  const lower = numerator === 0 ? 0 : Math.max(0, centre - half);
  const upper = numerator === denominator ? 1 : Math.min(1, centre + half);
  return { lower, upper };
}

/** The rate and its 95 % Wilson interval together, or null when the denominator is 0. */
export function rateWithInterval(numerator: number, denominator: number): RateWithInterval | null {
  const interval = wilsonInterval(numerator, denominator);
  return interval === null ? null : { rate: numerator / denominator, ...interval };
}

function checkCounts(numerator: number, denominator: number): void {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator)) {
    throw new RangeError(`counts must be finite numbers, got ${numerator}/${denominator}`);
  }
  if (numerator < 0 || denominator < 0) {
    throw new RangeError(`counts must not be negative, got ${numerator}/${denominator}`);
  }
  if (numerator > denominator) {
    throw new RangeError(`numerator ${numerator} exceeds denominator ${denominator}`);
  }
}
