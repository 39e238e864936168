import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, type TestDb } from '../../../test/support/db.js';
import { search, type SearchInput } from './reads.js';
import { importPublished } from './bulk.js';
import { systemActor } from './service.js';
import { content } from './testing.js';

const TODAY = '2026-12-07';

describe('library search: Swedish stemming, typo tolerance, ranking, filters (both engines)', () => {
  let t: TestDb;
  const find = (q: string, more: Partial<SearchInput> = {}) =>
    search(t.db, { q, limit: 20, offset: 0, ...more }, TODAY);
  const titles = async (q: string, more: Partial<SearchInput> = {}) =>
    (await find(q, more)).hits.map((h) => h.title);

  before(async () => {
    t = await openTestDb();
    await importPublished(t.db, systemActor(new Date('2026-12-07T10:00:00Z')), [
      {
        kind: 'intervention',
        note: 'test',
        content: content({
          title: 'Balansträning i hemmet',
          summary: 'Fallpreventiva åtgärder i hemtjänsten: balans, styrka och en trygg bostad.',
          targetGroups: ['older_people'],
          operatingAreas: ['elderly_care'],
          evidence: 'high',
        }),
      },
      {
        kind: 'method',
        note: 'test',
        content: content({
          title: 'Samtal om livsstil',
          summary: 'Samtalet utgår från de äldres egna mål och ger stöd i vardagen.',
          targetGroups: ['relatives'],
          operatingAreas: ['individual_family_care'],
          evidence: 'low',
        }),
      },
      {
        kind: 'method',
        note: 'test',
        content: content({
          title: 'Trycksårsprevention på boendet',
          summary: 'Lägesändring och madrasser som fördelar trycket minskar trycksår.',
          body: 'Gäller även fallprevention i viss mån.',
          targetGroups: ['older_people'],
          operatingAreas: ['elderly_care'],
          evidence: 'moderate',
        }),
      },
    ]);
  });
  after(() => t.close());

  it('"fallprevention" finds "fallpreventiva åtgärder" (a similar word of the vocabulary, stemmed)', async () => {
    const r = await find('fallprevention');
    assert.ok(
      r.hits.some((h) => h.title === 'Balansträning i hemmet'),
      JSON.stringify(r.words),
    );
    assert.ok(r.words[0]?.variants.includes('fallpreventiva'));
  });

  it('"äldre" finds "äldres" (Swedish stem äldr)', async () => {
    assert.deepEqual(await titles('äldre', { operatingAreas: ['individual_family_care'] }), [
      'Samtal om livsstil',
    ]);
    assert.ok((await titles('äldre')).includes('Samtal om livsstil'));
  });

  it('"trycksåren" finds "trycksår" and a prefix finds the compound', async () => {
    assert.ok((await titles('trycksåren')).includes('Trycksårsprevention på boendet'));
    assert.ok((await titles('tryck')).includes('Trycksårsprevention på boendet'));
  });

  it('tolerates typos (pg_trgm): "fallpreventon", "balanstränning", "madraser"', async () => {
    assert.ok((await titles('fallpreventon')).includes('Balansträning i hemmet'));
    assert.ok((await titles('balanstränning')).includes('Balansträning i hemmet'));
    assert.ok((await titles('madraser')).includes('Trycksårsprevention på boendet'));
  });

  it('does not match unrelated words', async () => {
    assert.deepEqual(await titles('skolskjuts'), []);
  });

  it('ranks a hit in the summary above one in the body only', async () => {
    const t1 = await titles('fallprevention');
    assert.ok(
      t1.indexOf('Balansträning i hemmet') < t1.indexOf('Trycksårsprevention på boendet'),
      t1.join(' | '),
    );
  });

  it('highlights the matched words in the snippet', async () => {
    const r = await find('åtgärder hemtjänsten');
    const hit = r.hits.find((h) => h.title === 'Balansträning i hemmet');
    assert.ok(hit);
    assert.deepEqual(
      hit.snippet.filter((p) => p.hit).map((p) => p.text),
      ['åtgärder', 'hemtjänsten'],
    );
    assert.ok(hit.summary.startsWith(hit.snippet.map((p) => p.text).join('')));
  });

  it('filters by operating area, target group, evidence strength and kind', async () => {
    assert.deepEqual(await titles('', { operatingAreas: ['individual_family_care'], kinds: ['method'] }), [
      'Samtal om livsstil',
    ]);
    assert.deepEqual(await titles('', { targetGroups: ['relatives'] }), ['Samtal om livsstil']);
    const strong = await titles('', {
      minEvidence: 'moderate',
      operatingAreas: ['elderly_care'],
      kinds: ['intervention', 'method'],
    });
    assert.deepEqual(strong, ['Balansträning i hemmet', 'Trycksårsprevention på boendet']);
    assert.deepEqual(await titles('', { minEvidence: 'high', kinds: ['intervention', 'method'] }), [
      'Balansträning i hemmet',
    ]);
  });

  it('counts the total and pages', async () => {
    const first = await find('', { kinds: ['intervention', 'method'], limit: 2 });
    assert.equal(first.total, 3);
    assert.equal(first.hits.length, 2);
    const second = await find('', { kinds: ['intervention', 'method'], limit: 2, offset: 2 });
    assert.equal(second.hits.length, 1);
  });

  it('instruments of the instrument library are entries', async () => {
    const r = await find('downton', { kinds: ['instrument'] });
    assert.equal(r.hits[0]?.instrumentId, 'downton');
  });

  // Last: it adds entries. Those matching only outside the title are written first, so the scan
  // finds them before the one with the word in its title, which must still rank first.
  it('ranks a capped candidate set and says the total is capped', async () => {
    const entry = (title: string, summary: string) => ({
      kind: 'method' as const,
      note: 'test',
      content: content({ title, summary, targetGroups: ['families'], operatingAreas: ['elderly_care'] }),
    });
    await importPublished(t.db, systemActor(new Date('2026-12-07T10:00:00Z')), [
      entry('Annat stöd ett', 'Om kapplöpning och annat.'),
      entry('Annat stöd två', 'Om kapplöpning och annat.'),
    ]);
    await importPublished(t.db, systemActor(new Date('2026-12-07T10:00:00Z')), [
      entry('Kapplöpning i vardagen', 'Ett exempel.'),
    ]);
    const capped = await find('kapplöpning', { cap: 1 });
    assert.equal(capped.total, 1);
    assert.equal(capped.totalCapped, true);
    assert.equal(capped.hits[0]?.title, 'Kapplöpning i vardagen');
    const all = await find('kapplöpning', { cap: 3 });
    assert.deepEqual([all.total, all.totalCapped, all.hits.length], [3, false, 3]);
    assert.equal(all.hits[0]?.title, 'Kapplöpning i vardagen');
    const uncapped = await find('kapplöpning');
    assert.deepEqual([uncapped.total, uncapped.totalCapped], [3, false]);
  });
});
