import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, skipBrowser } from '../support/browser.js';
import { publishNation } from '../support/opendata.js';
import {
  asShown,
  bandHex,
  BAND_TEXT,
  countBands,
  definitions,
  expectedRanking,
  koladaAll,
  profileSeries,
  shown,
  sv,
  unitWithValue,
  valueIn,
  type KoladaItem,
} from '../support/public-api.js';
import {
  assertNoSeriousAxe,
  chartSeries,
  download,
  drawnMap,
  mapDegreeRatio,
  mapPoint,
  RANKING_HEADER,
  rankingCells,
  rankingShown,
  readCsv,
  readXlsx,
  shownRanking,
  texts,
} from '../support/public-page.js';
import { startTestServer, type RunningServer } from '../support/server.js';
import { settleSurveyEverywhere } from '../support/survey-counts.js';

/**
 * The public open-comparison pages against the public APIs they read, over Senior Alert values
 * published for all 290 municipalities (2022–2024). K10008 (falls, lower is better) has many
 * suppressed values; K10001 (risk assessed, higher is better) feeds profiles, regions and units.
 */
const KPI = 'K10008';
const KPI_UP = 'K10001';
const YEAR = 2024;
const YEARS = [2022, 2023, 2024];
const KIRUNA = '2584';
const STOCKHOLM = '0180';
const NORRBOTTEN = '25';
/** A user-survey measure, published for women and men together only. */
const SURVEY_KPI = 'K41001';

