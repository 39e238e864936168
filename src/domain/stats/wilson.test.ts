import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Z_95, proportion, rateWithInterval, wilsonInterval } from './wilson.js';

// Expected bounds computed independently from the closed form in 40-digit decimal arithmetic
// (Python decimal; z = 1.959963984540054, z² = 3.841458820694125...), rounded to doubles. Closed forms at the edges:
// 0/n → upper = z²/(n + z²); n/n → lower = n/(n + z²).
const cases: { x: number; n: number; lower: number; upper: number }[] = [
  { x: 0, n: 10, lower: 0, upper: 0.2775327998628892 },
  { x: 10, n: 10, lower: 0.7224672001371109, upper: 1 },
  { x: 1, n: 1, lower: 0.20654931437723742, upper: 1 },
  { x: 0, n: 1, lower: 0, upper: 0.7934506856227626 },
  { x: 5, n: 10, lower: 0.236593090512564, upper: 0.763406909487436 },
  { x: 1, n: 5, lower: 0.03622410863243017, upper: 0.6244653702374747 },
  { x: 4, n: 5, lower: 0.37553462976252533, upper: 0.9637758913675698 },
  { x: 3, n: 7, lower: 0.1582198552514697, upper: 0.7495416354723428 },
  { x: 81, n: 263, lower: 0.2552885198782742, upper: 0.36620957698280004 },
  { x: 500000, n: 1000000, lower: 0.4990200198900048, upper: 0.5009799801099952 },
  { x: 1, n: 1000000, lower: 1.765245767453715e-7, upper: 5.664911804311442e-6 },
  { x: 999999, n: 1000000, lower: 0.9999943350881957, upper: 0.9999998234754233 },
];

const close = (actual: number, expected: number): void =>
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected) + 1e-15, `${actual} ≠ ${expected}`);

describe('wilsonInterval', () => {
  for (const c of cases) {
    it(`${c.x}/${c.n} → [${c.lower}, ${c.upper}]`, () => {
      const interval = wilsonInterval(c.x, c.n);
      assert.ok(interval);
      close(interval.lower, c.lower);
      close(interval.upper, c.upper);
    });
  }

  it('is exactly 0 at 0/n and exactly 1 at n/n', () => {
    for (const n of [1, 2, 3, 7, 10, 99, 1000, 123457]) {
      assert.equal(wilsonInterval(0, n)?.lower, 0);
      assert.equal(wilsonInterval(n, n)?.upper, 1);
      close(wilsonInterval(0, n)?.upper ?? NaN, (Z_95 * Z_95) / (n + Z_95 * Z_95));
      close(wilsonInterval(n, n)?.lower ?? NaN, n / (n + Z_95 * Z_95));
    }
  });

  it('is null for 0/0', () => {
    assert.equal(wilsonInterval(0, 0), null);
    assert.equal(rateWithInterval(0, 0), null);
  });

  it('contains the rate and stays inside [0, 1]', () => {
    for (let n = 1; n <= 60; n++) {
      for (let x = 0; x <= n; x++) {
        const i = wilsonInterval(x, n);
        assert.ok(i && i.lower >= 0 && i.upper <= 1 && i.lower <= x / n && x / n <= i.upper);
      }
    }
  });

  it('rejects impossible counts', () => {
    assert.throws(() => wilsonInterval(-1, 5), RangeError);
    assert.throws(() => wilsonInterval(6, 5), RangeError);
    assert.throws(() => wilsonInterval(Number.NaN, 5), RangeError);
    assert.throws(() => proportion(1, Number.POSITIVE_INFINITY), RangeError);
  });
});

describe('proportion and rateWithInterval', () => {
  it('gives the rate, null for a zero denominator', () => {
    assert.equal(proportion(3, 4), 0.75);
    assert.equal(proportion(0, 4), 0);
    assert.equal(proportion(0, 0), null);
    const r = rateWithInterval(5, 10);
    assert.equal(r?.rate, 0.5);
    close(r?.lower ?? NaN, 0.236593090512564);
  });
});
