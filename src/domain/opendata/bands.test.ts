import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bandValues, byRank, type Band, type Direction } from './bands.js';

const bands = (values: Array<number | null>, direction: Direction = 'higher', best = 0.25, worst = 0.25) =>
  bandValues(
    values.map((value, i) => ({ id: i, value })),
    direction,
    { best, worst },
  ).map((b) => b.band);

const B: Band = 'best';
const M: Band = 'middle';
const W: Band = 'worst';
const X: Band = 'missing';

describe('colour bands of open comparisons', () => {
  const cases: Array<{ name: string; values: Array<number | null>; direction?: Direction; want: Band[] }> = [
    { name: 'n = 4: one best, two middle, one worst', values: [4, 3, 2, 1], want: [B, M, M, W] },
    { name: 'n = 4, lower is better', values: [4, 3, 2, 1], direction: 'lower', want: [W, M, M, B] },
    // A quarter of 5 is 1.25: rank 1 is inside, rank 2 outside.
    { name: 'n = 5: rank 2 is past the quarter', values: [5, 4, 3, 2, 1], want: [B, M, M, M, W] },
    // A quarter of 8 is exactly 2: rank 2 is on the boundary and inside, rank 3 outside.
    {
      name: 'n = 8: the boundary rank (2) is inside the quarter',
      values: [8, 7, 6, 5, 4, 3, 2, 1],
      want: [B, B, M, M, M, M, W, W],
    },
    {
      name: 'n = 7: a quarter is 1.75, so one each end',
      values: [1, 2, 3, 4, 5, 6, 7],
      want: [W, M, M, M, M, M, B],
    },
    { name: 'n = 3: a quarter is under one, so all middle', values: [3, 2, 1], want: [M, M, M] },
    {
      name: 'ties share the better rank: both 9s are best of 8',
      values: [9, 9, 8, 7, 6, 5, 4, 3],
      want: [B, B, M, M, M, M, W, W],
    },
    {
      name: 'a tie across the boundary: three 9s of 8 all rank 1 and are all best',
      values: [9, 9, 9, 7, 6, 5, 4, 3],
      want: [B, B, B, M, M, M, W, W],
    },
    {
      name: 'a tie just past the boundary (rank 3 of 8) stays middle',
      values: [10, 9, 8, 8, 6, 5, 4, 3],
      want: [B, B, M, M, M, M, W, W],
    },
    { name: 'all equal: best and worst at once, so middle', values: [5, 5, 5, 5], want: [M, M, M, M] },
    {
      name: 'missing values are grey and do not count in n',
      values: [null, 4, 3, null, 2, 1],
      want: [X, B, M, X, M, W],
    },
    { name: 'no values at all', values: [null, null], want: [X, X] },
    { name: 'zero is a value', values: [0, 1, 2, 3], direction: 'lower', want: [B, M, M, W] },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(bands(c.values, c.direction), c.want));
  }

  it('an indicator without direction is split by size (top, middle, bottom), not better or worse', () => {
    assert.deepEqual(bands([4, 3, 2, 1], 'none'), ['top', M, M, 'bottom']);
  });

  it('shares are configurable: a fifth at each end of 10', () => {
    assert.deepEqual(bands([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 'higher', 0.2, 0.2), [
      B,
      B,
      M,
      M,
      M,
      M,
      M,
      M,
      W,
      W,
    ]);
  });

  it('290 municipalities: ranks 1–72 best (72.5 is a quarter), 219–290 worst', () => {
    const values = Array.from({ length: 290 }, (_, i) => 290 - i);
    const got = bands(values);
    assert.equal(got.filter((b) => b === B).length, 72);
    assert.equal(got.filter((b) => b === W).length, 72);
    assert.equal(got[71], B);
    assert.equal(got[72], M);
    assert.equal(got[217], M);
    assert.equal(got[218], W);
  });

  it('ranks competition style and keeps the input order; byRank puts missing last', () => {
    const r = bandValues(
      [
        { id: 'a', value: 2 },
        { id: 'b', value: null },
        { id: 'c', value: 5 },
        { id: 'd', value: 5 },
      ],
      'higher',
    );
    assert.deepEqual(
      r.map((x) => [x.id, x.rank]),
      [
        ['a', 3],
        ['b', null],
        ['c', 1],
        ['d', 1],
      ],
    );
    assert.deepEqual(
      [...r].sort(byRank).map((x) => x.id),
      ['c', 'd', 'a', 'b'],
    );
  });
});
