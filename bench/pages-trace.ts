/**
 * `npm run bench:pages -- --trace`: one cold load of a page, laid out on its timeline — each
 * request's start and end (ms from navigation start) with its bytes on the wire, the main
 * thread's long tasks (over 50 ms), and the frame in which the content was first painted. Shows
 * what is on the critical path: what the page waits for before its first render.
 */
import type { Browser } from 'playwright-core';

interface Traced {
  resources: Array<{ name: string; start: number; end: number; bytes: number }>;
  longTasks: Array<{ start: number; duration: number }>;
  painted: number;
}

/** Run before the page's scripts: keeps the long tasks, which are not buffered otherwise. */
const watchLongTasks = `
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });`;

export async function traceLoad(
  browser: Browser,
  url: string,
  ready: string,
  watchFirstRender: string,
): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: watchLongTasks + watchFirstRender });
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator(ready).first().waitFor();
    await page.waitForFunction(() => ((globalThis as { firstRender?: number }).firstRender ?? -1) >= 0);
    await page.waitForLoadState('networkidle');
    const traced = await page.evaluate((): Traced => {
      const g = globalThis as unknown as {
        firstRender: number;
        longTasks: Traced['longTasks'];
        performance: {
          getEntriesByType: (type: string) => Array<{
            name: string;
            startTime: number;
            responseEnd: number;
            encodedBodySize?: number;
          }>;
        };
      };
      const entries = [
        ...g.performance.getEntriesByType('navigation'),
        ...g.performance.getEntriesByType('resource'),
      ];
      return {
        resources: entries.map((e) => ({
          name: new URL(e.name).pathname + new URL(e.name).search,
          start: e.startTime,
          end: e.responseEnd,
          bytes: e.encodedBodySize ?? 0,
        })),
        longTasks: g.longTasks,
        painted: g.firstRender,
      };
    });
    const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
    const lines = traced.resources
      .sort((a, b) => a.start - b.start)
      .map(
        (r) =>
          `    ${ms(r.start)} → ${ms(r.end)}  ${`${(r.bytes / 1000).toFixed(1)} kB`.padStart(9)}  ${r.name.slice(0, 90)}`,
      );
    for (const t of traced.longTasks) lines.push(`    long task at ${ms(t.start)}: ${ms(t.duration)}`);
    lines.push(`    first render (content painted): ${ms(traced.painted)}`);
    return lines.join('\n');
  } finally {
    await context.close();
  }
}
