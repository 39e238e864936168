import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { parse, type Options } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { seriousAxeViolations } from './browser.js';

/**
 * Reading the public open-comparison pages in Chromium: the ECharts map (through the charts
 * chunk's `chartOf`), the ranking table, and the three downloads. The page functions run in the
 * browser; this file compiles without the DOM library, so they describe the little they use.
 */
interface Chart {
  getOption(): { series: Array<{ data?: unknown[] }> };
  convertToPixel(finder: { seriesIndex: number }, value: string | [number, number]): [number, number];
}
interface El {
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  scrollIntoView(options: object): void;
  textContent: string | null;
}
interface Win {
  document: { querySelector(selector: string): El | null; elementFromPoint(x: number, y: number): El | null };
  performance: { getEntriesByType(type: string): Array<{ name: string }> };
  getComputedStyle(el: El): { backgroundColor: string };
}

export interface DrawnMap {
  /** Data items in the map series' option, as ECharts holds it. */
  data: number;
  /** Areas drawn: the SVG renderer draws one path per municipality. */
  paths: number;
  /** Areas per fill colour. */
  fills: Record<string, number>;
}

/** What the map in `.pub-map-canvas` has drawn. */
export function drawnMap(page: Page): Promise<DrawnMap> {
  return page.evaluate(async () => {
    const w = globalThis as unknown as Win;
    const url = w.performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .find((n) => /\/assets\/charts-[^/]*\.js$/.test(n));
    if (!url) throw new Error('the charts chunk was not loaded');
    const charts = (await import(url)) as { chartOf(el: El): Chart | null };
    const el = w.document.querySelector('.pub-map-canvas');
    const chart = el && charts.chartOf(el);
    if (!el || !chart) throw new Error('no chart in .pub-map-canvas');
    const paths = Array.from(el.querySelectorAll('svg path'));
    const fills: Record<string, number> = {};
    for (const p of paths) {
      const fill = p.getAttribute('fill') ?? '';
      fills[fill] = (fills[fill] ?? 0) + 1;
    }
    return { data: chart.getOption().series[0]?.data?.length ?? 0, paths: paths.length, fills };
  });
}

/** The data of every series of the chart in the element `selector` matches, as ECharts holds it. */
export function chartSeries(page: Page, selector: string): Promise<unknown[][]> {
  return page.evaluate(async (selector) => {
    const w = globalThis as unknown as Win;
    const url = w.performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .find((n) => /\/assets\/charts-[^/]*\.js$/.test(n));
    const charts = (await import(url ?? '')) as { chartOf(el: El): Chart | null };
    const el = w.document.querySelector(selector);
    const chart = el && charts.chartOf(el);
    if (!chart) throw new Error(`no chart in ${selector}`);
    return chart.getOption().series.map((s) => s.data ?? []);
  }, selector);
}

/**
 * The viewport pixel of a municipality's centre (its code) or of [longitude, latitude] on the map,
 * converted by the chart itself, after scrolling the map into view; and the fill drawn there.
 */
export function mapPoint(
  page: Page,
  at: string | [number, number],
): Promise<{ x: number; y: number; fill: string | null }> {
  return page.evaluate(async (at) => {
    const w = globalThis as unknown as Win;
    const url = w.performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .find((n) => /\/assets\/charts-[^/]*\.js$/.test(n));
    const charts = (await import(url ?? '')) as { chartOf(el: El): Chart | null };
    const el = w.document.querySelector('.pub-map-canvas');
    const chart = el && charts.chartOf(el);
    if (!el || !chart) throw new Error('no chart in .pub-map-canvas');
    el.scrollIntoView({ block: 'center' });
    const [cx, cy] = chart.convertToPixel({ seriesIndex: 0 }, at);
    const box = el.getBoundingClientRect();
    const x = box.left + cx;
    const y = box.top + cy;
    return { x, y, fill: w.document.elementFromPoint(x, y)?.getAttribute('fill') ?? null };
  }, at);
}

/**
 * How long a degree of longitude is drawn against a degree of latitude on the map (between
 * 15° E 60° N and 17° E 62° N); the map's projection says 0.5 whatever the shape of its box.
 */
