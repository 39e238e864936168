import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { entryContent } from '../../../modules/library/schema';
import { contentOf, draftOf, emptyReference, toggled, type Draft } from './draft';

const filled = (): Draft => ({
  ...draftOf(null),
  title: '  Fallförebyggande träning ',
  summary: 'Träning av balans och styrka.',
  ksiCode: 'pha.ae.mi',
  evidence: 'moderate',
  outcomeIndicators: 'k10008,  K10006 ;',
  references: [{ kind: 'report', title: 'Rapport', year: ' 2021 ', url: 'https://example.org/r' }],
  example: { municipalityCode: '0180', indicatorId: 'k10008', before: '2023', after: '2024' },
});

describe('the library editor form', () => {
  it('turns typed text into the content the server checks, and back again', () => {
    const content = contentOf(filled(), 'method');
    assert.deepEqual(content, {
      title: 'Fallförebyggande träning',
      summary: 'Träning av balans och styrka.',
      body: '',
      ksiCode: 'PHA.AE.MI',
      instrumentId: null,
      targetGroups: [],
      operatingAreas: [],
      problems: [],
      evidence: 'moderate',
      outcomeIndicators: ['K10008', 'K10006'],
      references: [{ kind: 'report', title: 'Rapport', year: 2021, url: 'https://example.org/r' }],
      example: null,
      reviewDue: null,
    });
    // The server's own schema accepts it unchanged, and the form reads it back as typed (tidied).
    const parsed = entryContent.parse(content);
    const again = draftOf(parsed);
    assert.equal(again.outcomeIndicators, 'K10008, K10006');
    assert.deepEqual(again.references, [
      { kind: 'report', title: 'Rapport', year: '2021', url: 'https://example.org/r' },
    ]);
    assert.equal(again.ksiCode, 'PHA.AE.MI');
  });

  it("keeps a good example's figures only for a good example", () => {
    assert.deepEqual(contentOf(filled(), 'good_example')['example'], {
      municipalityCode: '0180',
      indicatorId: 'K10008',
      before: '2023',
      after: '2024',
    });
    assert.equal(contentOf(filled(), 'intervention')['example'], null);
  });

  it('leaves what the user got wrong for the server to name: no evidence, a year in words', () => {
    const content = contentOf(
      { ...filled(), evidence: '', references: [{ ...emptyReference(), year: 'tjugo' }] },
      'method',
    );
    const result = entryContent.safeParse(content);
    assert.equal(result.success, false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    assert.deepEqual(
      paths,
      ['evidence', 'references.0.title', 'references.0.url', 'references.0.year'].sort(),
    );
  });

  it('toggles codes in the code list order', () => {
    const all = ['a', 'b', 'c'] as const;
    assert.deepEqual(toggled(all, ['c'], 'a', true), ['a', 'c']);
    assert.deepEqual(toggled(all, ['a', 'c'], 'a', false), ['c']);
    assert.deepEqual(toggled(all, [], 'b', false), []);
  });
});
