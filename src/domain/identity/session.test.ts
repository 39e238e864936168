import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PAIR_RULE,
  loginWaitSeconds,
  progressiveDelaySeconds,
  sessionState,
  swedishDate,
} from './session.js';

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
  const rule = PAIR_RULE;
  it('allows attempts below the free failures', () => {
    assert.equal(progressiveDelaySeconds({ count: 4, latest: plus(4) }, rule, plus(4)), 0);
  });
  it('doubles the wait with every failure after the free ones, up to 15 minutes', () => {
    assert.equal(progressiveDelaySeconds({ count: 5, latest: t0 }, rule, t0), 30);
    assert.equal(progressiveDelaySeconds({ count: 6, latest: t0 }, rule, t0), 60);
    assert.equal(progressiveDelaySeconds({ count: 8, latest: t0 }, rule, t0), 240);
    assert.equal(progressiveDelaySeconds({ count: 50, latest: t0 }, rule, t0), 900);
    assert.equal(progressiveDelaySeconds({ count: 6, latest: t0 }, rule, plus(1)), 0);
  });
  it('waits for the slowest of the keys that apply', () => {
    const none = { count: 0, latest: null };
    const many = { count: 25, latest: t0 };
    assert.equal(loginWaitSeconds({ pair: none, accountFromUnfamiliar: many, address: null }, t0), 900);
    assert.equal(loginWaitSeconds({ pair: none, accountFromUnfamiliar: null, address: null }, t0), 0);
    assert.equal(loginWaitSeconds({ pair: none, accountFromUnfamiliar: null, address: many }, t0), 900);
  });
});

describe('swedishDate', () => {
  it('uses the Swedish calendar day', () => {
    assert.equal(swedishDate(new Date('2026-01-31T23:30:00Z')), '2026-02-01');
    assert.equal(swedishDate(new Date('2026-07-01T12:00:00Z')), '2026-07-01');
  });
});
