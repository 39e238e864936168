import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAxeViolations, skipBrowser } from '../support/browser.js';
import { startTestServer, type RunningServer } from '../support/server.js';

const DEMO_PASSWORD = 'Kunskapsnav-demo-2026';

interface AuditAnswer {
  entries: Array<{ seq: number; action: string; outcome: string; actorUsername: string | null }>;
  nextCursor: string | null;
}

describe('log review page in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  /** Logs in from outside the browser (its own cookie jar): one more login entry in the log. */
  async function loginElsewhere(username: string, password: string): Promise<number> {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return res.status;
  }

  async function api<T>(path: string): Promise<T> {
    const res = await page.request.get(`${server.url}${path}`);
    assert.equal(res.status(), 200, `${path}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    assert.equal(await loginElsewhere('handlaggare', DEMO_PASSWORD), 200);
    assert.equal(await loginElsewhere('enhetschef', DEMO_PASSWORD), 200);
    assert.equal(await loginElsewhere('admin', 'fel-lösenord'), 401);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is reached from the menu after logging in as administrator and lists the login entries', async () => {
    await page.goto(`${server.url}/logga-in`);
    await page.getByLabel('Användarnamn').fill('admin');
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Logg' }).click();
    await page.waitForURL(/\/logg$/);
    await page.getByRole('heading', { level: 1, name: 'Loggranskning' }).waitFor();
    const table = page.getByRole('table', { name: 'Loggposter' });
    await table.locator('tbody tr').first().waitFor();

    const all = await api<AuditAnswer>('/api/v1/audit?limit=50');
    assert.equal(await table.locator('tbody tr').count(), all.entries.length);
    // Newest first: the administrator's own login is on top.
    const first = table.locator('tbody tr').first();
    assert.deepEqual((await first.locator('td, th').allTextContents()).slice(2, 5), [
      'admin',
      'Inloggning',
      'Tillåten',
    ]);
    assert.equal(await first.locator('td').first().textContent(), String(all.entries[0]?.seq));
    const logins = all.entries.filter((e) => e.action === 'login');
    assert.equal(logins.length, 4);
  });

  it('filters by action and shows the failed login with the username that was tried', async () => {
    await page.getByLabel('Händelse').selectOption('login');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(/\/logg\?action=login$/);
    const table = page.getByRole('table', { name: 'Loggposter' });
    await page.getByText('4 poster på den här sidan').waitFor();
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), 4);
    assert.deepEqual(await table.locator('tbody th').allTextContents(), Array(4).fill('Inloggning'));
    const users = await rows.evaluateAll((trs) =>
      trs.map(
        (tr) => (tr as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells[2]?.textContent,
      ),
    );
    assert.deepEqual(users, ['admin', 'admin', 'enhetschef', 'handlaggare']);
    const failed = rows.filter({ hasText: 'Misslyckad' });
    assert.equal(await failed.count(), 1);
    assert.match((await failed.textContent()) ?? '', /admin.*Inloggning.*Misslyckad/);
    // The export link carries the same filters.
    assert.equal(
      await page.getByRole('link', { name: 'Exportera som CSV' }).getAttribute('href'),
      '/api/v1/audit/export.csv?action=login',
    );
  });

  it('narrows to one user and clears the filters again', async () => {
    await page.getByLabel('Användare').fill('handlaggare');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(/\/logg\?user=handlaggare&action=login$/);
    await page.getByText('1 post på den här sidan').waitFor();
    const table = page.getByRole('table', { name: 'Loggposter' });
    assert.match((await table.locator('tbody tr').textContent()) ?? '', /handlaggare.*Inloggning.*Tillåten/);

    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await page.waitForURL(/\/logg$/);
    assert.equal(await page.getByLabel('Användare').inputValue(), '');
    assert.equal(await page.getByLabel('Händelse').inputValue(), '');
  });

  it('shows a server validation error next to the period field', async () => {
    await page.getByLabel('Från och med').fill('2026-03-10');
    await page.getByLabel('Till och med').fill('2026-03-01');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    const to = page.getByLabel('Till och med');
    await page.locator('input[type="date"][aria-invalid="true"]').waitFor();
    assert.equal(await to.getAttribute('aria-invalid'), 'true');
    const errorId = (await to.getAttribute('aria-describedby'))?.split(' ')[0] ?? '';
    assert.equal(await page.locator(`[id="${errorId}"]`).textContent(), 'Måste vara efter startdatumet.');
    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await page.waitForURL(/\/logg$/);
  });

  it('verifies the log chain for the system administrator', async () => {
    await page.getByRole('button', { name: 'Verifiera loggkedjan' }).click();
    const result = page.locator('.audit-verify-result');
    await result.getByText('Loggkedjan är hel').waitFor();
    const verified = await api<{ ok: boolean; entries: number }>('/api/v1/audit/verify');
    assert.equal(verified.ok, true);
    const text = (await result.textContent()) ?? '';
    const shown = Number(/(\d+) poster kontrollerade/.exec(text)?.[1]);
    // Reading the log writes nothing, so both verifications saw the same chain.
    assert.equal(shown, verified.entries);
    // Three logins and one failed attempt: nothing else has been logged in this fresh database.
    assert.equal(shown, 4);
  });

  it('has no serious or critical accessibility violations', async () => {
    const violations = await seriousAxeViolations(page);
    assert.deepEqual(
      violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      [],
    );
    await screenshot(page, 'audit-log');
  });

  it('fits a tablet: the filters stack and the table scrolls within its own box', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    const pageWidth = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    assert.ok(pageWidth <= 768, `page is ${pageWidth}px wide`);
    await screenshot(page, 'audit-log-tablet');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
