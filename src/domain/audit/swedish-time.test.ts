import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { swedishDayEnd, swedishDayStart, swedishLocalTime } from './swedish-time.js';

describe('Swedish calendar days', () => {
  const starts: Array<[string, string]> = [
    ['2026-01-15', '2026-01-14T23:00:00.000Z'],
    ['2026-07-01', '2026-06-30T22:00:00.000Z'],
    ['2026-03-29', '2026-03-28T23:00:00.000Z'], // the day summer time begins
    ['2026-10-25', '2026-10-24T22:00:00.000Z'], // the day winter time begins
  ];
  for (const [day, instant] of starts) {
    it(`${day} starts at ${instant}`, () => assert.equal(swedishDayStart(day).toISOString(), instant));
  }
  it('ends where the next day starts (23 hours on the spring day)', () => {
    assert.equal(swedishDayEnd('2026-03-29').toISOString(), '2026-03-29T22:00:00.000Z');
    assert.equal(swedishDayEnd('2026-12-31').toISOString(), '2026-12-31T23:00:00.000Z');
  });
  it('refuses a date that does not exist', () => {
    assert.throws(() => swedishDayStart('2026-02-30'), /not a calendar date/);
  });
  it('formats local time', () => {
    assert.equal(swedishLocalTime(new Date('2026-07-01T17:30:05Z')), '2026-07-01 19:30:05');
  });
});
