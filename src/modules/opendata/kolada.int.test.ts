import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import type { Envelope } from '../../contracts/opendata.js';
import { percent } from '../../domain/opendata/codes.js';
import { fieldTypes, readFixture, readText, shapeDifferences } from '../../../test/support/fixtures.js';
import {
  addPrivateIndicator,
  BIG_CITIES_GROUP,
  PRIVATE_INDICATOR,
  publishedRows,
  recordAndPublish,
  type PublishedRow,
} from './testing.js';

interface ValueItem extends Record<string, unknown> {
  kpi: string;
  municipality?: string;
  ou?: string;
  period: number;
  isdeleted?: boolean;
  values: Array<{ gender: string; count: number; status: string; value: number | null; isdeleted: boolean }>;
}
type Item = Record<string, unknown>;

describe('Kolada v3-compatible API', () => {
  let h: TestApp;
  let rows2024: PublishedRow[];
  const get = async <T>(url: string) => {
    const res = await h.app.inject(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json<Envelope<T>>();
  };
  const published = (level: string, code: string, sex = 'T') =>
    rows2024.find((r) => r.level === level && r.code === code && r.sex === sex);

  before(async () => {
    h = await openTestApp({ demo: true });
    await addPrivateIndicator(h.t.db);
    await recordAndPublish(h.t.db, 2023);
    await recordAndPublish(h.t.db, 2024);
    rows2024 = await publishedRows(h.t.db, 'K10001', '2024');
  });
  after(async () => h.close());

  it('lists public KPIs with exactly the fields and types of Kolada v3 kpi', async () => {
    const fixture = readFixture<{ values: Item[] }>('kolada/kolada_v3_kpi.json').values;
    const body = await get<Item>('/api/kolada/v3/kpi');
    assert.ok(body.count >= 20);
    assert.deepEqual(shapeDifferences(fieldTypes(fixture), body.values), []);
    assert.deepEqual(Object.keys(body.values[0] ?? {}).sort(), Object.keys(fixture[0] ?? {}).sort());
    const k = body.values.find((v) => v['id'] === 'K10001');
    assert.deepEqual([k?.['publ_period'], typeof k?.['publication_date']], ['2024', 'string']);
    assert.ok(!body.values.some((v) => v['id'] === PRIVATE_INDICATOR), 'a non-public indicator is absent');
    assert.equal((await get<Item>(`/api/kolada/v3/kpi/${PRIVATE_INDICATOR}`)).count, 0);
    const search = await get<Item>('/api/kolada/v3/kpi?title=FALLIT');
    assert.deepEqual(
      search.values.map((v) => v['id']),
      ['K10008'],
    );
  });

  it('lists the nation, regions (L) and municipalities (K) exactly as Kolada v3 municipality', async () => {
    const fixture = readFixture<{ values: Item[] }>('kolada/kolada_v3_municipality.json').values;
    const body = await get<Item>('/api/kolada/v3/municipality');
    assert.deepEqual(shapeDifferences(fieldTypes(fixture), body.values), []);
    // Every row as Kolada has it, titles included ("Region Stockholm", not "Stockholms län").
    const row = (v: Item) => `${String(v['id'])}:${String(v['type'])}:${String(v['title'])}`;
    assert.deepEqual(body.values.map(row).sort(), fixture.map(row).sort());
    assert.equal(body.values.find((v) => v['id'] === '0001')?.['title'], 'Region Stockholm');
    assert.equal((await get<Item>('/api/kolada/v3/municipality?region_type=L')).count, 22);
    assert.equal((await get<Item>('/api/kolada/v3/municipality?region_type=K')).count, 290);
    const lund = await get<Item>('/api/kolada/v3/municipality?title=lund');
    assert.ok(lund.values.some((v) => v['id'] === '1281'));
  });

  it('lists SKR and similar-municipality groups with Kolada v3 members', async () => {
    const fixture = readFixture<{ values: Item[] }>('kolada/kolada_v3_municipality_groups.json').values;
    const body = await get<Item>('/api/kolada/v3/municipality_groups');
    assert.deepEqual(shapeDifferences(fieldTypes(fixture), body.values), []);
    const members = fixture.flatMap((g) => g['members'] as Item[]);
    const ours = body.values.flatMap((g) => g['members'] as Item[]);
    assert.deepEqual(shapeDifferences(fieldTypes(members), ours), []);
    const big = await get<Item>(`/api/kolada/v3/municipality_groups/${BIG_CITIES_GROUP}`);
    assert.deepEqual(
      (big.values[0]?.['members'] as Item[]).map((m) => m['member_id']),
      ['0180', '1280', '1480'],
    );
    assert.ok(body.values.some((g) => String(g['title']).startsWith('Liknande kommuner')));
    // Every group of the reference data, each with all its members (regions included).
    assert.equal(body.values.length, fixture.length);
    const membersOf = (groups: Item[]) =>
      new Map(
        groups.map((g) => [
          String(g['id']),
          (g['members'] as Item[])
            .map((m) => `${String(m['member_id'])}:${String(m['member_title'])}`)
            .sort(),
        ]),
      );
    const theirs = membersOf(fixture);
    const mismatched = [...membersOf(body.values)].filter(
      ([id, m]) => JSON.stringify(m) !== JSON.stringify(theirs.get(id)),
    );
    assert.deepEqual(mismatched.slice(0, 3), []);
    const regionGroup = body.values.find((g) => g['id'] === 'G176786');
    assert.equal((regionGroup?.['members'] as Item[]).length, 7);
    const kg = await get<Item>('/api/kolada/v3/kpi_groups');
    assert.ok(kg.values.every((g) => (g['members'] as Item[]).length > 0));
  });

  it('answers data with Kolada v3 value shapes, the numbers of the engine and ".." for suppressed', async () => {
    const body = await get<ValueItem>(
      '/api/kolada/v3/data/kpi/K10001/municipality/0180,0115,0001,0000/year/2024',
    );
    assert.deepEqual(
      body.values.map((v) => v.municipality),
      ['0180', '0115', '0001', '0000'],
    );
    for (const item of body.values) {
      assert.deepEqual(Object.keys(item).sort(), ['kpi', 'municipality', 'period', 'values']);
      assert.deepEqual([item.kpi, item.period], ['K10001', 2024]);
      const node =
        item.municipality === '0000'
          ? ['nation', '0000']
          : item.municipality?.startsWith('00')
            ? ['region', item.municipality.slice(2)]
            : ['municipality', item.municipality ?? ''];
      for (const v of item.values) {
        assert.deepEqual(Object.keys(v).sort(), ['count', 'gender', 'isdeleted', 'status', 'value']);
        assert.equal(v.isdeleted, false);
        const truth = published(node[0] ?? '', node[1] ?? '', v.gender);
        assert.ok(truth, `${item.municipality} ${v.gender} is published`);
        if (truth.status === 'suppressed') assert.deepEqual([v.value, v.status], [null, '..']);
        else assert.deepEqual([v.value, v.status, v.count], [percent(truth.rate ?? NaN), '', 1]);
      }
    }
    const small = body.values.find((v) => v.municipality === '0115');
    assert.deepEqual(
      small?.values.map((v) => v.status),
      ['..', '..', '..'],
      'three persons: suppressed',
    );
    // Real Kolada values as rKolada flattens them: value columns, plus kpi, year (our period) and
    // municipality_id (our municipality) from the item.
    const header = readText('kolada/sample_values_n00945.csv').split('\n')[0] ?? '';
    const columns = header.split(',').map((c) => c.replaceAll('"', ''));
    // isdeleted is not among rKolada's columns (it drops it); the others are all there.
    const valueKeys = Object.keys(body.values[0]?.values[0] ?? {}).filter((k) => k !== 'isdeleted');
    assert.deepEqual(valueKeys.sort(), columns.filter((c) => valueKeys.includes(c)).sort());
    assert.deepEqual(valueKeys.sort(), ['count', 'gender', 'status', 'value']);
    assert.ok(['kpi', 'year', 'municipality_id'].every((c) => columns.includes(c)));
  });

  it('gives a group the unweighted mean of its members, count = members that contributed', async () => {
    const body = await get<ValueItem>(
      `/api/kolada/v3/data/kpi/K10001/municipality/${BIG_CITIES_GROUP}/year/2024`,
    );
    const t = body.values[0]?.values.find((v) => v.gender === 'T');
    const members = ['0180', '1280', '1480'].map((m) => published('municipality', m));
    const rates = members.flatMap((m) => (m?.status === 'ok' && m.rate !== null ? [m.rate] : []));
    assert.equal(rates.length, 3);
    assert.deepEqual([t?.count, t?.value, t?.status], [3, percent(rates.reduce((a, b) => a + b, 0) / 3), '']);
  });

  it('gives a group of regions the unweighted mean of its published regions', async () => {
    const group = (await get<Item>('/api/kolada/v3/municipality_groups/G205662')).values[0];
    const members = (group?.['members'] as Item[]).map((m) => String(m['member_id']));
    const body = await get<ValueItem>('/api/kolada/v3/data/kpi/K10001/municipality/G205662/year/2024');
    const t = body.values[0]?.values.find((v) => v.gender === 'T');
    const rates = members.flatMap((m) => {
      const r = published('region', m.slice(2));
      return r?.status === 'ok' && r.rate !== null ? [r.rate] : [];
    });
    assert.ok(rates.length > 0, 'some member region is published');
    assert.deepEqual(
      [t?.count, t?.value],
      [rates.length, percent(rates.reduce((a, b) => a + b, 0) / rates.length)],
    );
  });

  it('pages with per_page and absolute next_url/previous_url until the end', async () => {
    const all = await get<ValueItem>('/api/kolada/v3/data/kpi/K10001/year/2024');
    assert.equal(all.next_url, null);
    let url: string | null = '/api/kolada/v3/data/kpi/K10001/year/2024?per_page=7';
    const seen: string[] = [];
    let pages = 0;
    while (url) {
      const page: Envelope<ValueItem> = await get<ValueItem>(url.replace(/^https?:\/\/[^/]+/, ''));
      if (pages > 0) assert.ok(page.previous_url?.startsWith('http://'), 'previous_url is absolute');
      assert.equal(page.next_page, page.next_url);
      seen.push(...page.values.map((v) => v.municipality ?? ''));
      url = page.next_url;
      pages++;
    }
    assert.deepEqual(
      seen,
      all.values.map((v) => v.municipality),
    );
    assert.equal(pages, Math.ceil(all.count / 7));
    const res = await h.app.inject('/api/kolada/v3/kpi?per_page=5001');
    assert.equal(res.statusCode, 400);
  });

  it('takes at most 25 ids a segment: 26 is a 400 problem naming the segment', async () => {
    const codes = (await get<Item>('/api/kolada/v3/municipality?region_type=K')).values.map((v) =>
      String(v['id']),
    );
    const ok = await h.app.inject(
      `/api/kolada/v3/data/kpi/K10001/municipality/${codes.slice(0, 25).join(',')}/year/2024`,
    );
    assert.equal(ok.statusCode, 200);
    for (const url of [
      `/api/kolada/v3/data/kpi/K10001/municipality/${codes.slice(0, 26).join(',')}/year/2024`,
      `/api/kolada/v3/municipality/${codes.slice(0, 26).join(',')}`,
      `/api/kolada/v3/data/kpi/K10001/year/${Array.from({ length: 26 }, (_, i) => 2000 + i).join(',')}`,
    ]) {
      const res = await h.app.inject(url);
      assert.equal(res.statusCode, 400, url);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.equal(res.json<{ errors: Array<{ rule: string }> }>().errors[0]?.rule, 'too_many_ids');
    }
    const bad = await h.app.inject('/api/kolada/v3/data/kpi/K10001/municipality/01%E0%A4%A/year/2024');
    assert.equal(bad.statusCode, 400, 'a malformed escape is bad input, not a crash');
    const one = await h.app.inject('/api/kolada/v3/data/kpi/K10001');
    assert.equal(one.json<{ errors: Array<{ rule: string }> }>().errors[0]?.rule, 'two_of_three');
  });

  it('answers from_date with the items published since; ids that never had values are left out', async () => {
    const future = await get<ValueItem>('/api/kolada/v3/data/kpi/K10001/year/2024?from_date=2999-01-01');
    assert.equal(future.count, 0);
    const since = await get<ValueItem>(
      '/api/kolada/v3/data/kpi/K10001/municipality/0180,9999/year/2024?from_date=2000-01-01',
    );
    assert.deepEqual(
      since.values.map((v) => [v.municipality, v.isdeleted, v.values.length]),
      [['0180', false, 3]],
    );
  });

  it('applies the filters real Kolada clients send, table-driven', async () => {
    const ids = async (url: string) => (await get<Item>(url)).values.map((v) => String(v['id']));
    const kpis = await ids('/api/kolada/v3/kpi');
    const cases: Array<[string, (got: string[]) => boolean]> = [
      ['/api/kolada/v3/kpi?id=K10001,K10002', (got) => got.join() === 'K10001,K10002'],
      ['/api/kolada/v3/kpi?id=K10001', (got) => got.join() === 'K10001'],
      ['/api/kolada/v3/kpi/K10001,K10002?id=K10002', (got) => got.join() === 'K10002'],
      ['/api/kolada/v3/kpi?title=fallit', (got) => got.join() === 'K10008'],
      ['/api/kolada/v3/kpi?municipality_type=K', (got) => got.length === kpis.length],
      ['/api/kolada/v3/kpi?municipality_type=a', (got) => got.length === kpis.length],
      ['/api/kolada/v3/kpi?operating_area=%C3%A4ldre', (got) => got.includes('K10001')],
      ['/api/kolada/v3/kpi?operating_area=Individ-', (got) => !got.includes('K10001')],
      ['/api/kolada/v3/kpi?publ_period=2024', (got) => got.includes('K10001')],
      ['/api/kolada/v3/kpi?publ_period=2023', (got) => !got.includes('K10001')],
      ['/api/kolada/v3/kpi?from_date=2000-01-01', (got) => got.includes('K10001')],
      ['/api/kolada/v3/kpi?from_date=2999-01-01', (got) => got.length === 0],
      ['/api/kolada/v3/municipality?type=K', (got) => got.length === 290],
      ['/api/kolada/v3/municipality?type=L', (got) => got.length === 22],
      ['/api/kolada/v3/municipality?region_type=k', (got) => got.length === 290],
      ['/api/kolada/v3/municipality?id=0180,0001', (got) => got.join() === '0001,0180'],
      [`/api/kolada/v3/municipality_groups?id=${BIG_CITIES_GROUP}`, (got) => got.join() === BIG_CITIES_GROUP],
      ['/api/kolada/v3/kpi_groups?id=KGQ1', (got) => got.join() === 'KGQ1'],
    ];
    for (const [url, ok] of cases) {
      const got = await ids(url);
      assert.ok(ok(got), `${url}: ${got.slice(0, 10).join()}${got.length > 10 ? '…' : ''} (${got.length})`);
    }
  });

  it('refuses parameters it does not support with 400 naming them, instead of ignoring them', async () => {
    const cases: Array<[string, string, string]> = [
      ['/api/kolada/v3/kpi?kpi=K10001', 'kpi', 'unsupported_parameter'],
      ['/api/kolada/v3/kpi?description=fall', 'description', 'unsupported_parameter'],
      ['/api/kolada/v3/municipality?municipality_type=K', 'municipality_type', 'unsupported_parameter'],
      ['/api/kolada/v3/municipality?type=X', 'type', 'invalid_value'],
      ['/api/kolada/v3/municipality?type=K&region_type=L', 'region_type', 'conflict'],
      ['/api/kolada/v3/kpi?id=bogus', 'id', 'invalid_id'],
      ['/api/kolada/v3/kpi?publ_period=24', 'publ_period', 'invalid_format'],
      ['/api/kolada/v3/data/kpi/K10001/year/2024?gender=T', 'gender', 'unsupported_parameter'],
      [
        '/api/kolada/v3/data?kpi_id=K10001&year=2024&municipality=0180',
        'municipality',
        'unsupported_parameter',
      ],
      ['/api/kolada/v3/data/kpi/K10001/year/2024?municipality_id=0180', 'kpi_id', 'one_form'],
    ];
    for (const [url, field, rule] of cases) {
      const res = await h.app.inject(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/, url);
      const errors = res.json<{ errors: Array<{ field: string; rule: string }> }>().errors;
      assert.deepEqual([errors[0]?.field, errors[0]?.rule], [field, rule], url);
    }
  });

  it('accepts the query form /data?kpi_id=…&municipality_id=…&year=… and its trailing slash', async () => {
    const path = await get<ValueItem>('/api/kolada/v3/data/kpi/K10001/municipality/0180,0001/year/2023,2024');
    assert.ok(path.count >= 4);
    for (const url of [
      '/api/kolada/v3/data?kpi_id=K10001&municipality_id=0180,0001&year=2023,2024',
      '/api/kolada/v3/data/?kpi_id=K10001&municipality_id=0180,0001&year=2023,2024',
    ]) {
      const body = await get<ValueItem>(url);
      assert.deepEqual(body.values, path.values, url);
    }
    const two = await get<ValueItem>('/api/kolada/v3/data?municipality_id=0180&year=2024');
    assert.ok(two.values.some((v) => v.kpi === 'K10001'));
    const units = await get<ValueItem>('/api/kolada/v3/oudata?kpi_id=K10001&year=2024');
    assert.ok(units.count > 0);
    const one = await h.app.inject('/api/kolada/v3/data?kpi_id=K10001');
    assert.equal(one.statusCode, 400);
  });

  it('lists units and answers oudata by unit id', async () => {
    const units = await get<Item>('/api/kolada/v3/ou?municipality=0180');
    assert.ok(units.count > 0);
    assert.deepEqual(Object.keys(units.values[0] ?? {}).sort(), ['id', 'municipality', 'title']);
    const data = await get<ValueItem>('/api/kolada/v3/oudata/kpi/K10001/year/2024');
    assert.ok(data.count > 0);
    const unitRows = rows2024.filter((r) => r.level === 'unit' && r.sex === 'T');
    assert.equal(data.values.length, unitRows.length);
    const first = data.values[0];
    assert.deepEqual(Object.keys(first ?? {}).sort(), ['kpi', 'ou', 'period', 'values']);
    const one = await get<ValueItem>(`/api/kolada/v3/oudata/kpi/K10001/ou/${first?.ou ?? ''}/year/2024`);
    assert.deepEqual(one.values, [first]);
  });

  it('never serves a non-public indicator', async () => {
    assert.equal((await get<ValueItem>(`/api/kolada/v3/data/kpi/${PRIVATE_INDICATOR}/year/2024`)).count, 0);
    const byMunicipality = await get<ValueItem>('/api/kolada/v3/data/municipality/0180/year/2024');
    assert.ok(byMunicipality.values.some((v) => v.kpi === 'K10001'));
    assert.ok(!byMunicipality.values.some((v) => v.kpi === PRIVATE_INDICATOR));
    const { rows } = await h.t.db.query(
      `SELECT 1 FROM published_value WHERE indicator_id = $1 AND period = '2024'`,
      [PRIVATE_INDICATOR],
    );
    assert.ok(rows.length > 0, 'the engine did publish it internally; the API leaves it out');
    assert.equal(
      (await publishedRows(h.t.db, PRIVATE_INDICATOR, '2024')).length,
      0,
      'and no release holds it',
    );
  });

  it('keeps a tombstone of a withdrawn value and returns it with isdeleted: true to from_date', async () => {
    const url = (from?: string) =>
      `/api/kolada/v3/data/kpi/K10001/municipality/0180,1280/year/2023${from ? `?from_date=${from}` : ''}`;
    const before = await get<ValueItem>(url('2000-01-01'));
    assert.deepEqual(
      before.values.map((v) => [v.municipality, v.isdeleted, v.values.map((x) => x.isdeleted).join()]),
      [
        ['0180', false, 'false,false,false'],
        ['1280', false, 'false,false,false'],
      ],
    );
    // A new release without Stockholm's values and Malmö's women: the latest release copied, less
    // those cells, as the releaser would write a release in which they are gone.
    const { rows: firstRelease } = await h.t.db.query<{ id: number }>(
      'SELECT max(id) AS id FROM indicator_release',
    );
    const original = Number(firstRelease[0]?.id);
    const rerelease = async (keep: string, from?: number) => {
      await h.t.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: number }>('SELECT max(id) AS id FROM indicator_release');
        const last = Number(rows[0]?.id);
        const source = from ?? last;
        await tx.query(
          `INSERT INTO indicator_release (id, version, made_at, kind, made_by, periods, final_periods, method, tables,
             cells, suppressed)
           SELECT id + 1, version || '.t' || (id + 1), clock_timestamp(), 'on_demand', 'test', periods, final_periods,
                  method, tables, cells, suppressed
             FROM indicator_release WHERE id = $1`,
          [last],
        );
        await tx.query(
          `INSERT INTO released_table SELECT $1 + 1, indicator_id, version, period, cells, suppressed
             FROM released_table WHERE release_id = $2`,
          [last, source],
        );
        await tx.query(
          `INSERT INTO released_value SELECT $1 + 1, indicator_id, version, period, level, code, sex, numerator,
                  denominator, rate, ci_lower, ci_upper, status
             FROM released_value
            WHERE release_id = $2 AND (indicator_id <> 'K10001' OR period <> '2023' OR (${keep}))`,
          [last, source],
        );
      });
      await new Promise((r) => setTimeout(r, 250));
    };
    const syncedAt = new Date(Date.now() - 1000).toISOString();
    await rerelease(`NOT (level = 'municipality' AND (code = '0180' OR (code = '1280' AND sex = 'K')))`);
    const after = await get<ValueItem>(url(syncedAt));
    assert.deepEqual(
      after.values.map((v) => [
        v.municipality,
        v.isdeleted,
        v.values.map((x) => `${x.gender}:${x.isdeleted}`).join(),
      ]),
      [
        ['0180', true, 'T:true,K:true,M:true'],
        ['1280', false, 'T:false,K:true,M:false'],
      ],
    );
    assert.deepEqual(after.values[0]?.values[0], {
      gender: 'T',
      count: 0,
      status: '',
      value: null,
      isdeleted: true,
    });
    // Without from_date a withdrawn value is simply absent; after the withdrawal it is not news.
    const plain = await get<ValueItem>(url());
    assert.deepEqual(
      plain.values.map((v) => [v.municipality, v.values.length]),
      [['1280', 2]],
    );
    assert.equal((await get<ValueItem>(url('2999-01-01'))).count, 0);
    // A release with the values back withdraws nothing: they are present again.
    await rerelease('true', original);
    const back = await get<ValueItem>(url(syncedAt));
    assert.deepEqual(
      back.values.map((v) => [v.municipality, v.values.some((x) => x.isdeleted)]),
      [
        ['0180', false],
        ['1280', false],
      ],
    );
  });
});
