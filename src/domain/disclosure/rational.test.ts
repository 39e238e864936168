import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Rational } from './rational.js';

describe('Rational', () => {
  it('normalises sign and common factors', () => {
    const cases: [bigint | number, bigint | number, string][] = [
      [6, 4, '3/2'],
      [-6, 4, '-3/2'],
      [6, -4, '-3/2'],
      [-6, -4, '3/2'],
      [0, -7, '0'],
      [10n, 5n, '2'],
      [2n ** 70n, 2n ** 69n, '2'],
    ];
    for (const [n, d, expected] of cases) assert.equal(Rational.of(n, d).toString(), expected);
    assert.ok(Rational.of(2, 4).equals(Rational.of(-3, -6)));
  });

  it('does exact arithmetic', () => {
    const third = Rational.of(1, 3);
    assert.equal(third.add(third).add(third).toString(), '1');
    assert.equal(third.sub(Rational.of(1, 2)).toString(), '-1/6');
    assert.equal(third.mul(Rational.of(3, 5)).toString(), '1/5');
    assert.equal(third.div(Rational.of(-2, 3)).toString(), '-1/2');
    assert.equal(Rational.of(7).neg().toString(), '-7');
    assert.ok(Rational.of(3, 4).sub(Rational.of(6, 8)).isZero());
    assert.equal(Rational.of(-3, 4).toNumber(), -0.75);
    assert.ok(Rational.of(4, 2).isInteger());
  });

  it('rejects a zero denominator and unsafe numbers', () => {
    assert.throws(() => Rational.of(1, 0), RangeError);
    assert.throws(() => Rational.ONE.div(Rational.ZERO), RangeError);
    assert.throws(() => Rational.of(0.5), RangeError);
    assert.throws(() => Rational.of(2 ** 60), RangeError);
  });
});
