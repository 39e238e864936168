import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, skipBrowser } from '../../../test/support/browser.js';
import { assertNoSeriousAxe } from '../../../test/support/public-page.js';
import { startTestServer, type RunningServer } from '../../../test/support/server.js';

/**
 * The library's editorial screens in Chromium: a knowledge editor writes an entry, submits and
 * publishes it, and finds it in public search; a municipality's analyst may only write a good
 * example for their own municipality and cannot publish it.
 */
const DEMO_PASSWORD = 'Kunskapsnav-demo-2026';

describe('knowledge library editorial screens in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer({ demo: true }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function loggedIn(username: string): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/logga-in?returnTo=%2Fredaktion`);
    await page.getByLabel('Användarnamn').fill(username);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Kunskapsbibliotekets redaktion' }).waitFor();
    return page;
  }

  it('lets a knowledge editor write, submit and publish an entry that public search then finds', async () => {
    const page = await loggedIn('redaktor');
    await page.locator('table.ed-list tbody tr').first().waitFor();
    await assertNoSeriousAxe(page);
    await page.getByRole('link', { name: 'Ny post' }).click();
    await page.getByRole('heading', { name: 'Ny post i kunskapsbiblioteket' }).waitFor();

    // Bad input: the server names the fields, the form shows them by their labels.
    await page.getByLabel('Typ av post').selectOption('method');
    await page.getByLabel('Titel', { exact: true }).fill('Promenadgrupper för äldre');
    await page.getByRole('button', { name: 'Spara utkast' }).click();
    const summary = page.locator('.error-summary li');
    await summary.first().waitFor();
    assert.deepEqual((await summary.allTextContents()).map((s) => s.split(':')[0]).sort(), [
      'Sammanfattning på klarspråk',
      'Vetenskapligt stöd',
    ]);
    await assertNoSeriousAxe(page);

    await page
      .getByLabel('Sammanfattning på klarspråk')
      .fill('Regelbundna promenader i grupp minskar fallrisken.');
    await page.getByLabel('Vetenskapligt stöd').selectOption('moderate');
    await page.getByRole('group', { name: 'Målgrupper' }).getByLabel('Äldre', { exact: true }).check();
    await page.getByLabel('Indikatorer som posten ska påverka').fill('K10008');
    await page.getByRole('button', { name: 'Lägg till källa' }).click();
    const ref = page.getByRole('group', { name: 'Källa 1' });
    await ref.getByLabel('Titel').fill('Fallprevention i kommunal vård');
    await ref.getByLabel('År').fill('2022');
    await ref.getByLabel('Länk').fill('https://example.org/fall');
    await page.getByLabel('Vad ändrades och varför').fill('Första utkastet');
    await page.getByRole('button', { name: 'Spara utkast' }).click();

    await page.getByRole('heading', { name: 'Promenadgrupper för äldre' }).waitFor();
    assert.match(
      (await page.locator('.ed-page > p').nth(1).textContent()) ?? '',
      /Status: Utkast\. Version 1/,
    );
    await assertNoSeriousAxe(page);
    await screenshot(page, 'editorial-draft');

    await page.getByRole('button', { name: 'Skicka till granskning' }).click();
    await page.getByRole('status').filter({ hasText: 'Posten har status Granskas.' }).waitFor();
    await page.getByLabel('Kommentar till steget').fill('Granskad mot källan');
    await page.getByRole('button', { name: 'Publicera' }).click();
    await page.getByRole('status').filter({ hasText: 'Posten har status Publicerad.' }).waitFor();
    const history = page.locator('.ed-history tbody tr');
    await history.nth(2).waitFor();
    const shown = [];
    for (const row of await history.all()) shown.push((await row.locator('td').allTextContents()).slice(1));
    assert.deepEqual(shown, [
      ['Rut Redaktör', 'skapade version 1', 'Första utkastet'],
      ['Rut Redaktör', 'skickade till granskning', ''],
      ['Rut Redaktör', 'publicerade version 1', 'Granskad mot källan'],
    ]);
    await assertNoSeriousAxe(page);
    await screenshot(page, 'editorial-published');

    await page.getByRole('link', { name: 'Visa den publicerade posten' }).click();
    await page.waitForURL(/\/bibliotek\/promenadgrupper-for-aldre$/);
    await page.getByRole('heading', { level: 1, name: 'Promenadgrupper för äldre' }).waitFor();
    await page.goto(`${server.url}/bibliotek?q=promenadgrupp`);
    await page.locator('.lib-hits li h2', { hasText: 'Promenadgrupper för äldre' }).waitFor();
  });

  it("lets a municipality's analyst write a good example for review but not publish it", async () => {
    const page = await loggedIn('analytiker');
    await page.getByRole('link', { name: 'Ny post' }).click();
    const kind = page.getByLabel('Typ av post');
    await kind.waitFor();
    assert.deepEqual(await kind.locator('option').allTextContents(), ['Gott exempel']);
    await page.getByLabel('Titel', { exact: true }).fill('Stockholms arbete med fallrisker');
    await page.getByLabel('Sammanfattning på klarspråk').fill('Riskbedömning vid inflyttning.');
    await page.getByLabel('Vetenskapligt stöd').selectOption('local_result');
    await page.getByLabel('Kommunkod').fill('0180');
    await page.getByLabel('Indikator', { exact: true }).fill('K10008');
    await page.getByLabel('Period före').fill('2023');
    await page.getByLabel('Period efter').fill('2024');
    await page.getByRole('button', { name: 'Spara utkast' }).click();
    await page.getByRole('heading', { name: 'Stockholms arbete med fallrisker' }).waitFor();
    await page.getByRole('button', { name: 'Skicka till granskning' }).click();
    await page.getByRole('status').filter({ hasText: 'Posten har status Granskas.' }).waitFor();
    // In review the editors have it: no steps for the submitter, and no form.
    await page.getByText('Inga steg är möjliga för dig just nu.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Publicera' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Spara ny version' }).count(), 0);
    await assertNoSeriousAxe(page);
    await screenshot(page, 'editorial-good-example');

    // The editorial list shows the analyst their own submission only.
    await page.getByRole('link', { name: 'Till redaktionens lista' }).click();
    const rows = page.locator('table.ed-list tbody th');
    await rows.first().waitFor();
    assert.deepEqual(await rows.allTextContents(), ['Stockholms arbete med fallrisker']);
  });
});
