import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GENESIS_HASH,
  canonicalContent,
  canonicalJson,
  chainAfter,
  checkLink,
  contentHash,
  linkHash,
  normaliseEntry,
  storableJson,
  storableText,
  type AuditContent,
  type ChainedAuditEntry,
  type JsonValue,
} from './chain.js';
import type { AuditEntry } from './entry.js';

const T = new Date('2026-03-02T09:15:00.123Z');
const ACTOR = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

describe('canonicalJson', () => {
  const cases: Array<[string, JsonValue, string]> = [
    ['null', null, 'null'],
    ['number', 1.5, '1.5'],
    ['string with quote and newline', 'a"b\nc', '"a\\"b\\nc"'],
    ['keys sorted', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    [
      'nested keys sorted, array order kept',
      { z: [{ y: 1, x: 2 }, 3], a: {} },
      '{"a":{},"z":[{"x":2,"y":1},3]}',
    ],
    ['non-ASCII kept as is', { å: 'ö' }, '{"å":"ö"}'],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => assert.equal(canonicalJson(value), expected));
  }
});

describe('storableText and storableJson', () => {
  const texts: Array<[string, string, string]> = [
    ['plain text unchanged', 'Anna Öberg', 'Anna Öberg'],
    ['NUL replaced', 'a\u0000b', 'a\uFFFDb'],
    ['lone high surrogate replaced', 'a\uD800b', 'a\uFFFDb'],
    ['lone low surrogate replaced', 'a\uDC00', 'a\uFFFD'],
    ['surrogate pair kept', 'a😀b', 'a😀b'],
  ];
  for (const [name, input, expected] of texts) {
    it(name, () => assert.equal(storableText(input), expected));
  }
  const values: Array<[string, unknown, JsonValue]> = [
    ['undefined members dropped', { a: undefined, b: 1 }, { b: 1 }],
    ['non-finite numbers become null', [NaN, Infinity, -0], [null, null, 0]],
    ['dates become ISO strings', { at: T }, { at: '2026-03-02T09:15:00.123Z' }],
    ['bigint becomes a string', { n: 12n }, { n: '12' }],
    ['keys cleaned too', { 'k\u0000': 'v' }, { 'k\uFFFD': 'v' }],
  ];
  for (const [name, input, expected] of values) {
    it(name, () => assert.deepEqual(storableJson(input), expected));
  }
});

describe('normaliseEntry', () => {
  const base: AuditEntry = { actorUserId: ACTOR.toUpperCase(), action: 'person_read', outcome: 'allowed' };
  it('lower-cases uuids and fills absent fields with null', () => {
    const e = normaliseEntry(base, T);
    assert.equal(e.actorUserId, ACTOR);
    assert.equal(e.unitId, null);
    assert.equal(e.breakGlass, false);
    assert.deepEqual(e.details, {});
  });
  it('refuses an actor that is not a uuid', () => {
    assert.throws(() => normaliseEntry({ ...base, actorUserId: 'admin' }, T), /actorUserId/);
  });
  it('refuses an invalid date', () => {
    assert.throws(() => normaliseEntry(base, new Date(NaN)), /valid date/);
  });
});

describe('contentHash and linkHash', () => {
  const entry = normaliseEntry(
    {
      actorUserId: ACTOR,
      action: 'person_read',
      outcome: 'allowed',
      personPseudonym: 'ps-1',
      details: { b: 1, a: [true, null] },
    },
    T,
  );
  it('serialises the content with sorted keys and the millisecond ISO time', () => {
    assert.equal(
      canonicalContent(entry),
      '{"action":"person_read","actorUserId":"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee","breakGlass":false,' +
        '"clientAddress":null,"details":{"a":[true,null],"b":1},"municipalityCode":null,' +
        '"occurredAt":"2026-03-02T09:15:00.123Z","outcome":"allowed","personPseudonym":"ps-1",' +
        '"purpose":null,"recordId":null,"recordType":null,"unitId":null,"v":1}',
    );
  });
  it('is pinned: a change of serialisation must be a new version', () => {
    assert.equal(contentHash(entry), 'db98ecf9238f4e3cdbf18c8190ef00657a44be1ab0a05f6625f246807f4de89d');
    assert.equal(
      linkHash(GENESIS_HASH, 1, contentHash(entry)),
      '33047574c58814622a3aefa10e1889dd0f00bbfa1742aff5f4b5811690fa55a4',
    );
  });
  it('does not depend on the key order of details', () => {
    const reordered = { ...entry, details: { a: [true, null], b: 2 - 1 } };
    assert.equal(contentHash(reordered), contentHash(entry));
  });
  const changes: Array<[string, Partial<AuditContent>]> = [
    ['time', { occurredAt: new Date(T.getTime() + 1) }],
    ['outcome', { outcome: 'denied' }],
    ['person', { personPseudonym: 'ps-2' }],
    ['break-glass', { breakGlass: true }],
    ['details', { details: { b: 2, a: [true, null] } }],
  ];
  for (const [field, change] of changes) {
    it(`content hash changes when the ${field} changes`, () => {
      assert.notEqual(contentHash({ ...entry, ...change }), contentHash(entry));
    });
  }
  const links: Array<[string, string, number, string]> = [
    ['seq', GENESIS_HASH, 2, contentHash(entry)],
    ['prev hash', 'f'.repeat(64), 1, contentHash(entry)],
    ['content hash', GENESIS_HASH, 1, 'e'.repeat(64)],
  ];
  for (const [part, prev, seq, content] of links) {
    it(`link changes when the ${part} changes`, () => {
      assert.notEqual(linkHash(prev, seq, content), linkHash(GENESIS_HASH, 1, contentHash(entry)));
    });
  }
});

describe('checkLink', () => {
  const first = chainAfter(
    null,
    normaliseEntry({ actorUserId: null, action: 'login', outcome: 'failed' }, T),
  );
  const second = chainAfter(
    first,
    normaliseEntry({ actorUserId: ACTOR, action: 'login', outcome: 'allowed' }, T),
  );
  const third = chainAfter(
    second,
    normaliseEntry({ actorUserId: ACTOR, action: 'logout', outcome: 'allowed' }, T),
  );
  const cases: Array<[string, ChainedAuditEntry | null, ChainedAuditEntry, number | null, RegExp | null]> = [
    ['first entry on the genesis hash', null, first, null, null],
    ['next entry linked', first, second, null, null],
    ['first entry not seq 1', null, second, 1, /entry 1 is missing/],
    ['a gap', first, third, 2, /entry 2 is missing/],
    ['prev hash of another entry', second, { ...third, prevHash: first.hash }, 3, /prev_hash/],
    ['changed contents', first, { ...second, outcome: 'denied' }, 2, /content_hash .* changed/],
    [
      'changed contents with a recomputed content hash',
      first,
      rehashed({ ...second, outcome: 'denied' }),
      2,
      /^hash/,
    ],
    [
      'forged entry re-linked from scratch',
      first,
      chainAfter(null, { ...second, outcome: 'denied' }),
      2,
      /missing|prev_hash/,
    ],
  ];
  for (const [name, prev, entry, brokenSeq, reason] of cases) {
    it(name, () => {
      const result = checkLink(prev, entry);
      if (brokenSeq === null) return assert.deepEqual(result, { ok: true });
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.seq, brokenSeq);
      assert.match(result.reason, reason ?? /./);
    });
  }
});

function rehashed(e: ChainedAuditEntry): ChainedAuditEntry {
  return { ...e, contentHash: contentHash(e) };
}
