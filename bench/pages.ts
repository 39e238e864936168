/**
 * npm run bench:pages -- [--loads 10] [--against http://127.0.0.1:PORT] [--against-dist DIR]
 *   [--url http://127.0.0.1:PORT] [--trace]
 *
 * First render of the public open-comparison pages in Debian's Chromium (playwright-core) on
 * loopback: the real server with the built web app (`npm run build:web` first) over a database
 * with published values for all 290 municipalities (test/support/opendata.ts). Each page is
 * loaded `loads` times in a fresh browser context (cold cache each time, after one warm-up).
 *
 * First render is the page's real content, not its shell: the indicator list's links, the
 * ranking table's rows, the profile's summary table. It is taken in the page itself: the frame
 * (requestAnimationFrame, just before its paint) in which that content is first in the document,
 * in ms from the browser's navigation start, so server, network, scripts and rendering all
 * count and the driver's polling does not. "seen" is the older, coarser figure: when the driver
 * noticed the content (it also waits for whatever script runs after the paint, e.g. the charts).
 *
 * `--against URL` loads the same pages from a second server (e.g. `main` started with
 * `tsx bench/pages-serve.ts` in another worktree) alternately with this one, so before and after
 * share the machine's load (`--against-dist DIR`: that worktree's dist/web, for its bundle sizes);
 * `--url URL` measures a running server instead of starting one.
 * Also prints the built bundles' sizes (raw and gzip) and, per page, whether the charts chunk
 * (ECharts, a dynamic import) was fetched: only pages that draw a chart should. `--trace` lays one
 * cold load of each page out on its timeline instead (./pages-trace.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.js';
import { publishNation } from '../test/support/opendata.js';
import { startTestServer } from '../test/support/server.js';
import { traceLoad } from './pages-trace.js';
import { intFlag, percentile } from './support.js';

const loads = intFlag('loads', 10);
const { values: flags } = parseArgs({
  options: {
    against: { type: 'string' },
    'against-dist': { type: 'string' },
    url: { type: 'string' },
    trace: { type: 'boolean' },
  },
  strict: false,
  allowPositionals: true,
});
const urlFlag = (name: 'against' | 'url') => (typeof flags[name] === 'string' ? flags[name] : null);

interface PageCase {
  name: string;
  path: string;
  /** A selector that appears once the page shows its data. */
  ready: string;
}

const CASES: PageCase[] = [
  { name: 'indicator list', path: '/jamforelser', ready: '.pub-indicators li a' },
  { name: 'indicator K10008 (ranking + map)', path: '/jamforelser/K10008', ready: 'table tbody tr' },
  { name: 'municipality profile 0180', path: '/jamforelser/kommun/0180', ready: 'table tbody tr' },
  { name: 'region 25', path: '/jamforelser/region/25', ready: 'table tbody tr' },
];

/**
 * Run before the page's own scripts: notes, as `window.firstRender`, the frame in which `ready`
 * first matches (a string: the bench compiles without the DOM's types).
 */
const watchFirstRender = (ready: string) => `
  (() => {
    const check = () => {
      if (window.firstRender !== undefined || !document.querySelector(${JSON.stringify(ready)})) return;
      window.firstRender = -1;
      observer.disconnect();
      requestAnimationFrame(() => (window.firstRender = performance.now()));
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
  })();`;

interface Load {
  painted: number;
  seen: number;
  charts: boolean;
  /**
   * The renderer's main thread until the content was seen (CDP Performance metrics), in ms: its
   * CPU time (less sensitive to the machine's load than the wall clock) and V8's script time.
   */
  cpu: number;
  script: number;
}

async function coldLoad(browser: Browser, url: string, ready: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    let charts = false;
    page.on('request', (r) => {
      if (/\/assets\/charts-[^/]*\.js$/.test(r.url())) charts = true;
    });
    await page.addInitScript({ content: watchFirstRender(ready) });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator(ready).first().waitFor();
    const seen = await page.evaluate(() => performance.now());
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => 1000 * (metrics.find((m) => m.name === name)?.value ?? 0);
    const painted = Number(
      await page
        .waitForFunction(() => {
          const t = (globalThis as { firstRender?: number }).firstRender;
          return t !== undefined && t >= 0 ? t : null;
        })
        .then((handle) => handle.jsonValue()),
    );
    // After the measurement: what the page fetches once drawn (the charts chunk or not).
    await page.waitForLoadState('networkidle');
    return {
      painted,
      seen,
      charts,
      cpu: metric('ThreadTime'),
      script: metric('ScriptDuration'),
    };
  } finally {
    await context.close();
  }
}

