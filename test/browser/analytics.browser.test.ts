import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { AnalyticsAnswer } from '../../src/contracts/indicators.js';
import { launchBrowser, screenshot, skipBrowser } from '../support/browser.js';
import { publishNation } from '../support/opendata.js';
import { assertNoSeriousAxe } from '../support/public-page.js';
import { startTestServer, type RunningServer } from '../support/server.js';

/**
 * /analys in Chromium: a municipal analyst sees the live values of their own area beside what
 * the latest release shows the public, cell for cell as the API says.
 */
const DEMO_PASSWORD = 'Kunskapsnav-demo-2026';
/** Last year: one of the years the page offers. */
const YEAR = Number(new Date().toISOString().slice(0, 4)) - 1;

describe('live and released values in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer({ demo: true }), launchBrowser()]);
    await publishNation(server.t.db, [YEAR]);
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the analyst's own area live beside the release, as the API says", async () => {
    await page.goto(`${server.url}/logga-in?returnTo=%2Fanalys`);
    await page.getByLabel('Användarnamn').fill('analytiker');
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Levande och publicerade värden' }).waitFor();
    await page.getByLabel('Indikator').selectOption('K10001');
    const year = String(YEAR);
    await page.getByLabel('År').selectOption(year);
    const row = page.locator('table.an-table tr[data-level="municipality"][data-code="0180"]');
    await row.waitFor();

    // The same cell from the API, with the analyst's session.
    const api = await page.evaluate(async (pe) => {
      const res = await fetch(`/api/v1/analytics?dx=K10001&pe=${pe}&ou=0180&sex=T`);
      return await res.json();
    }, year);
    const cell = (api as AnalyticsAnswer).rows.find((r) => r.level === 'municipality');
    assert.ok(cell?.unsuppressed, 'the analyst is entitled to their municipality');
    const [area, live, released] = await row.locator('th, td').allTextContents();
    assert.equal(area, 'Stockholm (kommun)');
    assert.match(
      live ?? '',
      new RegExp(`\\(${cell.unsuppressed.numerator} / ${cell.unsuppressed.denominator}\\)$`),
    );
    const r = cell.released;
    assert.ok(r && r.status !== 'absent', `released ${JSON.stringify(r)}`);
    if (r.status === 'suppressed') assert.equal(released, '.. (dolt av röjandekontroll)');
    else assert.match(released ?? '', new RegExp(`\\(${r.numerator} / ${r.denominator}\\)$`));
    // Rows of other municipalities are not shown: only the analyst's own area.
    assert.equal(await page.locator('table.an-table tr[data-level="municipality"]').count(), 1);
    assert.match(
      (await page.locator('.an-release').textContent()) ?? '',
      /^Allmänheten ser release \S+ från /,
    );
    await assertNoSeriousAxe(page);
    await screenshot(page, 'analytics-live-released');
  });
});
