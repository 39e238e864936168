import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomInt } from 'node:crypto';
import { CODE_ALPHABET, CODE_BITS, CODE_LENGTH, formatCode, generateCode, normalizeCode } from './codes.js';
import { shuffled } from './shuffle.js';

describe('survey codes', () => {
  it('carry at least 80 bits from an alphabet without look-alikes', () => {
    assert.ok(CODE_BITS >= 80, `${CODE_BITS} bits`);
    for (const ch of '01ILOUV') assert.ok(!CODE_ALPHABET.includes(ch), ch);
    assert.equal(new Set(CODE_ALPHABET).size, CODE_ALPHABET.length);
  });

  it('are generated from the alphabet and read back however they are typed', () => {
    const code = generateCode(randomInt);
    assert.equal(code.length, CODE_LENGTH);
    assert.equal(normalizeCode(formatCode(code).toLowerCase()), code);
    assert.equal(normalizeCode(` ${formatCode(code).replace(/-/g, ' ')} `), code);
  });

  for (const [typed, why] of [
    ['', 'empty'],
    ['ABC', 'too short'],
    ['2'.repeat(CODE_LENGTH + 1), 'too long'],
    ['O'.repeat(CODE_LENGTH), 'look-alike letter'],
    ['2'.repeat(CODE_LENGTH - 1) + '!', 'punctuation'],
  ] as const) {
    it(`refuses ${why}`, () => assert.equal(normalizeCode(typed), null));
  }

  it('shuffles with the given source and keeps every item', () => {
    assert.deepEqual(
      shuffled([1, 2, 3, 4], () => 0),
      [2, 3, 4, 1],
    );
    assert.deepEqual([...shuffled([1, 2, 3, 4], randomInt)].sort(), [1, 2, 3, 4]);
  });
});
