import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyTable } from '../disclosure/verify.js';
import { hiddenNodes } from './disclose.js';
import { positiveShare, responseRate, tallyAnswers } from './results.js';
import { surveyTable } from './table.js';
import { ELDERLY_CARE } from './templates.js';

const overall = (...codes: (string | undefined)[]): Record<string, string>[] =>
  codes.map((c): Record<string, string> => (c === undefined ? {} : { 'ec.overall': c }));

describe('share of positive answers', () => {
  const cases: [string, Record<string, string>[], number, number, number | null][] = [
    // name, answer sets, respondents, answered, share
    ['nobody', [], 0, 0, null],
    ['only "don\'t know"', overall('dk', 'dk'), 2, 0, null],
    ['"don\'t know" leaves the denominator', overall('4', '1', 'dk'), 3, 2, 1 / 2],
    ['a skipped question counts nowhere', overall('3', undefined), 2, 1, 1],
    ['the two best steps are positive', overall('4', '3', '2', '1'), 4, 4, 2 / 4],
    ['all negative', overall('2', '1'), 2, 2, 0],
  ];
  for (const [name, sets, respondents, answered, share] of cases) {
    it(name, () => {
      const counts = tallyAnswers(ELDERLY_CARE, sets);
      const tally = counts.measures['q:ec.overall'];
      assert.equal(counts.respondents, respondents);
      assert.equal(tally?.answered, answered);
      assert.equal(tally ? positiveShare(tally) : undefined, share);
      assert.deepEqual(counts.measures['t:overall'], tally, 'a one-question theme equals its question');
    });
  }

  const rates: [number, number, number | null][] = [
    [0, 0, null],
    [0, 10, 0],
    [5, 10, 0.5],
    [10, 10, 1],
  ];
  for (const [answers, codes, rate] of rates) {
    it(`response rate ${answers}/${codes}`, () => assert.equal(responseRate(answers, codes), rate));
  }
});

describe('survey disclosure control', () => {
  const parents = new Map<string, string | null>([
    ['Ua', 'M1'],
    ['Ub', 'M1'],
    ['Uc', 'M1'],
    ['M1', 'R1'],
    ['R1', 'nation'],
    ['nation', null],
  ]);
  const table = (a: number, b: number, c: number) =>
    new Map([
      ['Ua', a],
      ['Ub', b],
      ['Uc', c],
      ['M1', a + b + c],
      ['R1', a + b + c],
      ['nation', a + b + c],
    ]);
  const cases: [string, [number, number, number], number, string[]][] = [
    ['all at the minimum are shown', [5, 5, 5], 5, []],
    ['zero respondents is not hidden', [0, 5, 6], 5, []],
    ['4 is below 5: hidden, and the next smallest with it', [4, 6, 7], 5, ['Ua', 'Ub']],
    ['1 is below 5', [1, 9, 9], 5, ['Ua', 'Ub']],
    ['a minimum of 7 is honoured', [6, 7, 8], 7, ['Ua', 'Ub']],
    ['two small units protect each other', [2, 3, 9], 5, ['Ua', 'Ub']],
  ];
  for (const [name, [a, b, c], minimum, hidden] of cases) {
    it(name, () => {
      const respondents = table(a, b, c);
      const result = hiddenNodes(parents, respondents, minimum);
      assert.deepEqual([...result].sort(), hidden);
      const cells = [...respondents].map(([node, n]) => ({
        node,
        sex: 'T' as const,
        value: result.has(node) ? null : n,
      }));
      assert.equal(verifyTable(parents, cells).ok, true, 'no hidden count recoverable by subtraction');
    });
  }

  it('hides a node in every question and theme alike', () => {
    const placements = new Map([
      ['a', { municipalityCode: '0180', regionCode: '01' }],
      ['b', { municipalityCode: '0180', regionCode: '01' }],
    ]);
    const units = [
      { unitId: 'a', codesIssued: 10, counts: tallyAnswers(ELDERLY_CARE, overall('4', '4', '1')) },
      {
        unitId: 'b',
        codesIssued: 10,
        counts: tallyAnswers(ELDERLY_CARE, overall('4', '3', '3', '1', '2', '4')),
      },
    ];
    const nodes = surveyTable(ELDERLY_CARE, units, placements, 5);
    for (const node of nodes) {
      const values = [
        node.respondents,
        node.responseRate,
        ...Object.values(node.shares),
        ...Object.values(node.answered),
      ];
      if (node.hidden)
        assert.ok(
          values.every((v) => v === null),
          node.node,
        );
      else assert.equal(node.respondents, 9);
    }
    assert.deepEqual(
      nodes
        .filter((n) => n.hidden)
        .map((n) => n.node)
        .sort(),
      ['Ua', 'Ub'],
    );
  });
});
