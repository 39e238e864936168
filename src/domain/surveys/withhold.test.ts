import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sharesShownFrom, withholdWhileOpen } from './withhold.js';
import type { NodeResult } from './table.js';

const node: NodeResult = {
  node: 'Uu1',
  level: 'unit',
  code: 'u1',
  hidden: false,
  codesIssued: 8,
  respondents: 7,
  responseRate: 7 / 8,
  shares: { 't:overall': 4 / 7, 'q:ec.meals': null },
  answered: { 't:overall': 7, 'q:ec.meals': 0 },
};

describe('survey shares while a round is open', () => {
  it('are shown from the day after the close, across month and year ends', () => {
    for (const [closesOn, from] of [
      ['2026-03-31', '2026-04-01'],
      ['2026-12-31', '2027-01-01'],
      ['2028-02-28', '2028-02-29'],
    ] as const)
      assert.equal(sharesShownFrom(closesOn), from);
  });

  it('are withheld up to and including the closing day, and kept from the next day', () => {
    for (const [today, withheld] of [
      ['2026-03-01', true],
      ['2026-03-31', true],
      ['2026-04-01', false],
      ['2027-01-01', false],
    ] as const) {
      const [n] = withholdWhileOpen([node], '2026-03-31', today);
      assert.ok(n);
      if (withheld) {
        assert.deepEqual(n.shares, { 't:overall': null, 'q:ec.meals': null }, today);
        assert.deepEqual(n.answered, { 't:overall': null, 'q:ec.meals': null }, today);
      } else {
        assert.deepEqual(n, node, today);
      }
      // Participation is not content: it stays as disclosure control left it.
      assert.equal(n.respondents, 7);
      assert.equal(n.responseRate, 7 / 8);
      assert.equal(n.codesIssued, 8);
    }
  });
});
