import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAxeViolations, skipBrowser } from '../support/browser.js';
import { startTestServer, type RunningServer } from '../support/server.js';
import { focused, tabTo } from './keyboard.js';

const DEMO_PASSWORD = 'Kunskapsnav-demo-2026';

async function noAxeViolations(page: Page): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
  );
}

describe('login, user menu and account administration in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends an anonymous visitor of /admin/konton to the login page and shows no admin link', async () => {
    await page.goto(`${server.url}/admin/konton`);
    await page.waitForURL(/\/logga-in\?returnTo=%2Fadmin%2Fkonton$/);
    assert.equal(await page.locator('h1').textContent(), 'Logga in');
    assert.equal(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link').count(), 5);
  });

  it('shows the server’s message for a wrong password and keeps the user on the page', async () => {
    await page.getByLabel('Användarnamn').fill('admin');
    await page.getByLabel('Lösenord').fill('inte-rätt-lösenord');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'Fel' });
    await alert.waitFor();
    assert.equal((await alert.textContent())?.trim(), 'Fel användarnamn eller lösenord.');
    assert.match(page.url(), /\/logga-in\?returnTo=/);
    // The password is emptied and focused for a new try.
    assert.equal(await page.getByLabel('Lösenord').inputValue(), '');
    assert.equal((await focused(page))?.name, 'Lösenord');
  });

  it('has no serious or critical accessibility violations on the login page', async () => {
    await noAxeViolations(page);
    await screenshot(page, 'login-wrong-password');
  });

  it('shows the lockout message with the time to try again after too many failures', async () => {
    // Five failures for one username from one address slow that pair: the next try must wait.
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'redaktor', password: `fel-${i}` }),
      });
      assert.equal(res.status, 401);
    }
    await page.getByLabel('Användarnamn').fill('redaktor');
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'För många' });
    await alert.waitFor();
    assert.match(
      (await alert.textContent())?.trim() ?? '',
      /^För många misslyckade inloggningsförsök\. Försök igen om \d+ min\. Du kan försöka igen klockan \d\d:\d\d\.$/,
    );
    assert.match(page.url(), /\/logga-in\?returnTo=/);
  });

  it('offers OpenID Connect when the server has it, keeping where to return', async () => {
    // The test server has no OIDC provider: answer the methods question as one that has.
    await page.route('**/api/v1/auth/methods', (route) =>
      route.fulfill({ json: { password: true, oidc: true } }),
    );
    await page.reload();
    const link = page.getByRole('link', {
      name: 'Logga in med e-legitimation / organisation (OpenID Connect)',
    });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), '/api/v1/auth/oidc/start?returnTo=%2Fadmin%2Fkonton');
    await page.unroute('**/api/v1/auth/methods');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    assert.equal(await page.getByRole('link', { name: /OpenID Connect/ }).count(), 0);
  });

  it('logs in with the keyboard only and returns to the account page', async () => {
    await page.goto(`${server.url}/logga-in?returnTo=%2Fadmin%2Fkonton`);
    await page.locator('h1').waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.name, 'Hoppa till innehållet');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.name, 'Användarnamn');
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/konton$/);
    await page.getByRole('heading', { level: 1, name: 'Kontoadministration' }).waitFor();
    const table = page.getByRole('table', { name: 'Konton' });
    await table.locator('tbody tr').first().waitFor();
    assert.equal(await table.locator('tbody tr').count(), 7);
    assert.equal(await page.getByText('7 konton').count(), 1);
    const adminRow = table.locator('tbody tr', {
      has: page.getByRole('rowheader', { name: 'admin', exact: true }),
    });
    assert.match((await adminRow.textContent()) ?? '', /Adam Administratör.*Systemadministratör – Riket/);
  });

  it('shows the admin link for the administrator', async () => {
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), [
      'Organisationsregister',
      'Bedömningsinstrument',
      'Öppna jämförelser',
      'Kunskapsbibliotek',
      'Överenskommelser',
      'Konton',
      'Logg',
    ]);
  });

  it('opens the user menu with the keyboard and shows the name and roles', async () => {
    await page.locator('body').focus();
    await tabTo(page, /^Användarmeny: Adam Administratör/);
    await page.keyboard.press('Enter');
    const panel = page.locator('.user-menu-panel');
    await panel.waitFor({ state: 'visible' });
    assert.equal(await page.locator('.user-menu-button').getAttribute('aria-expanded'), 'true');
    assert.equal(
      (await panel.locator('.user-menu-who').textContent())?.trim(),
      'Inloggad som Adam Administratör (admin)',
    );
    assert.deepEqual(await panel.locator('.user-menu-roles li').allTextContents(), [
      'Systemadministratör – Riket',
    ]);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    assert.match((await focused(page))?.name ?? '', /^Användarmeny: Adam Administratör/);
  });

  it('creates an account with the keyboard and grants it a role with a municipality scope', async () => {
    await page.getByRole('textbox', { name: 'Användarnamn' }).focus();
    await page.keyboard.type('anna.berg');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Anna Berg');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ett-långt-lösenord-2026');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.name, 'Skapa konto');
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: 'Ge roll till Anna Berg' });
    await dialog.waitFor();
    assert.match(
      (await page.getByRole('status').first().textContent()) ?? '',
      /Kontot anna\.berg skapades\./,
    );
    assert.equal((await focused(page))?.name, 'Roll');
    // Choose "Handläggare" (the first role) by keyboard in the closed select.
    await page.keyboard.press('ArrowDown');
    assert.equal(await dialog.getByLabel('Roll').inputValue(), 'caseworker');
    // A caseworker may have a unit or a municipality: both kinds, and only them, are offered.
    assert.deepEqual(
      await Promise.all((await dialog.getByRole('radio').all()).map((r) => r.getAttribute('value'))),
      ['unit', 'municipality'],
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    assert.equal(await dialog.getByRole('radio', { name: 'Kommun' }).isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.name, 'Kommun');
    await dialog.getByRole('option', { name: 'Stockholm (0180)' }).waitFor({ state: 'attached' });
    await page.keyboard.type('Stockholm');
    assert.equal(await dialog.getByRole('combobox', { name: 'Kommun' }).inputValue(), '0180');
    // Each date field takes three Tab stops (year, month, day) in Chromium.
    await tabTo(page, /^Ge roll$/, 10);
    await page.keyboard.press('Enter');

    await dialog.waitFor({ state: 'hidden' });
    const status = page.getByRole('status').first();
    await status.getByText('Anna Berg har fått rollen').waitFor();
    assert.equal(
      (await status.textContent())?.trim(),
      'Anna Berg har fått rollen Handläggare (Kommun: Stockholm (0180)).',
    );
    const row = page.locator('tbody tr', {
      has: page.getByRole('rowheader', { name: 'anna.berg', exact: true }),
    });
    await row.locator('.role-name', { hasText: 'Handläggare' }).waitFor();
    assert.match(
      (await row.textContent()) ?? '',
      /Anna Berg.*Handläggare – Kommun: Stockholm \(0180\).*Aktivt.*Lösenord/,
    );
    assert.equal(await page.getByText('8 konton').count(), 1);
  });

  it('shows the server’s validation errors next to the right fields', async () => {
    await page.getByRole('textbox', { name: 'Användarnamn' }).fill('anna.berg');
    await page.getByRole('textbox', { name: 'Namn som visas' }).fill('Anna Berg igen');
    await page.getByLabel('Lösenord (frivilligt)').fill('kort');
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    const password = page.getByLabel('Lösenord (frivilligt)');
    await page.locator('[aria-invalid="true"]').first().waitFor();
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    assert.match((await password.getAttribute('aria-describedby')) ?? '', /-error/);
    const describedBy = (await password.getAttribute('aria-describedby'))?.split(' ')[0] ?? '';
    assert.equal(await page.locator(`[id="${describedBy}"]`).textContent(), 'För kort: minst 12 tecken.');

    await password.fill('ett-annat-långt-lösenord');
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    const username = page.getByRole('textbox', { name: 'Användarnamn' });
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      return doc.querySelector('input[name="username"][aria-invalid="true"]') !== null;
    });
    const usernameError = (await username.getAttribute('aria-describedby'))?.split(' ')[0] ?? '';
    assert.equal(
      await page.locator(`[id="${usernameError}"]`).textContent(),
      'Det finns redan ett konto med det här värdet.',
    );
    assert.equal(await password.getAttribute('aria-invalid'), null);
  });

  it('has no serious or critical accessibility violations on the account page, also with the dialog open', async () => {
    await noAxeViolations(page);
    await screenshot(page, 'admin-accounts');
    await page.getByRole('button', { name: 'Ge roll till Erik Enhetschef' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ge roll till Erik Enhetschef' });
    await dialog.waitFor();
    await dialog.getByLabel('Roll').selectOption('unit_manager');
    // A unit manager has a unit and nothing else: no choice of kind, a municipality then a unit.
    assert.equal(await dialog.getByRole('radio').count(), 0);
    assert.equal((await dialog.getByText('Omfattning: Enhet').count()) > 0, true);
    await dialog.getByLabel('Enhetens kommun').selectOption('0180');
    await dialog.getByLabel('Enhet', { exact: true }).locator('option').nth(1).waitFor({ state: 'attached' });
    await noAxeViolations(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('fits a tablet: nothing but the table scrolls sideways, and the user menu opens within the screen', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    const widths = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
        .document;
      return doc.documentElement.scrollWidth;
    });
    assert.ok(widths <= 768, `page is ${widths}px wide`);
    await page.getByRole('button', { name: /^Användarmeny/ }).click();
    const box = await page.locator('.user-menu-panel').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 768, JSON.stringify(box));
    await screenshot(page, 'admin-accounts-tablet');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('withdraws a role and disables an account', async () => {
    await page
      .getByRole('button', { name: 'Ta bort rollen Handläggare, Kommun: Stockholm (0180), från Anna Berg' })
      .click();
    const status = page.getByRole('status').first();
    await status.getByText('Rollen Handläggare togs bort från Anna Berg.').waitFor();
    const row = page.locator('tbody tr', {
      has: page.getByRole('rowheader', { name: 'anna.berg', exact: true }),
    });
    await row.getByText('Inga roller').waitFor();

    await page.getByRole('button', { name: 'Spärra kontot Anna Berg' }).click();
    const dialog = page.getByRole('dialog', { name: 'Spärra' });
    await dialog.waitFor();
    assert.equal((await focused(page))?.name, 'Avbryt');
    await dialog.getByRole('button', { name: 'Ja, spärra kontot' }).click();
    await status.getByText('Kontot Anna Berg är spärrat.').waitFor();
    await row.getByText('Spärrat').waitFor();
    assert.equal(await row.getByRole('button').count(), 0);
  });

  it('logs out from the user menu and the account page asks for a login again', async () => {
    await page.getByRole('button', { name: /^Användarmeny/ }).click();
    await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await page.waitForURL(/\/logga-in\?utloggad=1$/);
    assert.equal((await page.getByRole('status').first().textContent())?.trim(), 'Du är utloggad.');
    assert.equal(await page.getByRole('button', { name: /^Användarmeny/ }).count(), 0);
    await page.goto(`${server.url}/admin/konton`);
    await page.waitForURL(/\/logga-in\?returnTo=%2Fadmin%2Fkonton$/);
  });

  it('hides the admin link from a caseworker and refuses the page', async () => {
    await page.getByLabel('Användarnamn').fill('handlaggare');
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(/\/admin\/konton$/);
    await page.getByRole('heading', { level: 1, name: 'Ingen behörighet' }).waitFor();
    const links = await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link')
      .allTextContents();
    assert.equal(links.includes('Konton'), false);
    const res = await page.request.get(`${server.url}/api/v1/admin/accounts`);
    assert.equal(res.status(), 403);
  });

  it('logs out everywhere and says how many logins ended', async () => {
    const second = await context.browser()?.newContext({ bypassCSP: true });
    assert.ok(second);
    const other = await second.newPage();
    await other.goto(`${server.url}/logga-in`);
    await other.getByLabel('Användarnamn').fill('handlaggare');
    await other.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await other.getByRole('button', { name: 'Logga in' }).click();
    await other.getByRole('button', { name: /^Användarmeny: Hanna Handläggare/ }).waitFor();

    await page.getByRole('button', { name: /^Användarmeny/ }).click();
    await page.getByRole('button', { name: 'Logga ut överallt' }).click();
    await page.waitForURL(/\/logga-in\?avslutade=2$/);
    assert.equal(
      (await page.getByRole('status').first().textContent())?.trim(),
      'Du är utloggad. 2 inloggningar avslutades.',
    );
    const res = await other.request.get(`${server.url}/api/v1/auth/session`);
    assert.equal(res.status(), 401);
    await second.close();
  });
});
