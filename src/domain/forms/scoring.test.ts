import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition, type Condition } from './condition.js';
import { roundHalfUp } from './expression.js';
import { sampleForm } from './sample-form.js';
import { bandFor, computeValues, itemPoints } from './scoring.js';
import { migrateAnswers } from './versioning.js';

describe('computed values', () => {
  it('computes BMI rounded half up and risk points', () => {
    assert.deepEqual(
      computeValues(sampleForm, {
        weight: 70,
        height: 175,
        living: 'alone',
        support: ['homeCare', 'relatives'],
      }),
      {
        bmi: 22.9,
        riskPoints: 4,
      },
    );
  });

  it('yields null, never 0, when an operand is missing, unless coalesce says otherwise', () => {
    assert.deepEqual(computeValues(sampleForm, { weight: 70 }), { bmi: null, riskPoints: null });
    assert.deepEqual(computeValues(sampleForm, { living: 'other' }), { bmi: null, riskPoints: 1 });
  });

  it('gives points per scored choice item', () => {
    assert.deepEqual(itemPoints(sampleForm, { living: 'other', support: ['none'] }), {
      living: 1,
      support: 0,
    });
  });

  it('rounds half away from zero despite binary fractions', () => {
    assert.equal(roundHalfUp(1.005, 2), 1.01);
    assert.equal(roundHalfUp(22.85, 1), 22.9);
    assert.equal(roundHalfUp(-2.5, 0), -3);
  });

  it('finds the band for a total with closed bounds', () => {
    const bands = [
      { code: 'low', min: 0, max: 4 },
      { code: 'high', min: 5, max: 9 },
    ] as const;
    assert.equal(bandFor(4, bands).code, 'low');
    assert.equal(bandFor(5, bands).code, 'high');
    assert.throws(() => bandFor(10, bands), RangeError);
  });
});

describe('conditions', () => {
  const lookup = (answers: Record<string, string | number | boolean | string[]>) => (id: string) =>
    answers[id];
  const cases: [Condition, Record<string, string | number | boolean | string[]>, boolean][] = [
    [{ item: 'a', op: 'notEquals', value: 'x' }, {}, true],
    [{ item: 'a', op: 'notEquals', value: 'x' }, { a: 'x' }, false],
    [{ item: 'a', op: 'equals', value: 'x' }, { a: ['y', 'x'] }, true],
    [{ item: 'a', op: 'in', values: ['x', 'y'] }, {}, false],
    [{ item: 'a', op: 'exists', value: false }, {}, true],
    [{ item: 'a', op: 'lte', value: 3 }, { a: 3 }, true],
    [{ item: 'a', op: 'lt', value: 3 }, { a: 3 }, false],
    [{ item: 'a', op: 'gte', value: '2024-01-01' }, { a: '2024-01-01' }, true],
    [{ item: 'a', op: 'gt', value: 3 }, { a: '4' }, false],
    [
      {
        any: [
          { item: 'a', op: 'exists', value: true },
          { item: 'b', op: 'equals', value: true },
        ],
      },
      { b: true },
      true,
    ],
    [
      {
        all: [
          { item: 'a', op: 'exists', value: true },
          { item: 'b', op: 'equals', value: true },
        ],
      },
      { b: true },
      false,
    ],
  ];
  cases.forEach(([condition, answers, expected], n) =>
    it(`case ${n + 1}: ${JSON.stringify(condition)} with ${JSON.stringify(answers)} → ${expected}`, () => {
      assert.equal(evaluateCondition(condition, lookup(answers)), expected);
    }),
  );
});

describe('migrateAnswers', () => {
  it('moves renamed items, drops removed ones and keeps the rest', () => {
    assert.deepEqual(migrateAnswers(sampleForm, { cigs: 12, alcohol: true, smoker: true }), {
      answers: { cigarettes: 12, smoker: true },
      unresolved: [],
      dropped: ['alcohol'],
    });
  });
});
