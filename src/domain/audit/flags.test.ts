import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_FLAG_RULES,
  WORKING_HOURS,
  flagEntries,
  isOutsideWorkingHours,
  manyPersonsSeqs,
  type FlagInput,
} from './flags.js';

describe('isOutsideWorkingHours (Swedish local time)', () => {
  // 2026-03-02 is a Monday in winter time (UTC+1); 2026-07-01 a Wednesday in summer time (UTC+2).
  const cases: Array<[string, string, boolean]> = [
    ['Monday 06:59 local', '2026-03-02T05:59:00Z', true],
    ['Monday 07:00 local', '2026-03-02T06:00:00Z', false],
    ['Monday 18:59 local', '2026-03-02T17:59:59Z', false],
    ['Monday 19:00 local', '2026-03-02T18:00:00Z', true],
    ['Wednesday 07:30 summer time (05:30 UTC)', '2026-07-01T05:30:00Z', false],
    ['Wednesday 06:30 summer time (04:30 UTC)', '2026-07-01T04:30:00Z', true],
    ['Wednesday 18:30 summer time (16:30 UTC)', '2026-07-01T16:30:00Z', false],
    ['Wednesday 19:30 summer time (17:30 UTC)', '2026-07-01T17:30:00Z', true],
    ['Saturday midday', '2026-03-07T11:00:00Z', true],
    ['Sunday midday', '2026-03-08T11:00:00Z', true],
    ['Friday 23:30 UTC is Saturday 00:30 local', '2026-03-06T23:30:00Z', true],
    ['Sunday 23:30 UTC is Monday 00:30 local', '2026-03-08T23:30:00Z', true],
  ];
  for (const [name, at, expected] of cases) {
    it(name, () => assert.equal(isOutsideWorkingHours(new Date(at)), expected));
  }
  it('follows configured hours', () => {
    const longDay = { ...WORKING_HOURS, startHour: 6, endHour: 22 };
    assert.equal(isOutsideWorkingHours(new Date('2026-03-02T05:30:00Z'), longDay), false);
    assert.equal(
      isOutsideWorkingHours(new Date('2026-03-07T11:00:00Z'), { ...longDay, workingDays: [6] }),
      false,
    );
  });
});

const T0 = Date.parse('2026-03-02T09:00:00Z');
let nextSeq = 1;
function at(minutes: number, actor: string | null, person: string | null, breakGlass = false): FlagInput {
  return {
    seq: nextSeq++,
    occurredAt: new Date(T0 + minutes * 60_000),
    actorUserId: actor,
    personPseudonym: person,
    breakGlass,
  };
}
/** n entries of one actor on n distinct persons, `step` minutes apart from `start`. */
function burst(actor: string, n: number, start: number, step: number, personPrefix = 'p'): FlagInput[] {
  return Array.from({ length: n }, (_, i) => at(start + i * step, actor, `${personPrefix}${i}`));
}

describe('manyPersonsSeqs', () => {
  const rule = { persons: 20, windowMinutes: 10 };
  const cases: Array<[string, () => { entries: FlagInput[]; expected: number }]> = [
    ['20 persons in 9.5 minutes: all flagged', () => ({ entries: burst('u', 20, 0, 0.5), expected: 20 })],
    ['19 persons in 5 minutes: none', () => ({ entries: burst('u', 19, 0, 0.25), expected: 0 })],
    [
      '20 persons over exactly 10 minutes: none (window is shorter than 10)',
      () => ({
        entries: [...burst('u', 19, 0, 0.5), at(10, 'u', 'last')],
        expected: 0,
      }),
    ],
    [
      '20 reads of the same 5 persons: none',
      () => ({
        entries: Array.from({ length: 20 }, (_, i) => at(i * 0.1, 'u', `p${i % 5}`)),
        expected: 0,
      }),
    ],
    [
      'two actors with 10 persons each: none',
      () => ({
        entries: [...burst('u', 10, 0, 0.1), ...burst('v', 10, 0, 0.1, 'q')],
        expected: 0,
      }),
    ],
    [
      'entries without an actor or person are ignored',
      () => ({
        entries: [...burst('u', 19, 0, 0.1), at(2, null, 'x'), at(2, 'u', null)],
        expected: 0,
      }),
    ],
    [
      'a burst after quiet reads flags only the burst',
      () => ({
        entries: [...burst('u', 5, 0, 5, 'early'), ...burst('u', 20, 60, 0.1)],
        expected: 20,
      }),
    ],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const { entries, expected } = make();
      assert.equal(manyPersonsSeqs(entries, rule).size, expected);
    });
  }
  it('flags the entries of the burst, whatever the input order', () => {
    const entries = burst('u', 25, 0, 0.2).reverse();
    const flagged = manyPersonsSeqs(entries, rule);
    assert.deepEqual(
      [...flagged].sort((a, b) => a - b),
      entries.map((e) => e.seq).sort((a, b) => a - b),
    );
  });
});

describe('flagEntries', () => {
  it('combines the three flags per entry', () => {
    const night = at(-10 * 60, 'u', 'p1'); // 23:00 local the evening before
    const glass = at(0, 'u', 'p2', true);
    const quiet = at(5, 'w', 'p3');
    const flags = flagEntries([night, glass, quiet], [], DEFAULT_FLAG_RULES);
    assert.deepEqual(flags.get(night.seq), ['outside_working_hours']);
    assert.deepEqual(flags.get(glass.seq), ['break_glass']);
    assert.deepEqual(flags.get(quiet.seq), []);
  });
  it('sees a burst that straddles the page through the context', () => {
    const entries = burst('u', 20, 0, 0.2);
    const page = entries.slice(15);
    const flags = flagEntries(page, entries.slice(0, 15));
    for (const e of page) assert.deepEqual(flags.get(e.seq), ['many_persons']);
    assert.equal(flagEntries(page, []).get(page[0]?.seq ?? 0)?.length, 0);
  });
});