describe('public open-comparison pages in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let falls: Awaited<ReturnType<typeof expectedRanking>>;
  let assessed: Awaited<ReturnType<typeof expectedRanking>>;
  let defs: Awaited<ReturnType<typeof definitions>>;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer({ demo: true }), launchBrowser()]);
    await settleSurveyEverywhere(server.t.db, SURVEY_KPI, YEAR);
    await publishNation(server.t.db);
    defs = await definitions(server.url);
    assert.equal(defs.get(KPI)?.direction, 'lower');
    assert.equal(defs.get(KPI_UP)?.direction, 'higher');
    [falls, assessed] = await Promise.all([
      expectedRanking(server.url, KPI, YEAR, 'lower'),
      expectedRanking(server.url, KPI_UP, YEAR, 'higher'),
    ]);
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // The data must hold what the tests look for: 290 municipalities, "..", every band.
    assert.equal(falls.rows.length, 290);
    assert.ok(falls.rows.some((r) => r.status === '..'));
    assert.deepEqual(Object.keys(countBands(falls.rows)).sort(), ['best', 'middle', 'missing', 'worst']);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the indicators with their latest year and the 21 regions', async () => {
    await page.goto(`${server.url}/jamforelser`);
    const item = page.locator('.pub-indicators li', { hasText: KPI });
    await item.waitFor();
    assert.equal(await page.locator('h1').textContent(), 'Öppna jämförelser');
    assert.deepEqual(await texts(item), ['Andel personer 65+ som fallit K10008 · Senaste år: 2024']);
    assert.equal(await page.locator('.pub-regions li').count(), 21);
    // Which release the numbers come from, and when the next one is due.
    const { latest } = (await (await fetch(`${server.url}/api/public/releases`)).json()) as {
      latest: { version: string };
    };
    const note = page.locator('.pub-release p[data-release]');
    await note.waitFor();
    assert.equal(await note.getAttribute('data-release'), latest.version);
    assert.match(
      (await note.textContent()) ?? '',
      /^Siffrorna kommer från utgåva \d{4}\.\d{2}\.\d+, publicerad \d{4}-\d{2}-\d{2}\. Nästa utgåva: \d{4}-\d{2}-01\.$/,
    );
    await assertNoSeriousAxe(page);
    await screenshot(page, 'public-list');
  });

  it('draws 290 municipalities on the map in their bands, credits SCB and opens a profile on click', async () => {
    await page.goto(`${server.url}/jamforelser/${KPI}`);
    await page.locator('.pub-map-canvas[data-state="ready"]').waitFor();
    const map = await drawnMap(page);
    assert.equal(map.data, 290);
    assert.equal(map.paths, 290);
    const ratio = await mapDegreeRatio(page);
    assert.ok(Math.abs(ratio - 0.5) < 0.01, `Sweden keeps its shape: ${ratio}`);
    const counts = countBands(falls.rows);
    assert.deepEqual(map.fills, Object.fromEntries(Object.entries(counts).map(([b, n]) => [bandHex(b), n])));
    assert.deepEqual(
      await texts(page.locator('.pub-legend li')),
      ['best', 'middle', 'worst', 'missing'].map((b) => `${BAND_TEXT[b]} (${counts[b]})`),
    );
    assert.match((await page.locator('.pub-map figcaption').textContent()) ?? '', /Källa: SCB/);
    await assertNoSeriousAxe(page);
    await screenshot(page, 'public-indicator');

    const kiruna = falls.rows.find((r) => r.code === KIRUNA);
    assert.ok(kiruna);
    const point = await mapPoint(page, KIRUNA);
    assert.equal(point.fill, bandHex(kiruna.band));
    await page.mouse.move(point.x, point.y);
    const tooltip = page.locator('.pub-map-canvas div', { hasText: 'Kiruna' }).last();
    await tooltip.waitFor();
    const value = kiruna.value === null ? kiruna.status : `${sv(kiruna.value)} %`;
    assert.equal(await tooltip.textContent(), `Kiruna${value} – ${BAND_TEXT[kiruna.band]}`);
    await page.mouse.click(point.x, point.y);
    await page.waitForURL(/\/jamforelser\/kommun\/2584$/);
    await page.locator('h1', { hasText: 'Kiruna' }).waitFor();
  });

  it('shows a survey measure for women and men together, whatever ?kon asks', async () => {
    const direction = defs.get(SURVEY_KPI)?.direction;
    assert.ok(direction);
    const expected = await expectedRanking(server.url, SURVEY_KPI, YEAR, direction);
    assert.ok(expected.rows.filter((r) => r.value !== null).length > 250);
    // Kolada has no K or M values for it to show.
    const women = await expectedRanking(server.url, SURVEY_KPI, YEAR, direction, 'K');
    assert.equal(women.rows.filter((r) => r.value !== null).length, 0);
    await page.goto(`${server.url}/jamforelser/${SURVEY_KPI}?kon=K`);
    await rankingShown(page);
    assert.equal(await page.locator('.filters select').count(), 1, 'the year only, no sex selector');
    assert.equal(
      await page.locator('[data-sex="total-only"]').textContent(),
      'Redovisas för kvinnor och män tillsammans: enkätsvaren anger inte kön.',
    );
    assert.deepEqual(await shownRanking(page), expected.rows.map(asShown));
    await assertNoSeriousAxe(page);
  });

  it('ranks every municipality as the API does, colours its band and explains ".."', async () => {
    await page.goto(`${server.url}/jamforelser/${KPI}`);
    await rankingShown(page);
    assert.deepEqual(await shownRanking(page), falls.rows.map(asShown));
    const nation = falls.nation?.value;
    assert.ok(typeof nation === 'number');
    assert.match(
      (await page.getByTestId('nation-value').textContent()) ?? '',
      new RegExp(`^${sv(nation)} %`),
    );
    assert.equal(await page.locator('tr.pub-reference-row td.num').first().textContent(), sv(nation));
    assert.match(
      (await page.locator('.pub-notes').textContent()) ?? '',
      /”\.\.” betyder att värdet inte visas/,
    );

    // Another year and sex through the query string.
    const women2023 = await expectedRanking(server.url, KPI, 2023, 'lower', 'K');
    await page.goto(`${server.url}/jamforelser/${KPI}?ar=2023&kon=K`);
    await page.locator('table.pub-ranking caption', { hasText: '2023, Kvinnor' }).waitFor();
    await rankingShown(page);
    assert.deepEqual(
      (await shownRanking(page)).map(({ code, value, band }) => ({ code, value, band })),
      women2023.rows.map(({ code, band, ...v }) => ({ code, value: shown(v), band })),
    );
  });

  it('downloads the ranking as CSV, Swedish-Excel CSV and XLSX with the API values, ".." kept', async () => {
    await page.goto(`${server.url}/jamforelser/${KPI}`);
    await rankingShown(page);
    // [code, rank, value, status]: the nation as in the table, then every municipality in rank
    // order; a suppressed value is an empty cell with ".." in the status column.
    const nation = falls.nation;
    assert.ok(nation);
    const expected = [
      ['0000', null, nation.value, nation.value === null ? nation.status : ''],
      ...falls.rows.map((r) => [r.code, r.rank, r.value, r.value === null ? r.status : '']),
    ];
    assert.ok(expected.some((r) => r[2] === null && r[3] === '..'));

    const csv = await download(page, 'csv');
    assert.equal(csv.name, `${KPI}-${YEAR}-T.csv`);
    const [head, ...body] = readCsv(csv.bytes);
    assert.deepEqual(head, RANKING_HEADER);
    assert.equal(body.length, 1 + 290);
    assert.equal(body[0]?.[2], 'Riket');
    assert.deepEqual(rankingCells(body), expected);
    assert.ok(body.every((r) => /^(\d+(\.\d)?)?$/.test(r[3] ?? 'x')));

    const excel = await download(page, 'excel-csv');
    assert.equal(excel.name, `${KPI}-${YEAR}-T-excel.csv`);
    assert.deepEqual([...excel.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const [excelHead, ...excelBody] = readCsv(excel.bytes, true);
    assert.deepEqual(excelHead, RANKING_HEADER);
    assert.deepEqual(rankingCells(excelBody), expected);
    assert.ok(excelBody.every((r) => /^(\d+(,\d)?)?$/.test(r[3] ?? 'x')));
    assert.ok(excelBody.some((r) => r[3]?.includes(',')));

    const xlsx = await download(page, 'xlsx');
    assert.equal(xlsx.name, `${KPI}-${YEAR}-T.xlsx`);
    const { rows } = await readXlsx(xlsx.bytes);
    assert.deepEqual(rows[0], RANKING_HEADER);
    assert.deepEqual(rankingCells(rows.filter((r) => /^\d{4}$/.test(String(r[1])))), expected);
    assert.ok(rows.some((r) => /^”\.\.” betyder/.test(String(r[0]))));
  });

  it('compares a municipality with the nation, its SKR group and similar municipalities by year', async () => {
    const { name, ids, items } = await profileSeries(server.url, STOCKHOLM, KPI_UP);
    const mine = assessed.rows.find((r) => r.code === STOCKHOLM);
    assert.ok(mine?.rank);
    const ranked = assessed.rows.filter((r) => r.rank !== null).length;

    await page.goto(`${server.url}/jamforelser/kommun/${STOCKHOLM}`);
    const summary = page.locator(`table.pub-summary tr[data-kpi="${KPI_UP}"]`);
    await summary.getByText(/Rang \d+ av \d+/).waitFor();
    assert.deepEqual(await texts(summary.locator('th, td')), [
      'Andel personer 65+ som riskbedömts',
      String(YEAR),
      shown(valueIn(items, STOCKHOLM, YEAR)),
      `${BAND_TEXT[mine.band]} Rang ${mine.rank} av ${ranked}`,
      ...ids.slice(1).map((id) => shown(valueIn(items, id, YEAR))),
    ]);

    const card = page.locator(`article.pub-card[data-kpi="${KPI_UP}"]`);
    const heads = ['År', name, 'Riket', 'Kommungruppen', 'Liknande kommuner'];
    assert.deepEqual(await texts(card.locator('thead th')), heads);
    const trend = await Promise.all(
      YEARS.map((_, i) => texts(card.locator('tbody tr').nth(i).locator('th, td'))),
    );
    assert.deepEqual(
      trend,
      YEARS.map((y) => [String(y), ...ids.map((id) => shown(valueIn(items, id, y)))]),
    );
    // The test data make Stockholm's share change every year: a trend, not a constant.
    assert.equal(new Set(YEARS.map((y) => valueIn(items, STOCKHOLM, y)?.value)).size, 3);
    await card.locator('.pub-trend svg').waitFor();
    assert.deepEqual(
      await chartSeries(page, `article.pub-card[data-kpi="${KPI_UP}"] .pub-trend`),
      ids.map((id) => YEARS.map((y) => valueIn(items, id, y)?.value ?? null)),
    );
    await assertNoSeriousAxe(page);
    await screenshot(page, 'public-profile');
  });

  it('shows a county’s municipalities banded against the whole country', async () => {
    const county = assessed.rows.filter((r) => r.code.startsWith(NORRBOTTEN));
    const id = `00${NORRBOTTEN}`;
    const region = await koladaAll<KoladaItem>(
      server.url,
      `data/kpi/${KPI_UP}/municipality/${id}/year/${YEAR}`,
    );
    await page.goto(`${server.url}/jamforelser/region/${NORRBOTTEN}`);
    await page.locator('.pub-map-canvas[data-state="ready"]').waitFor();
    await rankingShown(page, county.length);
    assert.equal(await page.locator('h1').textContent(), 'Norrbottens län');
    assert.deepEqual(await shownRanking(page), county.map(asShown));
    assert.equal((await drawnMap(page)).paths, county.length);
    const ratio = await mapDegreeRatio(page);
    assert.ok(Math.abs(ratio - 0.5) < 0.01, `the county keeps its shape: ${ratio}`);
    const countyValue = page.locator('tr.pub-reference-row', { hasText: 'Länet' }).locator('td.num').first();
    assert.equal(await countyValue.textContent(), shown(valueIn(region, id, YEAR)));
    await assertNoSeriousAxe(page);
    await screenshot(page, 'public-region');
  });

  it('shows a unit’s values against its municipality and the nation', async () => {
    const { ou, title, municipality, items } = await unitWithValue(server.url, KPI_UP, YEAR);
    await page.goto(`${server.url}/jamforelser/enhet/${ou}`);
    const row = page.locator(`article.pub-card[data-kpi="${KPI_UP}"] tbody tr`, { hasText: String(YEAR) });
    await row.waitFor();
    assert.equal(await page.locator('h1').textContent(), title);
    assert.deepEqual(await texts(row.locator('th, td')), [
      String(YEAR),
      ...[ou, municipality, '0000'].map((id) => shown(valueIn(items, id, YEAR))),
    ]);
    await assertNoSeriousAxe(page);
    await screenshot(page, 'public-unit');
  });

  it('switches an indicator page to English', async () => {
    const english = defs.get(KPI)?.en;
    const nation = falls.nation?.value;
    assert.ok(english && typeof nation === 'number');
    await page.goto(`${server.url}/jamforelser/${KPI}`);
    await rankingShown(page, 1);
    await page.getByRole('button', { name: 'In English' }).click();
    await page.locator('h1', { hasText: english }).waitFor();
    assert.equal(await page.locator('h1').textContent(), english);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('table.pub-ranking thead th').nth(1).textContent(), 'Municipality');
    assert.match(
      (await page.getByTestId('nation-value').textContent()) ?? '',
      new RegExp(`^${nation.toFixed(1)} %`),
    );
  });

  it('fetches each page’s first data once, through the preloads its HTML names', async () => {
    const pages: Array<[string, string]> = [
      ['/jamforelser', `/api/kolada/v3/kpi`],
      [`/jamforelser/${KPI}`, `/api/kolada/v3/data/kpi/${KPI}/year/${YEAR}`],
      [`/jamforelser/kommun/${STOCKHOLM}`, `/api/v1/org/municipalities/${STOCKHOLM}`],
      [`/jamforelser/region/${NORRBOTTEN}`, `/api/kolada/v3/data/kpi/${KPI_UP}/year/${YEAR}`],
    ];
    for (const [path, key] of pages) {
      const context = await browser.newContext();
      const cold = await context.newPage();
      const asked: string[] = [];
      cold.on('request', (r) => asked.push(r.url().slice(server.url.length)));
      await cold.goto(`${server.url}${path}`);
      await cold.locator('table tbody tr, .pub-indicators li').first().waitFor();
      await cold.waitForLoadState('networkidle');
      const links = await cold.locator('link[rel="preload"][as="fetch"]').all();
      const preloads = await Promise.all(links.map(async (l) => (await l.getAttribute('href')) ?? ''));
      assert.ok(preloads.includes(key), `${path} preloads ${key}: ${preloads.join(' ')}`);
      // A preload the page's own fetch did not match would be asked for a second time.
      for (const url of preloads)
        assert.equal(asked.filter((a) => a === url).length, 1, `${path}: ${url} asked once`);
      await context.close();
    }
  });
});
