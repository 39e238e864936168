import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  KEY_SPACE,
  PERTURBATION,
  addKeys,
  differencingOdds,
  noisyInterval,
  perturbCount,
  perturbationOf,
  perturbationRow,
  sumKeys,
} from './cellkey.js';

const at = (fraction: number) => Math.floor(fraction * KEY_SPACE);

describe('cell key method', () => {
  it('sums record keys modulo 2^32, in any order', () => {
    assert.equal(sumKeys([]), 0);
    assert.equal(sumKeys([KEY_SPACE - 1, 1]), 0);
    assert.equal(sumKeys([KEY_SPACE - 1, 2, 5]), 6);
    assert.equal(sumKeys([5, 2, KEY_SPACE - 1]), 6);
    assert.equal(addKeys(KEY_SPACE - 3, 7), 4);
  });

  it('maps cell keys to perturbations at the cumulative boundaries (full row)', () => {
    const cases: Array<[key: number, d: number]> = [
      [0, -2],
      [at(1 / 16) - 1, -2],
      [at(1 / 16), -1],
      [at(5 / 16) - 1, -1],
      [at(5 / 16), 0],
      [at(11 / 16) - 1, 0],
      [at(11 / 16), 1],
      [at(15 / 16) - 1, 1],
      [at(15 / 16), 2],
      [KEY_SPACE - 1, 2],
    ];
    for (const [key, d] of cases) assert.equal(perturbationOf(PERTURBATION, 10, key), d, `key ${key}`);
  });

  it('perturbs zero like any count and never below 0', () => {
    assert.deepEqual(perturbationRow(PERTURBATION, 0), [
      { d: 0, weight: 11 },
      { d: 1, weight: 4 },
      { d: 2, weight: 1 },
    ]);
    assert.deepEqual(perturbationRow(PERTURBATION, 1), [
      { d: -1, weight: 5 },
      { d: 0, weight: 6 },
      { d: 1, weight: 4 },
      { d: 2, weight: 1 },
    ]);
    assert.equal(perturbationRow(PERTURBATION, 2).length, 5);
    const cases: Array<[count: number, key: number, d: number]> = [
      [0, 0, 0],
      [0, at(11 / 16) - 1, 0],
      [0, at(11 / 16), 1],
      [0, KEY_SPACE - 1, 2],
      [1, 0, -1],
      [1, at(5 / 16) - 1, -1],
      [1, at(5 / 16), 0],
      [2, 0, -2],
    ];
    for (const [count, key, d] of cases) assert.equal(perturbationOf(PERTURBATION, count, key), d);
  });

  it('has mean 0 and variance 1 in the full row', () => {
    const row = perturbationRow(PERTURBATION, 50);
    const mean = row.reduce((s, r) => s + (r.d * r.weight) / 16, 0);
    const variance = row.reduce((s, r) => s + (r.d * r.d * r.weight) / 16, 0);
    assert.equal(mean, 0);
    assert.equal(variance, 1);
  });

  it('rejects keys outside the key space', () => {
    assert.throws(() => perturbationOf(PERTURBATION, 3, KEY_SPACE), RangeError);
    assert.throws(() => perturbationOf(PERTURBATION, 3, -1), RangeError);
    assert.throws(() => perturbationRow(PERTURBATION, -1), RangeError);
  });

  it('caps the perturbed numerator at the perturbed denominator', () => {
    // numerator 9 + 2, denominator 10 − 2
    assert.deepEqual(
      perturbCount(PERTURBATION, {
        numerator: 9,
        denominator: 10,
        numeratorKey: KEY_SPACE - 1,
        denominatorKey: 0,
      }),
      { numerator: 8, denominator: 8 },
    );
    assert.deepEqual(
      perturbCount(PERTURBATION, { numerator: 0, denominator: 7, numeratorKey: 0, denominatorKey: at(0.5) }),
      { numerator: 0, denominator: 7 },
    );
  });

  it('widens the interval by the noise of the cells under a node', () => {
    const wilson = { lower: 0.4, upper: 0.6 };
    assert.deepEqual(noisyInterval(PERTURBATION, wilson, 50, 100, 0), { lower: 0.4, upper: 0.6 });
    const wide = noisyInterval(PERTURBATION, wilson, 50, 100, 8);
    assert.ok(wide.lower < 0.4 && wide.upper > 0.6);
    // 8 cells, variance 1: sd of the rate = sqrt(8 · 1.25) / 100 ≈ 0.0316
    assert.ok(Math.abs(0.5 - wide.lower - Math.sqrt(0.01 + 1.959964 ** 2 * 0.001)) < 1e-12);
  });
});

describe('differencing two releases around one registration', () => {
  it('leaves the outcome a near coin toss: 326/512 accuracy, certain in 2/512 of cases', () => {
    const { change, accuracy, certain } = differencingOdds(PERTURBATION);
    assert.equal(accuracy, 326 / 512);
    assert.equal(certain, 2 / 512);
    // A change of −4 happens only if the person is not in the numerator, +5 only if they are.
    assert.deepEqual(change.get(-4), { ifOut: 1 / 256, ifIn: 0 });
    assert.deepEqual(change.get(5), { ifOut: 0, ifIn: 1 / 256 });
    assert.deepEqual(change.get(0), { ifOut: 70 / 256, ifIn: 56 / 256 });
    assert.deepEqual([...change.keys()], [-4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
  });
});
