import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAxeViolations, skipBrowser } from '../support/browser.js';
import { startTestServer, type RunningServer } from '../support/server.js';

describe('organisation register page in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the nation with 21 regions in Swedish and labels synthetic data', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/org$/);
    assert.equal(await page.locator('h1').textContent(), 'Organisationsregister');
    assert.equal(await page.getAttribute('html', 'lang'), 'sv');
    await page.locator('.org-tree > .tree-level > li').first().waitFor();
    assert.equal(await page.locator('.org-tree > .tree-level > li').count(), 21);
    assert.match((await page.locator('.banner-synthetic').textContent()) ?? '', /syntetiska/);
  });

  it('finds a municipality by name, opens it with the keyboard and lists its units', async () => {
    await page.getByLabel('Sök kommun, region eller enhet').fill('Gotland');
    const region = page.getByRole('button', { name: /Gotlands län/ });
    await region.waitFor();
    assert.equal(await region.getAttribute('aria-expanded'), 'true');
    const municipality = page.getByRole('button', { name: /^▸?\s*Gotland 0980/ });
    await municipality.focus();
    await page.keyboard.press('Enter');
    const table = page.getByRole('table', { name: 'Enheter i Gotland' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').count();
    const api = (await (await fetch(`${server.url}/api/v1/org/units?municipality=0980`)).json()) as {
      total: number;
    };
    assert.equal(rows, api.total);
    assert.ok(rows > 0);
    await screenshot(page, 'org-gotland');
  });

  it('has no serious or critical accessibility violations', async () => {
    const violations = await seriousAxeViolations(page);
    assert.deepEqual(
      violations.map((v) => `${v.id}: ${v.help}`),
      [],
    );
  });

  it('switches to English and remembers it', async () => {
    await page.getByRole('button', { name: 'In English' }).click();
    assert.equal(await page.locator('h1').textContent(), 'Organisation register');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.reload();
    assert.equal(await page.locator('h1').textContent(), 'Organisation register');
  });
});
