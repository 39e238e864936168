import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closedPeriods, nextReleaseAt, releaseVersion } from './release.js';

const d = (iso: string) => new Date(iso);

describe('release schedule', () => {
  it('is due at once when nothing was released, and never when manual', () => {
    const now = d('2026-12-07T11:00:00Z');
    assert.deepEqual(nextReleaseAt('monthly', null, now), now);
    assert.equal(nextReleaseAt('manual', null, now), null);
    assert.equal(nextReleaseAt('manual', d('2026-01-01T00:00:00Z'), now), null);
  });

  it('schedules the next release at the cadence boundary after the last one', () => {
    const cases: Array<[cadence: 'monthly' | 'weekly' | 'daily', last: string, next: string]> = [
      ['monthly', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00.000Z'],
      ['monthly', '2026-11-30T23:59:59Z', '2026-12-01T00:00:00.000Z'],
      ['monthly', '2026-12-07T11:00:00Z', '2027-01-01T00:00:00.000Z'],
      ['weekly', '2026-12-07T11:00:00Z', '2026-12-14T00:00:00.000Z'], // a Monday
      ['weekly', '2026-12-13T23:00:00Z', '2026-12-14T00:00:00.000Z'], // a Sunday
      ['daily', '2026-12-31T10:00:00Z', '2027-01-01T00:00:00.000Z'],
    ];
    for (const [cadence, last, next] of cases)
      assert.equal(nextReleaseAt(cadence, d(last), d(last))?.toISOString(), next, `${cadence} ${last}`);
  });

  it('names releases year.month.sequence and marks closed years final', () => {
    assert.equal(releaseVersion(d('2026-12-07T11:00:00Z'), 0), '2026.12.1');
    assert.equal(releaseVersion(d('2027-01-01T00:00:00Z'), 2), '2027.01.3');
    assert.deepEqual(closedPeriods(['2025', '2026'], d('2027-01-01T00:00:00Z')), ['2025', '2026']);
    assert.deepEqual(closedPeriods(['2025', '2026'], d('2026-12-31T23:00:00Z')), ['2025']);
  });
});
