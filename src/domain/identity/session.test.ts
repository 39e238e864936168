import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { retryAfterSeconds, sessionState, swedishDate } from './session.js';

const t0 = new Date('2026-03-01T08:00:00Z');
const plus = (min: number) => new Date(t0.getTime() + min * 60_000);
const limits = { idleMinutes: 30, absoluteHours: 12 };

describe('session rules', () => {
  it('is active until 30 idle minutes, then idle-timed-out', () => {
    assert.equal(sessionState({ createdAt: t0, lastSeenAt: t0 }, plus(29), limits), 'active');
    assert.equal(sessionState({ createdAt: t0, lastSeenAt: t0 }, plus(30), limits), 'idle_timeout');
  });
  it('ends 12 hours after login however active', () => {
    assert.equal(sessionState({ createdAt: t0, lastSeenAt: plus(719) }, plus(719.9), limits), 'active');
    assert.equal(
      sessionState({ createdAt: t0, lastSeenAt: plus(719) }, plus(720), limits),
      'absolute_timeout',
    );
  });
});

describe('throttling', () => {
  it('allows attempts below the limit', () => {
    assert.equal(retryAfterSeconds([t0, plus(1), plus(2), plus(3)], 5, plus(4)), 0);
  });
  it('refuses at the limit until the oldest counted failure ages out', () => {
    const f = [t0, plus(1), plus(2), plus(3), plus(4)];
    assert.equal(retryAfterSeconds(f, 5, plus(5)), 10 * 60);
    assert.equal(retryAfterSeconds(f, 5, plus(15)), 0);
  });
  it('ignores failures older than the window', () => {
    assert.equal(retryAfterSeconds([plus(-20), plus(-16), t0, plus(1), plus(2)], 5, plus(3)), 0);
  });
});

describe('swedishDate', () => {
  it('uses the Swedish calendar day', () => {
    assert.equal(swedishDate(new Date('2026-01-31T23:30:00Z')), '2026-02-01');
    assert.equal(swedishDate(new Date('2026-07-01T12:00:00Z')), '2026-07-01');
  });
});
