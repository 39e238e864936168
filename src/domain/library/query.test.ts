import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  HIT_START as S,
  HIT_STOP as E,
  queryWords,
  slugOf,
  snippetParts,
  tsQueryText,
  vocabularyWords,
} from './query.js';
import { atLeast, evidenceRank, isResearchBased } from './evidence.js';
import { ksiCovers, ksiPrefixes } from './vocabulary.js';

describe('library search-query shaping', () => {
  const words: Array<[string, string[]]> = [
    ['Fallprevention', ['fallprevention']],
    ['  ÄLDRES   hälsa ', ['äldres', 'hälsa']],
    ["fall-prevention & (äldre) | !x ':*", ['fall', 'prevention', 'äldre']],
    ['a b c', []],
    ['trycksår trycksår', ['trycksår']],
    ['ett två tre fyra fem sex sju åtta nio tio', ['ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta']],
  ];
  for (const [input, expected] of words) {
    it(`words of ${JSON.stringify(input)}`, () => assert.deepEqual(queryWords(input), expected));
  }

  it('vocabulary words: distinct, 4+ letters, no bare numbers, sorted', () => {
    assert.deepEqual(vocabularyWords('Fallpreventiva åtgärder för äldre, 2024 och ÄLDRE'), [
      'fallpreventiva',
      'äldre',
      'åtgärder',
    ]);
  });

  const queries: Array<[string[], Array<[string, string[]]>, string]> = [
    [['äldre'], [], 'äldre:*'],
    [
      ['fallprevention'],
      [['fallprevention', ['fallpreventiva', 'fallprevention']]],
      '(fallprevention:* | fallpreventiva)',
    ],
    [['fall', 'äldre'], [['äldre', ['äldres']]], 'fall:* & (äldre:* | äldres)'],
    [['x1'], [['x1', ["bad'word", 'ok']]], '(x1:* | ok)'],
  ];
  for (const [w, v, expected] of queries) {
    it(`tsquery of ${w.join(' ')} is ${expected}`, () => assert.equal(tsQueryText(w, new Map(v)), expected));
  }

  const snippets: Array<[string, Array<[string, boolean]>]> = [
    ['plain text', [['plain text', false]]],
    [
      `a ${S}hit${E} b`,
      [
        ['a ', false],
        ['hit', true],
        [' b', false],
      ],
    ],
    [
      `${S}one${E}${S}two${E}`,
      [
        ['one', true],
        ['two', true],
      ],
    ],
    [
      `<b>x</b> ${S}y`,
      [
        ['<b>x</b> ', false],
        ['y', true],
      ],
    ],
  ];
  for (const [headline, expected] of snippets) {
    it(`snippet parts of ${JSON.stringify(headline)}`, () =>
      assert.deepEqual(
        snippetParts(headline),
        expected.map(([text, hit]) => ({ text, hit })),
      ));
  }

  const slugs: Array<[string, string]> = [
    ['Fallförebyggande träning för äldre', 'fallforebyggande-traning-for-aldre'],
    ['  MI – motiverande samtal ', 'mi-motiverande-samtal'],
    ['!!!', 'post'],
  ];
  for (const [title, expected] of slugs) {
    it(`slug of ${title}`, () => assert.equal(slugOf(title), expected));
  }
});

describe('library evidence scale and KSI matching', () => {
  it('ranks the scale strongest first', () => {
    assert.equal(evidenceRank('high'), 1);
    assert.equal(evidenceRank('local_result'), 6);
    assert.deepEqual(atLeast('moderate'), ['high', 'moderate']);
    assert.equal(isResearchBased('very_low'), true);
    assert.equal(isResearchBased('proven_experience'), false);
  });

  const ksi: Array<[string, string, boolean]> = [
    ['PHA.AE.MI', 'PHA.AE.MI', true],
    ['PHA.AE', 'PHA.AE.MI', true],
    ['PHA', 'PHA.AE.KBT', true],
    ['PHA.A', 'PHA.AE.MI', false],
    ['PHA.AE.MI', 'PHA.AE', false],
  ];
  for (const [entry, recorded, expected] of ksi) {
    it(`KSI ${entry} ${expected ? 'covers' : 'does not cover'} ${recorded}`, () =>
      assert.equal(ksiCovers(entry, recorded), expected));
  }
  it('lists a recorded code’s prefixes', () =>
    assert.deepEqual(ksiPrefixes('PHA.AE.MI'), ['PHA', 'PHA.AE', 'PHA.AE.MI']));
});
