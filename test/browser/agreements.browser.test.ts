import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAxeViolations, skipBrowser } from '../support/browser.js';
import { publishNation } from '../support/opendata.js';
import { download, readXlsx } from '../support/public-page.js';
import { startTestServer, type RunningServer } from '../support/server.js';

const DEMO_PASSWORD = 'Kunskapsnav-demo-2026';
const YEAR = 2027;

/**
 * One year of the money loop in Chromium: a proposal is recorded and accepted, a draft agreement
 * saved and signed, the follow-up read, a grant rule saved and a decision made and downloaded.
 * Nothing here depends on today's date (the reminders do, so they are not asserted).
 */
describe('agreements, the annual cycle and grants in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  async function noSeriousViolations(name: string): Promise<void> {
    const violations = await seriousAxeViolations(page);
    if (violations.length) await screenshot(page, name);
    assert.deepEqual(
      violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
      [],
    );
  }

  before(async () => {
    [server, browser] = await Promise.all([startTestServer({ demo: true }), launchBrowser()]);
    await publishNation(server.t.db, [2024]);
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(`${server.url}/logga-in`);
    await page.getByLabel('Användarnamn').fill('nationell');
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    // Logged in once the login page has navigated away; only then may the test navigate.
    await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('records and accepts a proposal', async () => {
    await page.goto(`${server.url}/overenskommelser?ar=${YEAR}`);
    await page.getByRole('heading', { level: 1, name: 'Överenskommelser och prestationsbidrag' }).waitFor();
    await page.getByText('Inga förslag ännu.').waitFor();
    await page.getByLabel('Förslagsställare', { exact: true }).fill('Brukarrådet i Uppsala');
    await page.getByLabel('Typ av förslagsställare').selectOption('user_representative');
    await page.getByLabel('Område', { exact: true }).fill('Äldreomsorg');
    await page.getByLabel('Förslagets rubrik').fill('Fler riskbedömningar i särskilt boende');
    await page.getByLabel('Inkom (datum)').fill(`${YEAR - 1}-03-15`);
    await page.getByRole('button', { name: 'Registrera förslag' }).click();
    const row = page.getByRole('row', { name: /Brukarrådet i Uppsala/ });
    await row.getByRole('cell', { name: 'Inkommet' }).waitFor();
    await noSeriousViolations('agreements-year');
    await row.getByRole('button', { name: /Godta/ }).click();
    await row.getByRole('cell', { name: 'Godtaget' }).waitFor();
  });

  it('saves a draft agreement and signs it', async () => {
    const form = page.getByRole('form', { name: 'Spara nytt utkast' });
    await form.getByLabel('Rubrik', { exact: true }).fill(`Överenskommelse ${YEAR}`);
    await form.getByLabel('Områden (kommaseparerade)').fill('Äldreomsorg');
    await form.getByLabel('Mål', { exact: true }).fill('Fler äldre riskbedöms');
    await form.getByLabel('Indikator som mäter målet').fill('K10001');
    await form.getByLabel('Uppfyllt vid (procent)').fill('70');
    await form
      .getByLabel(/^Medel, en rad per mottagare/)
      .fill('Regionalt stöd Stockholm;01;600000\nNationella insatser;;400000');
    await form.getByRole('button', { name: 'Spara nytt utkast' }).click();
    await page.getByRole('heading', { name: `Överenskommelse ${YEAR} — Version 1 (utkast)` }).waitFor();
    await page.getByRole('button', { name: 'Underteckna version 1' }).click();
    await page.getByRole('heading', { name: `Överenskommelse ${YEAR} — Version 1 (undertecknad)` }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Underteckna/ }).count(), 0);
  });

  it('shows the follow-up of the signed agreement against the met level', async () => {
    await page.getByRole('link', { name: `Uppföljning av ${YEAR} års överenskommelse` }).click();
    await page.getByRole('heading', { level: 1, name: `Uppföljning ${YEAR}` }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Fler äldre riskbedöms' }).waitFor();
    await page.getByRole('heading', { name: 'K10001: utveckling mot målnivån 70 %' }).waitFor();
    await page.getByRole('row', { name: /^2024/ }).first().waitFor();
    await page.getByLabel('Region (tvåsiffrig kod, tomt för riket)').fill('01');
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/region=01/);
    const standings = page.getByRole('table', { name: 'Läge: K10001' }).locator('tbody tr');
    await standings.first().waitFor();
    assert.ok((await standings.count()) > 0);
    await noSeriousViolations('agreements-follow-up');
  });

  it('saves a grant rule, makes a decision and downloads it', async () => {
    await page.getByRole('link', { name: 'Överenskommelser och prestationsbidrag' }).click();
    const rule = page.getByRole('form', { name: 'Spara regelversion' });
    await rule.getByLabel('Regelnyckel').fill('senior-alert');
    await rule.getByLabel('Namn', { exact: true }).fill('Senior alert 2024');
    await rule.getByLabel('Indikator som mäter målet').fill('K10001');
    await rule.getByLabel('Period (år)').fill('2024');
    await rule.getByRole('button', { name: 'Spara regelversion' }).click();
    await page.getByText(/senior-alert version 1: Senior alert 2024/).waitFor();
    await page.getByRole('form', { name: 'Fatta bidragsbeslut' }).getByRole('button').click();
    await page.getByRole('link', { name: /^Beslut .*senior-alert v1/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Bidragsbeslut: Senior alert 2024' }).waitFor();
    await page.getByText('Summa: 50 000 000 kr').waitFor();
    await page.getByText('Beräknat på nytt ur sin ögonblicksbild: samma belopp.').waitFor();
    await noSeriousViolations('agreements-decision');

    const excel = await download(page, 'excel-csv');
    const text = excel.bytes.toString('utf8');
    assert.ok(text.startsWith('\uFEFFkommunkod;kommun;'), text.slice(0, 40));
    const amounts = text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => Number(l.split(';').at(-1)));
    assert.equal(
      amounts.reduce((s, a) => s + a, 0),
      50_000_000,
    );
    const xlsx = await readXlsx((await download(page, 'xlsx')).bytes);
    assert.equal(xlsx.rows[0]?.[0], 'kommunkod');
  });
});
