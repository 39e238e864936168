import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import JSONstat from 'jsonstat-toolkit';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { testConfig } from '../../../test/support/db.js';
import { percent } from '../../domain/opendata/codes.js';
import { sendProblem, toProblem } from '../../server/problem.js';
import { readFixture } from '../../../test/support/fixtures.js';
import { keysInText } from '../../../test/support/json-order.js';
import { assertDefaultCellStyle } from '../../../test/support/xlsx-styles.js';
import { createOpendataRoutes } from './routes.js';
import {
  addPrivateIndicator,
  PRIVATE_INDICATOR,
  publishedRows,
  recordAndPublish,
  type PublishedRow,
} from './testing.js';

type Json = Record<string, unknown>;
const BASE = '/api/pxweb/v2';
const SEX: Record<string, string> = { '1+2': 'T', '1': 'M', '2': 'K' };

function nodeOf(region: string): [string, string] {
  if (region === '00') return ['nation', '0000'];
  return region.length === 2 ? ['region', region] : ['municipality', region];
}

describe('PxWeb API v2-compatible API', () => {
  let h: TestApp;
  const rows = new Map<string, PublishedRow[]>();
  const truth = (year: string, region: string, sex: string) => {
    const [level, code] = nodeOf(region);
    return rows.get(year)?.find((r) => r.level === level && r.code === code && r.sex === SEX[sex]);
  };
  const get = async (url: string, status = 200) => {
    const res = await h.app.inject(url);
    assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 300)}`);
    return res;
  };
  const post = async (url: string, payload: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url, payload });

  before(async () => {
    h = await openTestApp({ demo: true });
    await addPrivateIndicator(h.t.db);
    await recordAndPublish(h.t.db, 2023);
    await recordAndPublish(h.t.db, 2024);
    for (const y of ['2023', '2024']) rows.set(y, await publishedRows(h.t.db, 'K10001', y));
  });
  after(async () => h.close());

  it('describes itself in /config and lists public tables with search and paging', async () => {
    const config = (await get(`${BASE}/config`)).json<Json>();
    assert.deepEqual(
      [config['defaultDataFormat'], config['dataFormats']],
      ['json-stat2', ['json-stat2', 'csv', 'xlsx']],
    );
    const page1 = (await get(`${BASE}/tables?pageSize=5`)).json<{ tables: Json[]; page: Json }>();
    assert.equal(page1.tables.length, 5);
    assert.deepEqual([page1.page['pageNumber'], (page1.page['totalPages'] as number) > 1], [1, true]);
    const total = page1.page['totalElements'] as number;
    const all = (await get(`${BASE}/tables?pageSize=1000`))
      .json<{ tables: Json[] }>()
      .tables.map((t) => t['id']);
    assert.equal(all.length, total);
    assert.ok(!all.includes(PRIVATE_INDICATOR), 'a non-public indicator has no table');
    const found = (await get(`${BASE}/tables?query=fallit`)).json<{ tables: Json[] }>().tables;
    assert.deepEqual(
      found.map((t) => t['id']),
      ['K10008'],
    );
    await get(`${BASE}/tables/${PRIVATE_INDICATOR}`, 404);
    await get(`${BASE}/tables/${PRIVATE_INDICATOR}/data`, 404);
    const table = (await get(`${BASE}/tables/K10001?lang=en`)).json<Json>();
    assert.deepEqual(
      [
        table['language'],
        table['id'],
        table['type'],
        table['firstPeriod'],
        table['lastPeriod'],
        table['timeUnit'],
      ],
      ['en', 'K10001', 'Table', '2023', '2024', 'Annual'],
    );
  });

  it('gives metadata as JSON-stat 2.0 in the shape of the TAB638 example, read by jsonstat-toolkit', async () => {
    const fixture = readFixture<Json>('pxweb/pxapi2_example_dataset_meta_TAB638.json');
    const meta = (await get(`${BASE}/tables/K10001/metadata`)).json<Json>();
    for (const k of [
      'version',
      'class',
      'href',
      'label',
      'source',
      'updated',
      'role',
      'id',
      'size',
      'dimension',
      'extension',
      'value',
    ])
      assert.ok(k in meta && k in fixture, k);
    const ds = JSONstat(meta);
    assert.deepEqual(ds.id, ['Region', 'Kon', 'ContentsCode', 'Tid']);
    assert.deepEqual(ds.size, [312, 3, 3, 2]);
    assert.deepEqual(
      ds.Dimension('Region')?.id,
      JSONstat(fixture).Dimension('Region')?.id,
      'SCB codes, SCB order',
    );
    assert.deepEqual(ds.Dimension('Tid')?.id, ['2023', '2024']);
    assert.deepEqual([ds.role?.time, ds.role?.geo, ds.role?.metric], [['Tid'], ['Region'], ['ContentsCode']]);
    assert.equal(ds.source, 'Kunskapsnav');
    assert.ok(!JSON.stringify(meta).includes('Kolada'), 'never labelled as Kolada');
    const dflt = (await get(`${BASE}/tables/K10001/defaultselection`)).json<{ selection: Json[] }>();
    assert.deepEqual(
      dflt.selection.map((s) => s['variableCode']),
      ['Region', 'Kon', 'ContentsCode', 'Tid'],
    );
  });

  it('writes every JSON-stat category object in table order, on the raw response text', async () => {
    const urls = [
      `${BASE}/tables/K10001/metadata`,
      `${BASE}/tables/K10001/metadata?lang=en`,
      `${BASE}/tables/K10001/data?valuecodes[Region]=*&valuecodes[Kon]=*&valuecodes[ContentsCode]=*&valuecodes[Tid]=*`,
      `${BASE}/tables/K10001/data?valuecodes[Region]=TOP(2)&valuecodes[Kon]=*&valuecodes[ContentsCode]=rate&valuecodes[Tid]=2024`,
    ];
    for (const url of urls) {
      const text = (await get(url)).body;
      const parsed = JSON.parse(text) as { id: string[]; dimension: Record<string, { category: Json }> };
      assert.deepEqual(keysInText(text, ['dimension']), parsed.id, `${url}: dimensions in id order`);
      for (const dim of parsed.id) {
        const category = parsed.dimension[dim]?.category ?? {};
        const written = keysInText(text, ['dimension', dim, 'category', 'index']);
        const index = category['index'] as Record<string, number>;
        // The order a client reading keys in order sees is the table order: 0, 1, 2, ...
        assert.deepEqual(
          written.map((c) => index[c]),
          written.map((_, i) => i),
          `${url}: ${dim} index`,
        );
        for (const key of Object.keys(category).filter((k) => k !== 'index'))
          assert.deepEqual(
            keysInText(text, ['dimension', dim, 'category', key]),
            written,
            `${url}: ${dim} ${key}`,
          );
      }
      const regions = keysInText(text, ['dimension', 'Region', 'category', 'label']);
      assert.deepEqual(regions.slice(0, 2), ['00', '01'], url);
      assert.deepEqual(keysInText(text, ['dimension', 'Kon', 'category', 'label']), ['1+2', '1', '2'], url);
    }
    const top = (await get(urls[3] ?? '')).body;
    assert.deepEqual(keysInText(top, ['dimension', 'Region', 'category', 'index']), ['00', '01'], 'TOP(2)');
    const meta = (await get(urls[0] ?? '')).body;
    assert.deepEqual(keysInText(meta, ['dimension', 'Region', 'category', 'index']).slice(0, 4), [
      '00',
      '01',
      '0114',
      '0115',
    ]);
  });

  it('writes notes as SCB does (extension.note with mandatory) and links its code lists', async () => {
    const fixture = readFixture<{ extension: { note: Json[] } }>(
      'pxweb/pxapi2_example_dataset_meta_TAB638.json',
    );
    const text = (await get(`${BASE}/tables/K10001/metadata`)).body;
    const meta = JSON.parse(text) as {
      note?: unknown;
      extension: { note: Json[] };
      dimension: Record<string, { extension: Json }>;
    };
    assert.equal(meta.note, undefined, 'no top-level note: SCB writes notes in extension.note');
    const shape = (n: Json) => Object.keys(n).sort().join();
    assert.deepEqual(
      [...new Set(meta.extension.note.map(shape))],
      [...new Set(fixture.extension.note.map(shape))],
    );
    assert.ok(
      meta.extension.note.every((n) => typeof n['mandatory'] === 'boolean' && typeof n['text'] === 'string'),
    );
    assert.ok(
      meta.extension.note.some((n) => n['mandatory'] === true && String(n['text']).startsWith('"..":')),
    );
    assert.deepEqual(keysInText(text, ['dimension', 'ContentsCode', 'extension', 'valueNote']), [
      'rate',
      'numerator',
      'denominator',
    ]);
    const lists = meta.dimension['Region']?.extension['codeLists'] as Array<{ id: string; links: Json[] }>;
    assert.deepEqual(
      lists.map((l) => l.id),
      ['vs_RegionRiketLan', 'vs_RegionKommun'],
    );
    for (const l of lists) {
      const href = String(l.links[0]?.['href']);
      assert.equal(l.links[0]?.['rel'], 'metadata');
      assert.ok(href.startsWith('http://') && href.includes(`${BASE}/codelists/${l.id}`), href);
    }
  });

  it('serves /codelists/{id}, 404 for an unknown one, and selects with a code list', async () => {
    const counties = (await get(`${BASE}/codelists/vs_RegionRiketLan`)).json<{
      id: string;
      type: string;
      language: string;
      values: Array<{ code: string; label: string; valueMap: string[] }>;
    }>();
    assert.deepEqual(
      [counties.id, counties.type, counties.language],
      ['vs_RegionRiketLan', 'Valueset', 'sv'],
    );
    assert.deepEqual(counties.values.slice(0, 2), [
      { code: '00', label: 'Riket', valueMap: ['00'] },
      { code: '01', label: 'Stockholms län', valueMap: ['01'] },
    ]);
    assert.equal(counties.values.length, 22);
    const municipalities = (await get(`${BASE}/codelists/vs_regionkommun?lang=en`)).json<{
      values: Json[];
    }>();
    assert.equal(municipalities.values.length, 290);
    for (const [url, status] of [
      [`${BASE}/codelists/vs_Nope`, 404],
      [`${BASE}/codelists/vs_RegionKommun?lang=fi`, 400],
      [
        `${BASE}/tables/K10001/data?codelist[Region]=vs_Nope&valuecodes[Region]=*&valuecodes[Tid]=2024&valuecodes[ContentsCode]=rate`,
        400,
      ],
      [
        `${BASE}/tables/K10001/data?codelist[Region]=vs_RegionKommun&valuecodes[Tid]=2024&valuecodes[ContentsCode]=rate`,
        400,
      ],
    ] as const) {
      const res = await h.app.inject(url);
      assert.equal(res.statusCode, status, `${url}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/, url);
    }
    const byGet = JSONstat(
      (
        await get(
          `${BASE}/tables/K10001/data?codelist[Region]=vs_RegionRiketLan&valuecodes[Region]=*&valuecodes[Tid]=2024&valuecodes[ContentsCode]=rate`,
        )
      ).json(),
    );
    assert.deepEqual(
      byGet.Dimension('Region')?.id,
      counties.values.map((v) => v.code),
    );
    const byPost = await post(`${BASE}/tables/K10001/data`, {
      selection: [
        { variableCode: 'Region', codelist: 'vs_RegionKommun', valueCodes: ['TOP(2)'] },
        { variableCode: 'Tid', valueCodes: ['2024'] },
        { variableCode: 'ContentsCode', valueCodes: ['rate'] },
      ],
    });
    assert.equal(byPost.statusCode, 200, byPost.body);
    assert.deepEqual(JSONstat(byPost.json()).Dimension('Region')?.id, ['0114', '0115']);
  });

  it('answers data as JSON-stat with every value and status of the engine', async () => {
    const res = await get(
      `${BASE}/tables/K10001/data?valuecodes[Region]=*&valuecodes[Kon]=*&valuecodes[ContentsCode]=*&valuecodes[Tid]=*`,
    );
    const ds = JSONstat(res.json());
    assert.deepEqual(ds.size, [312, 3, 3, 2]);
    assert.equal(ds.n, 312 * 3 * 3 * 2);
    let suppressed = 0;
    let checked = 0;
    for (const region of ds.Dimension('Region')?.id ?? [])
      for (const sex of ['1+2', '1', '2'])
        for (const year of ['2023', '2024']) {
          const t = truth(year, region, sex);
          const at = (c: string) => ds.Data({ Region: region, Kon: sex, ContentsCode: c, Tid: year });
          if (!t) {
            assert.deepEqual(at('rate'), { value: null, status: '.' });
            continue;
          }
          checked++;
          if (t.status === 'suppressed') {
            suppressed++;
            for (const c of ['rate', 'numerator', 'denominator'])
              assert.deepEqual(at(c), { value: null, status: '..' });
            continue;
          }
          // A denominator perturbed to 0 (zeros and ones are perturbed too) has no rate: not stated.
          const rate =
            t.rate === null ? { value: null, status: '.' } : { value: percent(t.rate), status: null };
          assert.deepEqual(at('rate'), rate);
          assert.deepEqual([at('numerator')?.value, at('denominator')?.value], [t.numerator, t.denominator]);
        }
    assert.ok(checked > 20 && suppressed > 0, `${checked} published, ${suppressed} suppressed`);
  });

  it('selects with TOP, BOTTOM, FROM, TO, RANGE and wildcards, by GET and POST', async () => {
    const tid = async (expr: string) =>
      JSONstat(
        (
          await get(`${BASE}/tables/K10001/data?valuecodes[Tid]=${expr}&valuecodes[ContentsCode]=rate`)
        ).json(),
      ).Dimension('Tid')?.id;
    assert.deepEqual(await tid('TOP(1)'), ['2024']);
    assert.deepEqual(await tid('BOTTOM(1)'), ['2023']);
    assert.deepEqual(await tid('FROM(2024)'), ['2024']);
    assert.deepEqual(await tid('TO(2023)'), ['2023']);
    assert.deepEqual(await tid('[RANGE(2023,2024)]'), ['2023', '2024']);
    assert.deepEqual(await tid('[top(1,1)]'), ['2023']);
    const wild = JSONstat(
      (
        await get(
          `${BASE}/tables/K10001/data?valuecodes[Region]=01*&valuecodes[Tid]=2024&valuecodes[ContentsCode]=rate`,
        )
      ).json(),
    );
    assert.deepEqual(wild.Dimension('Region')?.id.slice(0, 3), ['01', '0114', '0115']);
    assert.deepEqual(wild.id, ['Region', 'ContentsCode', 'Tid'], 'Kon left out: eliminated to 1+2');
    const res = await post(`${BASE}/tables/K10001/data`, {
      selection: [
        { variableCode: 'Region', valueCodes: ['0180', '00'] },
        { variableCode: 'tid', valueCodes: ['RANGE(2023,2024)'] },
        { variableCode: 'ContentsCode', valueCodes: ['RATE'] },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const ds = JSONstat(res.json());
    assert.deepEqual(
      [ds.Dimension('Region')?.id, ds.Dimension('Tid')?.id],
      [
        ['00', '0180'],
        ['2023', '2024'],
      ],
    );
    assert.equal(
      ds.Data({ Region: '0180', ContentsCode: 'rate', Tid: '2024' })?.value,
      percent(truth('2024', '0180', '1+2')?.rate ?? NaN),
    );
  });

  it("reads booleans as PxWeb's ASP.NET server does: true/false in any case", async () => {
    const cases: Array<[string, number]> = [
      ['True', 200],
      ['False', 200],
      ['TRUE', 200],
      ['false', 200],
      ['true', 200],
      ['%20False%20', 200],
      ['yes', 400],
      ['1', 400],
      ['0', 400],
      ['', 400],
      ['Falsey', 400],
    ];
    for (const [value, status] of cases) {
      const res = await h.app.inject(`${BASE}/tables?includeDiscontinued=${value}&pageSize=1`);
      assert.equal(res.statusCode, status, `includeDiscontinued=${value}: ${res.body.slice(0, 200)}`);
      if (status === 400) {
        const problem = res.json<{ errors: Array<{ field: string }> }>();
        assert.deepEqual(
          problem.errors.map((e) => e.field),
          ['includeDiscontinued'],
          value,
        );
      }
    }
  });

  it('refuses bad selections with problem+json', async () => {
    const cases: Array<[string, number]> = [
      [`${BASE}/tables/K10001/data?valuecodes[Tid]=1999&valuecodes[ContentsCode]=rate`, 400],
      [`${BASE}/tables/K10001/data?valuecodes[Region]=00`, 400],
      [
        `${BASE}/tables/K10001/data?valuecodes[Bogus]=1&valuecodes[Tid]=2024&valuecodes[ContentsCode]=rate`,
        400,
      ],
      [`${BASE}/tables/K10001/data?outputFormat=px`, 400],
      [`${BASE}/tables/K10001/data?lang=fi`, 400],
    ];
    for (const [url, status] of cases) {
      const res = await h.app.inject(url);
      assert.equal(res.statusCode, status, url);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/, url);
    }
    const body = await post(`${BASE}/tables/K10001/data`, { selection: 'all' });
    assert.equal(body.statusCode, 422);
  });

  it('keeps suppressed cells suppressed in CSV and XLSX', async () => {
    const query =
      'valuecodes[Region]=00,01,0115,0180&valuecodes[Kon]=1+2&valuecodes[Tid]=2024&valuecodes[ContentsCode]=*';
    const csv = await get(`${BASE}/tables/K10001/data?${query.replaceAll('+', '%2B')}&outputFormat=csv`);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.deepEqual(lines[0], 'Region,Kon,rate 2024,numerator 2024,denominator 2024');
    const byRegion = new Map(lines.slice(1).map((l) => [l.split(',')[0], l.split(',').slice(2)]));
    for (const region of ['00', '01', '0115', '0180']) {
      const t = truth('2024', region, '1+2');
      const expected = !t
        ? ['.', '.', '.']
        : t.status === 'suppressed'
          ? ['..', '..', '..']
          : [String(percent(t.rate ?? NaN)), String(t.numerator), String(t.denominator)];
      assert.deepEqual(byRegion.get(region), expected, region);
    }
    assert.deepEqual(byRegion.get('0115'), ['..', '..', '..']);

    const xlsx = await h.app.inject(
      `${BASE}/tables/K10001/data?${query.replaceAll('+', '%2B')}&outputFormat=xlsx`,
    );
    assert.equal(xlsx.statusCode, 200);
    await assertDefaultCellStyle(xlsx.rawPayload);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const cells = new Map<string, unknown[]>();
    sheet?.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      cells.set(String(values[0]), values.slice(2));
    });
    assert.deepEqual(cells.get('0115'), ['..', '..', '..']);
    const t = truth('2024', '0180', '1+2');
    assert.deepEqual(cells.get('0180'), [percent(t?.rate ?? NaN), t?.numerator, t?.denominator]);
    const texts = await get(
      `${BASE}/tables/K10001/data?${query.replaceAll('+', '%2B')}&outputFormat=csv&outputFormatParams=SeparatorSemicolon,UseTexts`,
    );
    assert.ok(texts.body.includes('Vallentuna;totalt;..;..;..'), texts.body);
  });

  it('refuses more cells than the limit with a 403 problem', async () => {
    const app = Fastify({ logger: false });
    app.setErrorHandler((err, req, reply) => sendProblem(reply, toProblem(err, req)));
    await createOpendataRoutes({ maxDataCells: 50, docs: false })(app, { db: h.t.db, config: testConfig() });
    await app.ready();
    try {
      const small = await app.inject(
        `${BASE}/tables/K10001/data?valuecodes[Region]=00,0180&valuecodes[Tid]=*&valuecodes[ContentsCode]=*`,
      );
      assert.equal(small.statusCode, 200, small.body);
      const res = await app.inject(
        `${BASE}/tables/K10001/data?valuecodes[Region]=*&valuecodes[Tid]=*&valuecodes[ContentsCode]=*`,
      );
      assert.equal(res.statusCode, 403);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.match(res.json<{ detail: string }>().detail, /1872 cells; at most 50/);
    } finally {
      await app.close();
    }
  });
});
