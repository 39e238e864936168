/**
 * npm run bench:pages -- [--loads 10]
 *
 * First render of the public open-comparison pages in Debian's Chromium (playwright-core) on
 * loopback: the real server with the built web app (`npm run build:web` first) over a database
 * with published values for all 290 municipalities (test/support/opendata.ts). Each page is
 * loaded `loads` times in a fresh browser context (cold cache each time, after one warm-up), and
 * the time from navigation start until its main content is drawn is reported: the heading and,
 * where the page has one, the ranking table's rows or the profile's summary. Goal: under 1 s.
 * Also prints the built bundles' sizes (raw and gzip) and, per page, whether the charts chunk
 * (ECharts, a dynamic import) was fetched: only pages that draw a chart should.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.js';
import { publishNation } from '../test/support/opendata.js';
import { startTestServer } from '../test/support/server.js';
import { intFlag, percentile } from './support.js';

const loads = intFlag('loads', 10);

interface PageCase {
  name: string;
  path: string;
  /** A selector that appears once the page shows its data. */
  ready: string;
}

const CASES: PageCase[] = [
  { name: 'indicator list', path: '/jamforelser', ready: 'main h1' },
  { name: 'indicator K10008 (ranking + map)', path: '/jamforelser/K10008', ready: 'table tbody tr' },
  { name: 'municipality profile 0180', path: '/jamforelser/kommun/0180', ready: 'table tbody tr' },
  { name: 'region 25', path: '/jamforelser/region/25', ready: 'table tbody tr' },
];

async function firstRender(page: Page, url: string, ready: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(ready).first().waitFor();
  // From the browser's own navigation start, so server, network and rendering all count.
  return page.evaluate(() => performance.now());
}

const ASSETS = path.resolve('dist/web/assets');

/** Raw and gzip bytes of the built script whose name starts with `prefix` (main-…, charts-…). */
function bundleSize(prefix: string): string {
  const file = fs.readdirSync(ASSETS).find((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js'));
  if (!file) return `${prefix}: not built`;
  const bytes = fs.readFileSync(path.join(ASSETS, file));
  const kb = (n: number) => `${(n / 1000).toFixed(0)} kB`;
  return `${prefix} ${kb(bytes.length)} (${kb(gzipSync(bytes).length)} gzip)`;
}

async function main(): Promise<void> {
  const [server, browser] = await Promise.all([startTestServer({ demo: true }), launchBrowser()]);
  try {
    await publishNation(server.t.db);
    process.stdout.write(`bundles: ${['main', 'charts'].map(bundleSize).join(', ')}\n`);
    process.stdout.write(`public pages, ${loads} cold loads each (fresh context), Chromium on loopback\n`);
    for (const c of CASES) {
      const times: number[] = [];
      let charts = false;
      for (let i = 0; i <= loads; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        page.on('request', (r) => {
          if (/\/assets\/charts-[^/]*\.js$/.test(r.url())) charts = true;
        });
        const ms = await firstRender(page, `${server.url}${c.path}`, c.ready);
        // After the measurement: what the page fetches once drawn (the charts chunk or not).
        await page.waitForLoadState('networkidle');
        if (i > 0) times.push(ms); // the first load warms the server's caches
        await context.close();
      }
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      const worst = times[times.length - 1] ?? 0;
      process.stdout.write(
        `${c.name.padEnd(36)} p50 ${p50.toFixed(0).padStart(5)} ms   max ${worst.toFixed(0).padStart(5)} ms   ` +
          `(goal < 1000 ms: ${worst < 1000 ? 'met' : 'NOT met'}); charts chunk ${charts ? 'loaded' : 'not loaded'}\n`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