export async function mapDegreeRatio(page: Page): Promise<number> {
  const a = await mapPoint(page, [15, 60]);
  const b = await mapPoint(page, [17, 62]);
  return Math.abs(b.x - a.x) / Math.abs(b.y - a.y);
}

export interface ShownRow {
  code: string;
  rank: string;
  name: string;
  /** The value cell's text (".. (Röjandeskydd)" for a suppressed value). */
  value: string;
  band: string;
  bandText: string;
  swatch: string;
}

/** The municipality rows of the ranking table. */
export const RANKING_ROWS = 'table.pub-ranking tbody tr[data-code]';

/** Waits until the ranking table shows (at least) `n` municipalities. */
export function rankingShown(page: Page, n = 290): Promise<void> {
  return page
    .locator(RANKING_ROWS)
    .nth(n - 1)
    .waitFor();
}

/** The municipality rows of the ranking table, in the order shown. */
export function shownRanking(page: Page): Promise<ShownRow[]> {
  return page.locator(RANKING_ROWS).evaluateAll((rows: unknown[]) => {
    const w = globalThis as unknown as Win;
    // No named inner functions here: the test's transpiler would wrap them in a helper the page lacks.
    return (rows as El[]).map((tr) => {
      const cells = Array.from(tr.querySelectorAll('td, th'), (c) => (c.textContent ?? '').trim());
      const swatch = tr.querySelector('.pub-swatch');
      return {
        code: tr.getAttribute('data-code') ?? '',
        rank: cells[0] ?? '',
        name: cells[1] ?? '',
        value: cells[2] ?? '',
        band: tr.querySelector('.pub-band')?.getAttribute('data-band') ?? '',
        bandText: cells[6] ?? '',
        swatch: swatch ? w.getComputedStyle(swatch).backgroundColor : '',
      };
    });
  });
}

/** Presses the download button of a format and returns the file's name and bytes. */
export async function download(
  page: Page,
  format: 'csv' | 'excel-csv' | 'xlsx',
): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`.pub-downloads button[data-format="${format}"]`).first().click(),
  ]);
  return { name: file.suggestedFilename(), bytes: await fs.readFile(await file.path()) };
}

export type SheetCell = string | number | null;

/** The first sheet of an XLSX file as rows of plain values (row 1 first). */
export async function readXlsx(bytes: Buffer): Promise<{ sheet: string; rows: SheetCell[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no worksheet');
  const rows: SheetCell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: SheetCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value;
      cells[c - 1] = typeof v === 'number' || typeof v === 'string' ? v : null;
    });
    rows[n - 1] = Array.from(cells, (v) => v ?? null);
  });
  return { sheet: ws.name, rows: Array.from(rows, (r) => r ?? []) };
}

/** The header of a downloaded ranking (Swedish). */
export const RANKING_HEADER = ['Rang', 'Kod', 'Kommun', 'Värde (%)', 'Nedre gräns 95 % (%)'].concat([
  'Övre gräns 95 % (%)',
  'Täljare',
  'Nämnare',
  'Status',
  'Jämförelse',
]);

/** A downloaded CSV: UTF-8 with commas, or Swedish Excel's (semicolons, a byte-order mark). */
export function readCsv(bytes: Buffer, excel = false): string[][] {
  const options: Options = { delimiter: excel ? ';' : ',', bom: excel };
  return parse(bytes, options);
}

/** The trimmed texts of the matched elements, spaces collapsed. */
export async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Fails with the rule, help and elements of every serious or critical axe-core violation. */
export async function assertNoSeriousAxe(page: Page): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
  );
}

/**
 * [code, rank, value, status] of each row of a downloaded ranking, from CSV text (decimal point
 * or comma) or XLSX cells; empty cells are null (the status column "").
 */
export function rankingCells(rows: ReadonlyArray<ReadonlyArray<SheetCell | undefined>>) {
  const num = (c: SheetCell | undefined) =>
    c === null || c === undefined || c === ''
      ? null
      : typeof c === 'number'
        ? c
        : Number(c.replace(',', '.'));
  return rows.map((r) => [r[1] ?? null, num(r[0]), num(r[3]), r[8] ?? '']);
}
