import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { passwordProblems } from '../../domain/identity/password-policy.js';
import { blocklistSize, isBlocklisted } from './password-blocklist.js';

/** Issue #18, item 8: NIST SP 800-63B instead of "12 UTF-16 units". */
const rules = (password: string, username?: string) =>
  passwordProblems(password, isBlocklisted, username).map((p) => p.rule);

describe('password policy (NIST SP 800-63B)', () => {
  it('refuses what passed the old rule: 12 spaces, aaaaaaaaaaaa, password1234, 6 emoji', () => {
    assert.deepEqual(rules(' '.repeat(12)), ['repetitive']);
    assert.deepEqual(rules('aaaaaaaaaaaa'), ['repetitive']);
    assert.deepEqual(rules('password1234'), ['blocklisted']);
    assert.equal('😀😀😀😀😀😀'.length, 12, 'six emoji are 12 UTF-16 units');
    assert.deepEqual(rules('😀😀😀😀😀😀'), ['too_short']);
  });

  it('refuses common, Swedish, repeated and sequential passwords, and the username', () => {
    for (const p of [
      'Password1234!',
      'Sommar2024!!',
      'lösenord 123456',
      'Lösenord12345',
      'qwerty123456',
      'kalleanka123',
    ]) {
      assert.deepEqual(rules(p), ['blocklisted'], p);
    }
    assert.deepEqual(rules('abcabcabcabc'), ['repetitive']);
    assert.deepEqual(rules('123456789012'), ['sequential']);
    assert.deepEqual(rules('abcdefghijklm'), ['sequential']);
    assert.deepEqual(rules('anna.karlsson-2026-vår', 'anna.karlsson'), ['contains_username']);
  });

  it('counts code points, allows any characters and asks for no composition', () => {
    assert.deepEqual(rules('rätt häst batteri häftklammer'), []);
    assert.deepEqual(rules('kollegans-långa-lösenord'), []);
    assert.deepEqual(rules('åäöåäöåäöåäx'), []);
    assert.deepEqual(rules('😀🐴🔋📎🌲🏠🚲🍎🎈🧭🪁🦔'), [], 'twelve different emoji are twelve characters');
    assert.deepEqual(rules('ab'.repeat(129)), ['too_long']);
  });

  it('uses a list of tens of thousands of breached passwords', () => {
    assert.ok(blocklistSize() > 40_000, `${blocklistSize()}`);
  });
});
