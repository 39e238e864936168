import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cofinancing } from './cofinancing.js';
import { openPhases, remindersOn } from './cycle.js';
import { standing } from './followup.js';

describe('annual cycle', () => {
  const state = { undecidedProposals: 2, hasDraft: false, signed: false, decisions: 0 };
  const cases: Array<[string, string[], string[]]> = [
    ['2026-01-31', [], []],
    ['2026-02-01', ['proposals'], ['proposals_undecided']],
    ['2026-07-15', [], []],
    ['2026-10-01', ['negotiation'], ['proposals_undecided', 'no_draft']],
    ['2026-12-01', ['negotiation', 'signing'], ['proposals_undecided', 'no_draft', 'unsigned']],
    ['2027-01-15', ['signing', 'follow_up'], ['unsigned']],
  ];
  for (const [day, phases, reminders] of cases)
    it(`on ${day} for the 2027 agreement`, () => {
      assert.deepEqual(openPhases(2027, day), phases);
      assert.deepEqual(
        remindersOn(2027, day, state).map((r) => r.kind),
        reminders,
      );
    });
  it('asks for a decision in the follow-up year once signed', () => {
    const signed = { undecidedProposals: 0, hasDraft: true, signed: true, decisions: 0 };
    assert.deepEqual(remindersOn(2027, '2027-03-01', signed), [{ kind: 'no_decision', due: '2027-12-31' }]);
  });
});

describe('follow-up standing and co-financing', () => {
  it('classifies met, close, far and unknown at the boundaries', () => {
    assert.equal(standing(70, 70), 'met');
    assert.equal(standing(60, 70), 'close');
    assert.equal(standing(59.9, 70), 'far');
    assert.equal(standing(null, 70), 'unknown');
  });
  it('rounds each fee to whole kronor, half up, and sums them', () => {
    const r = cofinancing(
      [
        { code: '0001', inhabitants: 1001 },
        { code: '0002', inhabitants: 3 },
      ],
      250,
    );
    assert.deepEqual(
      r.lines.map((l) => l.fee),
      [2503, 8],
    );
    assert.equal(r.total, 2511);
  });
});
