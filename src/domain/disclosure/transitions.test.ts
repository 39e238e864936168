import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PERTURBATION } from './cellkey.js';
import { DEFAULT_THRESHOLD } from './primary.js';
import { transitionOdds } from './transitions.js';

/**
 * The differencing attack of issue #17 for every cell transition: two consecutive releases around
 * one registration, an outsider who knows the true count before (worst case) and sees the cell,
 * exactly (through a total) or as published. Small counts, zero above all, must be no more
 * exposed than a large count is.
 */
describe('differencing one cell across two releases, for every true count', () => {
  const large = transitionOdds(PERTURBATION, DEFAULT_THRESHOLD, 100);

  it('a large count: the best guess is right 22/32 of the time, certain 2/32', () => {
    assert.deepEqual(large.exact, { accuracy: 22 / 32, certain: 2 / 32 });
  });

  for (let n = 0; n <= DEFAULT_THRESHOLD + 3; n++) {
    it(`a cell of ${n} that the person may join reveals no more than a large count`, () => {
      const { exact, published } = transitionOdds(PERTURBATION, DEFAULT_THRESHOLD, n);
      for (const [view, o] of [
        ['exact', exact],
        ['published', published],
      ] as const) {
        assert.ok(o.accuracy <= large.exact.accuracy, `${view}: accuracy ${o.accuracy} for n = ${n}`);
        assert.ok(o.certain <= large.exact.certain, `${view}: certain ${o.certain} for n = ${n}`);
      }
    });
  }

  it('a published 0 that may turn "..": the guess is right 22/32, never certain', () => {
    assert.deepEqual(transitionOdds(PERTURBATION, DEFAULT_THRESHOLD, 0).published, {
      accuracy: 22 / 32,
      certain: 0,
    });
  });
});
