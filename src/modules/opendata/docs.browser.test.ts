import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, skipBrowser } from '../../../test/support/browser.js';
import { startTestServer, type RunningServer } from '../../../test/support/server.js';

describe('API docs in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders Swagger UI at /api/docs with the real CSP and no violation', async () => {
    // No bypassCSP: the page must work under the CSP the app sends.
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    assert.match((await page.locator('.swagger-ui .info .title').textContent()) ?? '', /Kunskapsnav API/);
    await page.getByText('/api/kolada/v3/kpi', { exact: true }).first().waitFor();
    assert.ok(await page.getByText('/api/pxweb/v2/tables/{id}/data', { exact: true }).first().isVisible());
    await screenshot(page, 'opendata-api-docs');
    assert.deepEqual(
      problems.filter((p) => /Content Security Policy|Refused/i.test(p)),
      [],
    );
  });
});
