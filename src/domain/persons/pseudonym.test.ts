import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { isPseudonym, pseudonymOf } from './pseudonym.js';

const key = Buffer.from('a-test-key-of-at-least-32-characters!!', 'utf8');
const otherKey = Buffer.from('another-test-key-of-at-least-32-chars', 'utf8');

describe('pseudonymOf', () => {
  it('is stable: the same number and key always give the same pseudonym', () => {
    const first = pseudonymOf('196408233234', key);
    assert.equal(pseudonymOf('196408233234', key), first);
    assert.equal(pseudonymOf('196408233234', Buffer.from(key)), first);
  });

  it('is HMAC-SHA-256 of the 12-digit number under the key, as 64 hex digits', () => {
    const expected = createHmac('sha256', key).update('196408233234').digest('hex');
    assert.equal(pseudonymOf('196408233234', key), expected);
    assert.ok(isPseudonym(expected));
  });

  it('differs between numbers and between keys', () => {
    assert.notEqual(pseudonymOf('196408233234', key), pseudonymOf('197010632391', key));
    assert.notEqual(pseudonymOf('196408233234', key), pseudonymOf('196408233234', otherKey));
  });

  it('refuses anything but the normalised 12-digit form', () => {
    assert.throws(() => pseudonymOf('640823-3234', key));
    assert.throws(() => pseudonymOf('6408233234', key));
  });
});

describe('isPseudonym', () => {
  it('accepts 64 lower-case hex digits only', () => {
    assert.equal(isPseudonym('a'.repeat(64)), true);
    assert.equal(isPseudonym('A'.repeat(64)), false);
    assert.equal(isPseudonym('a'.repeat(63)), false);
    assert.equal(isPseudonym('196408233234'), false);
  });
});
