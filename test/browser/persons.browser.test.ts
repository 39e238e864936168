import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAxeViolations, skipBrowser } from '../support/browser.js';
import { startTestServer, type RunningServer } from '../support/server.js';
import { addAssignment, createAccount } from '../../src/modules/identity/accounts.js';
import { focused } from './keyboard.js';

const DEMO_PASSWORD = 'Kunskapsnav-demo-2026';
// Skatteverket's example numbers (valid check digits); Bertil's is a samordningsnummer.
const ANNA = { personnummer: '19640823-3234', name: 'Anna Andersson' };
const CECILIA = { personnummer: '20000229-1235', name: 'Cecilia Ceder' };
const BERTIL = { personnummer: '19701063-2391', name: 'Bertil Berg' };

async function noAxeViolations(page: Page): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
  );
}

describe('person search and break-the-glass in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let unitName = '';

  async function logIn(username: string): Promise<void> {
    await page.goto(`${server.url}/logga-in`);
    await page.getByLabel('Användarnamn').fill(username);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('button', { name: /^Användarmeny/ }).waitFor();
  }

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();

    // Anna and Cecilia are served by the demo caseworker's unit; Bertil by another unit only.
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'handlaggare', password: DEMO_PASSWORD },
    });
    const cookie = `kn_session=${login.cookies.find((c) => c.name === 'kn_session')?.value ?? ''}`;
    const { principal, csrfToken } = login.json<{
      principal: { assignments: Array<{ scope: { kind: string; unitId?: string } }> };
      csrfToken: string;
    }>();
    const unitId = principal.assignments[0]?.scope.unitId ?? '';
    for (const p of [ANNA, CECILIA]) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: { cookie, 'x-csrf-token': csrfToken },
        payload: { ...p, unitId, servedFrom: '2024-01-01' },
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    const units = (
      await server.app.inject({ method: 'GET', url: '/api/v1/org/units?municipality=0180&limit=1000' })
    ).json<{ units: Array<{ unitId: string; name: string }> }>().units;
    unitName = units.find((u) => u.unitId === unitId)?.name ?? '';
    const other = units.find((u) => u.unitId !== unitId);
    assert.ok(unitName && other);
    const colleague = await createAccount(server.t.db, {
      username: 'kollega',
      displayName: 'Karin Kollega',
      password: 'Karins-eget-långa-lösenord-2026',
    });
    const scope = { kind: 'unit', unitId: other.unitId } as const;
    await addAssignment(
      server.t.db,
      colleague.id,
      { role: 'caseworker', scope, validFrom: '2000-01-01' },
      new Date(),
    );
    const theirs = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'kollega', password: 'Karins-eget-långa-lösenord-2026' },
    });
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: {
        cookie: `kn_session=${theirs.cookies.find((c) => c.name === 'kn_session')?.value ?? ''}`,
        'x-csrf-token': theirs.json<{ csrfToken: string }>().csrfToken,
      },
      payload: { ...BERTIL, unitId: other.unitId, servedFrom: '2024-01-01' },
    });
    assert.equal(res.statusCode, 201, res.body);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the caseworker the person page in the menu but not accounts or the log', async () => {
    await logIn('handlaggare');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), [
      'Organisationsregister',
      'Bedömningsinstrument',
      'Öppna jämförelser',
      'Kunskapsbibliotek',
      'Överenskommelser',
      'Redaktion',
      'Personer',
      'Importera',
      'Levande värden',
      'Brukarundersökningar',
    ]);
    await nav.getByRole('link', { name: 'Personer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Personer' }).waitFor();
  });

  it('lists the two persons in scope by birth year, without names', async () => {
    const list = page.locator('.person-list');
    await list.getByText('Visar 1–2 av 2').waitFor();
    const years = await list.locator('tbody tr td:nth-child(2)').allTextContents();
    assert.deepEqual([...years].sort(), ['1964', '2000']);
    assert.equal(await list.getByText(ANNA.name).count(), 0);
    await list.getByText(unitName).first().waitFor();
  });

  it('finds a person by a 10-digit number with the keyboard and shows who they are', async () => {
    await page.getByLabel('Personnummer eller samordningsnummer').focus();
    await page.keyboard.type('640823-3234');
    await page.keyboard.press('Enter');
    const card = page.locator('.person-card');
    await card.getByRole('heading', { name: ANNA.name }).waitFor();
    const facts = await card.locator('dt').allTextContents();
    const values = await card.locator('dd').allTextContents();
    const shown = Object.fromEntries(facts.map((f, i) => [f, values[i]]));
    assert.equal(shown['Personnummer'], '19640823-3234');
    assert.equal(shown['Födelsedatum'], '1964-08-23');
    assert.equal(shown['Kön'], 'Man');
    assert.equal(shown['Åtkomst'], 'Inom din behörighet');
    assert.match(shown['Pseudonym'] ?? '', /^[0-9a-f]{64}$/);
    assert.match(shown['Enheter'] ?? '', new RegExp(`^${unitName} från 2024-01-01$`));
    // Focus moved to the answer.
    assert.equal((await focused(page))?.tag, 'DIV');
  });

  it('catches a typing error in the number before asking the server', async () => {
    const field = page.getByLabel('Personnummer eller samordningsnummer');
    await field.fill('19640823-3235');
    await page.getByRole('button', { name: 'Sök person' }).click();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    const errorId = (await field.getAttribute('aria-describedby'))?.split(' ')[0] ?? '';
    assert.equal(
      await page.locator(`[id="${errorId}"]`).textContent(),
      'Kontrollsiffran (sista siffran) stämmer inte. Kontrollera om något är felskrivet.',
    );
  });

  it('offers break-the-glass for a person outside scope and requires a reason', async () => {
    await page.getByLabel('Personnummer eller samordningsnummer').fill('197010632391');
    await page.getByRole('button', { name: 'Sök person' }).click();
    await page.getByRole('heading', { name: 'Ingen träff' }).waitFor();
    await page.getByRole('button', { name: 'Nödåtkomst …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nödåtkomst till en person' });
    await dialog.waitFor();
    assert.match(
      (await dialog.textContent()) ?? '',
      /i 3 timmar.*loggas med ditt namn, tidpunkten och skälet/,
    );
    assert.equal((await focused(page))?.name, 'Skäl');
    await page.keyboard.type('brådis');
    await dialog.getByRole('button', { name: 'Öppna med nödåtkomst' }).click();
    const reason = dialog.getByLabel('Skäl');
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    const errorId = (await reason.getAttribute('aria-describedby'))?.split(' ')[0] ?? '';
    assert.equal(await page.locator(`[id="${errorId}"]`).textContent(), 'Skriv ett skäl på minst 10 tecken.');
    await noAxeViolations(page);
    await screenshot(page, 'persons-break-glass');

    await reason.fill('Larm från hemtjänsten, behöver kontaktuppgifter nu');
    await dialog.getByRole('button', { name: 'Öppna med nödåtkomst' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = page.locator('.person-card');
    await card.getByRole('heading', { name: BERTIL.name }).waitFor();
    assert.match((await card.textContent()) ?? '', /Nödåtkomst \(loggad\)/);
    assert.match(
      (await page.locator('.person-result .status-ok').textContent()) ?? '',
      /^Nödåtkomst beviljad till klockan \d\d:\d\d\. Åtkomsten är loggad\.$/,
    );
  });

  it('has no serious or critical accessibility violations', async () => {
    await noAxeViolations(page);
    await screenshot(page, 'persons');
  });

  it('shows the break-the-glass entry flagged in the administrator’s log review', async () => {
    await page.getByRole('button', { name: /^Användarmeny/ }).click();
    await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await page.waitForURL(/utloggad=1/);
    await logIn('admin');
    await page.goto(`${server.url}/logg`);
    await page.getByLabel('Bara flaggade poster').check();
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(/\/logg\?flagged=true$/);
    const table = page.getByRole('table', { name: 'Loggposter' });
    const row = table.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'Nödåtkomst' }) });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /handlaggare.*Nödåtkomst.*Tillåten/);
    assert.match((await row.locator('.flag').allTextContents()).join(', '), /nödåtkomst/);
    assert.match((await row.textContent()) ?? '', /Larm från hemtjänsten/);
    // Only flagged entries: every row carries at least one flag in words.
    for (const r of await table.locator('tbody tr').all()) assert.ok((await r.locator('.flag').count()) > 0);
  });

  it('lets the unit manager review the log of their own unit only', async () => {
    await page.getByRole('button', { name: /^Användarmeny/ }).click();
    await page.getByRole('button', { name: 'Logga ut', exact: true }).click();
    await page.waitForURL(/utloggad=1/);
    await logIn('enhetschef');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), [
      'Organisationsregister',
      'Bedömningsinstrument',
      'Öppna jämförelser',
      'Kunskapsbibliotek',
      'Överenskommelser',
      'Redaktion',
      'Personer',
      'Importera',
      'Levande värden',
      'Brukarundersökningar',
      'Logg',
    ]);
    await nav.getByRole('link', { name: 'Logg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Loggranskning' }).waitFor();
    // Their one unit to choose, no municipality step, and no chain verification.
    const unit = page.getByLabel('Enhet', { exact: true });
    await unit.locator('option', { hasText: unitName }).waitFor({ state: 'attached' });
    assert.deepEqual(await unit.locator('option').allTextContents(), ['Alla enheter', unitName]);
    assert.equal(await page.getByLabel('Enhetens kommun').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Verifiera loggkedjan' }).count(), 0);
    const api = (await (await page.request.get(`${server.url}/api/v1/audit?limit=50`)).json()) as {
      entries: Array<{ unitId: string | null }>;
    };
    assert.ok(api.entries.every((e) => e.unitId !== null));
    const rows = page.getByRole('table', { name: 'Loggposter' }).locator('tbody tr');
    if (api.entries.length === 0) await page.getByText('Inga poster matchar filtren.').waitFor();
    else {
      await rows.first().waitFor();
      assert.equal(await rows.count(), api.entries.length);
    }
  });
});
