import type { Random } from '../random.js';

/** Distributions over the project's seeded PRNG (src/domain/random.ts). */

export function normal(rng: Random, mean = 0, sd = 1): number {
  // Box–Muller; 1 - next() keeps the logarithm away from 0.
  const u = 1 - rng.next();
  const v = rng.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
export const logit = (p: number): number => Math.log(p / (1 - p));

/** Index drawn with probability proportional to its weight. */
export function weightedIndex(rng: Random, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

export function weighted<T>(rng: Random, items: readonly (readonly [T, number])[]): T {
  const i = weightedIndex(
    rng,
    items.map(([, w]) => w),
  );
  return (items[i] as readonly [T, number])[0];
}

/** Exponential waiting time (in the unit of 1/rate); Infinity when the rate is 0. */
export function exponential(rng: Random, rate: number): number {
  return rate <= 0 ? Number.POSITIVE_INFINITY : -Math.log(1 - rng.next()) / rate;
}

/** Event days of a Poisson process with `perYear` events a year over [from, to). */
export function poissonDays(rng: Random, perYear: number, from: number, to: number): number[] {
  const days: number[] = [];
  const rate = perYear / 365.25;
  for (let t = from + exponential(rng, rate); t < to; t += exponential(rng, rate)) days.push(Math.floor(t));
  return days;
}

/** A level 0..thresholds.length: how many ascending thresholds the value reaches. */
export function level(value: number, thresholds: readonly number[]): number {
  let n = 0;
  for (const t of thresholds) if (value >= t) n++;
  return n;
}
