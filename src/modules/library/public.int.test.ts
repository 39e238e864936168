import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { publishedRows, recordAndPublish } from '../opendata/testing.js';
import { SEED_ENTRIES, SEED_EXAMPLE, SEED_WRITTEN_ON } from './seed-content.js';
import { importPublished } from './bulk.js';
import { systemActor } from './service.js';
import { content } from './testing.js';
import type { ExampleFigures } from '../../contracts/library.js';

interface Page {
  slug: string;
  kind: string;
  isSample: boolean;
  sampleWrittenOn: string | null;
  indicators: Array<{ id: string }>;
  figures: ExampleFigures | null;
}

describe('library public reads: entry pages, good examples from published values, links beside numbers', () => {
  let h: TestApp;

  before(async () => {
    h = await openTestApp({ demo: true });
    // The open data fixture: 0180 has 60 persons (40 assessed in 2023, 30 in 2024); 0115 has 3,
    // so disclosure control suppresses it.
    await recordAndPublish(h.t.db, 2023);
    await recordAndPublish(h.t.db, 2024, undefined, 0.5);
    await importPublished(h.t.db, systemActor(new Date('2026-12-07T10:00:00Z')), [
      {
        kind: 'good_example',
        slug: 'exempel-stockholm',
        note: 'test',
        content: content({
          title: 'Riskbedömning vid start',
          summary: 'Stockholm bedömde alla vid start.',
          evidence: 'local_result',
          example: { municipalityCode: '0180', indicatorId: 'K10001', before: '2023', after: '2024' },
        }),
      },
      {
        kind: 'good_example',
        slug: 'exempel-liten-kommun',
        note: 'test',
        content: content({
          title: 'Liten kommun',
          summary: 'Få personer.',
          evidence: 'local_result',
          example: { municipalityCode: '0115', indicatorId: 'K10001', before: '2023', after: '2025' },
        }),
      },
    ]);
  });
  after(() => h.close());

  const page = async (slug: string) => {
    const res = await h.app.inject(`/api/v1/library/published/${slug}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Page>();
  };

  it("a good example's before/after figures are the latest public release's values", async () => {
    const p = await page('exempel-stockholm');
    const cell = async (period: string) =>
      (await publishedRows(h.t.db, 'K10001', period)).find(
        (r) => r.level === 'municipality' && r.code === '0180' && r.sex === 'T',
      );
    const [b, a] = [await cell('2023'), await cell('2024')];
    assert.ok(b?.numerator && b.denominator && a?.numerator && a.denominator);
    // The release carries the cell key noise (±2 per unit cell): near the true 40/60 and 30/60.
    for (const [released, truth] of [
      [b.numerator, 40],
      [b.denominator, 60],
      [a.numerator, 30],
      [a.denominator, 60],
    ] as const)
      assert.ok(Math.abs(released - truth) <= 10, `${released} is near ${truth}`);
    assert.deepEqual(
      [p.figures?.before.status, p.figures?.before.numerator, p.figures?.before.denominator],
      ['', b.numerator, b.denominator],
    );
    assert.deepEqual(
      [p.figures?.after.status, p.figures?.after.numerator, p.figures?.after.denominator],
      ['', a.numerator, a.denominator],
    );
    assert.ok(Math.abs((p.figures?.before.value ?? 0) - (100 * b.numerator) / b.denominator) < 0.051);
    assert.ok(Math.abs((p.figures?.after.value ?? 0) - (100 * a.numerator) / a.denominator) < 0.051);
    assert.deepEqual(
      p.indicators.map((i) => i.id),
      ['K10001'],
    );
  });

  it('shows ".." where disclosure control hides the value, "." where nothing is published', async () => {
    const rows = await publishedRows(h.t.db, 'K10001', '2023');
    assert.equal(
      rows.find((r) => r.level === 'municipality' && r.code === '0115' && r.sex === 'T')?.status,
      'suppressed',
    );
    const p = await page('exempel-liten-kommun');
    assert.deepEqual(
      [
        p.figures?.before.status,
        p.figures?.before.value,
        p.figures?.before.numerator,
        p.figures?.before.denominator,
      ],
      ['..', null, null, null],
    );
    assert.deepEqual([p.figures?.after.status, p.figures?.after.value], ['.', null]);
  });

  it('seed content is marked as examples with the date it was written', async () => {
    const p = await page(SEED_ENTRIES[0]?.slug ?? '');
    assert.deepEqual([p.isSample, p.sampleWrittenOn], [true, SEED_WRITTEN_ON]);
    const ex = await page(SEED_EXAMPLE.slug);
    assert.equal(ex.kind, 'good_example');
    assert.equal(ex.figures?.indicatorId, SEED_EXAMPLE.indicatorId);
  });

  it('lists what works beside an indicator, strongest evidence first', async () => {
    const res = await h.app.inject('/api/v1/library/indicators/K10008');
    const slugs = res
      .json<{ entries: Array<{ slug: string; evidence: string }> }>()
      .entries.map((e) => e.slug);
    assert.deepEqual(slugs, ['fallforebyggande-traning', 'lakemedelsgenomgang-fallrisk', SEED_EXAMPLE.slug]);
  });

  it("finds entries for a client's recorded interventions (KSI) and problems", async () => {
    const res = await h.app.inject('/api/v1/library/related?ksi=PHA.AE.MI&problem=falls');
    const slugs = res.json<{ entries: Array<{ slug: string }> }>().entries.map((e) => e.slug);
    assert.ok(slugs.includes('motiverande-samtal'));
    assert.ok(slugs.includes('fallforebyggande-traning'));
    assert.ok(slugs.includes('instrument-downton'));
    assert.ok(!slugs.includes('kbt-aterfallsprevention'));
    const bad = await h.app.inject('/api/v1/library/related?ksi=nope');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ errors: Array<{ field: string }> }>().errors[0]?.field, 'ksi.0');
  });

  it('an unknown entry is 404; a bad search filter is 400 naming it', async () => {
    assert.equal((await h.app.inject('/api/v1/library/published/finns-inte')).statusCode, 404);
    const bad = await h.app.inject('/api/v1/library/search?q=x&area=moon');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ errors: Array<{ field: string }> }>().errors[0]?.field, 'area.0');
  });
});