const kb = (n: number) => `${(n / 1000).toFixed(0)} kB`;

/** Raw and gzip bytes of the built script whose name starts with `prefix` (main-…, charts-…). */
function bundleSize(prefix: string, dist = 'dist/web'): string {
  const assets = path.resolve(dist, 'assets');
  const file = fs.readdirSync(assets).find((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js'));
  if (!file) return `${prefix}: not built`;
  const bytes = fs.readFileSync(path.join(assets, file));
  return `${prefix} ${kb(bytes.length)} (${kb(gzipSync(bytes).length)} gzip)`;
}

/** The scripts every page of the app fetches first: index.html's entry and the chunks it preloads. */
function firstLoadScripts(dist: string): string {
  const html = fs.readFileSync(path.resolve(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const sizes = files.map((f) => {
    const bytes = fs.readFileSync(path.resolve(dist, 'assets', f));
    return { name: f.replace(/-[\w-]{8}\.js$/, ''), raw: bytes.length, gzip: gzipSync(bytes).length };
  });
  const sum = (k: 'raw' | 'gzip') => kb(sizes.reduce((n, s) => n + s[k], 0));
  return `${sizes.map((s) => `${s.name} ${kb(s.raw)} (${kb(s.gzip)})`).join(' + ')} = ${sum('raw')} (${sum('gzip')} gzip)`;
}

function summary(label: string, list: Load[]): string {
  const painted = list.map((l) => l.painted).sort((a, b) => a - b);
  const seen = list.map((l) => l.seen).sort((a, b) => a - b);
  const p50 = (k: 'cpu' | 'script') =>
    percentile(
      list.map((l) => l[k]).sort((a, b) => a - b),
      50,
    );
  const worst = painted[painted.length - 1] ?? 0;
  const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
  return (
    `  ${label.padEnd(7)} p50 ${ms(percentile(painted, 50))}   max ${ms(worst)}   ` +
    `(goal < 1000 ms: ${worst < 1000 ? 'met' : 'NOT met'})   seen max ${ms(seen[seen.length - 1] ?? 0)}; ` +
    `charts chunk ${list.some((l) => l.charts) ? 'loaded' : 'not loaded'}\n` +
    `          main thread until seen, p50: CPU ${ms(p50('cpu'))}, scripts ${ms(p50('script'))}`
  );
}

async function main(): Promise<void> {
  const given = urlFlag('url');
  const against = urlFlag('against');
  const [server, browser] = await Promise.all([
    given ? null : startTestServer({ demo: true }),
    launchBrowser(),
  ]);
  try {
    if (server) await publishNation(server.t.db);
    const targets = [
      { label: against ? 'after' : 'this', url: given ?? server?.url ?? '' },
      ...(against ? [{ label: 'before', url: against }] : []),
    ];
    process.stdout.write(`bundles: ${['main', 'charts'].map((p) => bundleSize(p)).join(', ')}\n`);
    process.stdout.write(`first load's scripts: ${firstLoadScripts('dist/web')}\n`);
    const beforeDist = flags['against-dist'];
    if (typeof beforeDist === 'string')
      process.stdout.write(`first load's scripts (${beforeDist}): ${firstLoadScripts(beforeDist)}\n`);
    process.stdout.write(
      `public pages, ${loads} cold loads each (fresh context), Chromium on loopback` +
        `${against ? `, alternating with ${against}` : ''}; first render = content painted\n`,
    );
    for (const c of CASES) {
      if (flags.trace) {
        for (const target of targets) {
          await coldLoad(browser, `${target.url}${c.path}`, c.ready); // warms the server's caches
          const timeline = await traceLoad(
            browser,
            `${target.url}${c.path}`,
            c.ready,
            watchFirstRender(c.ready),
          );
          process.stdout.write(`${c.name} (${target.label})\n${timeline}\n`);
        }
        continue;
      }
      const results = targets.map(() => [] as Load[]);
      for (let i = 0; i <= loads; i++) {
        for (const [k, target] of targets.entries()) {
          const load = await coldLoad(browser, `${target.url}${c.path}`, c.ready);
          if (i > 0) results[k]?.push(load); // the first load warms the server's caches
        }
      }
      process.stdout.write(`${c.name}\n`);
      for (const [k, target] of targets.entries())
        process.stdout.write(`${summary(target.label, results[k] ?? [])}\n`);
      if (against) {
        const worst = (list: Load[] | undefined) => Math.max(...(list ?? []).map((l) => l.painted));
        process.stdout.write(`  after/before (max): ${(worst(results[0]) / worst(results[1])).toFixed(2)}\n`);
      }
    }
  } finally {
    await browser.close();
    await server?.close();
  }
}

await main();
