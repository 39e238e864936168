import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAxeViolations, skipBrowser } from '../support/browser.js';
import { startTestServer, type RunningServer } from '../support/server.js';
import { csvFile, samplePersonnummer, threeRows } from '../../src/modules/imports/testing.js';
import { focused, tabTo } from './keyboard.js';

const DEMO_PASSWORD = 'Kunskapsnav-demo-2026';

async function noAxeViolations(page: Page): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
  );
}

/** A definition list as { term: description }. */
async function facts(list: Locator): Promise<Record<string, string>> {
  const terms = await list.locator('dt').allTextContents();
  const values = await list.locator('dd').allTextContents();
  return Object.fromEntries(terms.map((term, i) => [term, (values[i] ?? '').replace(/\s+/g, ' ').trim()]));
}

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('bulk import with a progress bar in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: { cookie: string; 'x-csrf-token': string };
  let good: Buffer;
  let bad: Buffer;

  const result = () => page.locator('.import-result');
  const fileInput = () => page.getByLabel('Fil', { exact: true });

  /** The person's entries through the API, or null when the person is not on file. */
  async function entriesOf(
    personnummer: string,
  ): Promise<Array<{ kind: string; occurredOn: string }> | null> {
    const found = await server.app.inject({
      method: 'POST',
      url: '/api/v1/persons/lookup',
      headers: api,
      payload: { personnummer },
    });
    if (found.statusCode === 404) return null;
    assert.equal(found.statusCode, 200, found.body);
    const { pseudonym } = found.json<{ pseudonym: string }>();
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/persons/${pseudonym}/entries`,
      headers: api,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ entries: Array<{ kind: string; occurredOn: string }> }>().entries;
  }

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1280, height: 800 },
      locale: 'sv-SE',
    });
    page = await context.newPage();

    // The demo caseworker (individual.write in one unit): the files are for that unit.
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'handlaggare', password: DEMO_PASSWORD },
    });
    const { principal, csrfToken } = login.json<{
      principal: { assignments: Array<{ scope: { unitId?: string } }> };
      csrfToken: string;
    }>();
    api = {
      cookie: `kn_session=${login.cookies.find((c) => c.name === 'kn_session')?.value ?? ''}`,
      'x-csrf-token': csrfToken,
    };
    const unitId = principal.assignments[0]?.scope.unitId ?? '';
    const unit = await server.app.inject({ method: 'GET', url: `/api/v1/org/units/${unitId}` });
    const unitCode = unit.json<{ code: string }>().code;
    assert.match(unitCode, /^E\d+$/);
    const rows = threeRows(unitCode);
    good = csvFile(rows, { delimiter: ';' });
    // The second row's personnummer with a wrong check digit.
    const wrong = samplePersonnummer(2).replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    bad = csvFile(
      rows.map((r, i) => (i === 1 ? { ...r, personnummer: wrong } : r)),
      { delimiter: ';' },
    );
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the caseworker the import page with the registers to choose from', async () => {
    await page.goto(`${server.url}/logga-in`);
    await page.getByLabel('Användarnamn').fill('handlaggare');
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('button', { name: /^Användarmeny/ }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Importera' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importera registerdata' }).waitFor();
    assert.match(page.url(), /\/import$/);
    const register = page.getByLabel('Register');
    await register.locator('option').nth(2).waitFor({ state: 'attached' });
    assert.deepEqual(await register.locator('option').allTextContents(), [
      'Senior Alert',
      'Palliativregistret',
      'Individbaserad uppföljning',
    ]);
    assert.equal(await register.inputValue(), 'senior-alert');
  });

  it('dry-runs a file with one bad row and lists the row, its column and rule', async () => {
    await fileInput().setInputFiles({ name: 'senior-alert-fel.csv', mimeType: 'text/csv', buffer: bad });
    await page.getByText('Vald fil: senior-alert-fel.csv').waitFor();
    // Keyboard only: the source system, then Enter does the dry run (the safe default).
    await fileInput().focus();
    await tabTo(page, /^Källsystem/);
    await page.keyboard.type('procapita');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 2, name: 'Resultat av provkörningen' }).waitFor();
    const summary =
      'Provkörningen hittade fel: 1 av 3 rader har fel. Ingenting sparades. Rätta raderna och provkör igen.';
    assert.equal(await text(result().locator('.import-rejected')), summary);
    assert.equal(await text(page.getByRole('status')), summary);
    const shown = await facts(result().locator('.import-facts'));
    assert.equal(shown['Fil'], 'senior-alert-fel.csv');
    assert.equal(shown['Rader lästa'], '3');
    assert.equal(shown['Rader utan fel'], '2');
    assert.equal(shown['Rader med fel'], '1');

    const table = page.getByRole('table', { name: 'Fel i filen: 1 fel' });
    assert.deepEqual(await table.locator('thead th').allTextContents(), [
      'Rad',
      'Rad i filen',
      'Kolumn',
      'Regel',
      'Meddelande',
    ]);
    const cells = await table.locator('tbody tr').first().locator('td').allTextContents();
    assert.equal(await table.locator('tbody tr').count(), 1);
    assert.deepEqual(cells.slice(0, 4), ['2', '3', 'personnummer', 'check_digit']);
    assert.ok((cells[4] ?? '').length > 0);
    assert.equal(await page.locator('progress').getAttribute('value'), '100');
    await noAxeViolations(page);
    await screenshot(page, 'imports-dry-run');

    // The link to the column documentation opens it and moves the focus there.
    await tabTo(page, /^Se vilka kolumner filen ska ha$/);
    await page.keyboard.press('Enter');
    assert.equal((await focused(page))?.name, 'Kolumner i Senior Alert');
    assert.equal(await page.locator('#import-columns').getAttribute('open'), '');
    await page.locator('#import-columns').getByText('risk_area').first().waitFor();
  });

  it('rejects the import of the same file and says that nothing was written', async () => {
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Resultat', exact: true }).waitFor();
    assert.equal(
      await text(result().locator('.import-rejected')),
      'Filen avvisades: 1 av 3 rader har fel. Ingenting sparades, inte heller de rader som var rätt.',
    );
    await page.getByRole('table', { name: 'Fel i filen: 1 fel' }).waitFor();
    assert.equal(await entriesOf(samplePersonnummer(1)), null);
    assert.equal(await entriesOf(samplePersonnummer(3)), null);
  });

  it('imports a valid file: the progress bar reaches 100 % and the report counts exactly', async () => {
    await fileInput().setInputFiles({ name: 'senior-alert.csv', mimeType: 'text/csv', buffer: good });
    await fileInput().focus();
    await tabTo(page, /^Importera$/);
    await page.keyboard.press('Enter');
    const done = 'Importen är klar: 3 rader är sparade.';
    await result().locator('.status-ok', { hasText: done }).waitFor();
    assert.equal(await text(page.getByRole('status')), done);

    const bar = page.getByRole('progressbar', { name: 'Förlopp' });
    assert.equal(await bar.getAttribute('value'), '100');
    assert.equal(await text(page.locator('.import-progress-text')), '3 rader lästa, 100 %');
    assert.deepEqual(await facts(result().locator('.import-facts')), {
      Fil: 'senior-alert.csv',
      'Rader lästa': '3',
      'Rader utan fel': '3',
      'Rader med fel': '0',
      'Nya registreringar': '3',
      'Oförändrade registreringar': '0',
      'Rättade registreringar': '0',
      'Nya personer vid era enheter': '3',
      'Nya kopplingar person–enhet': '3',
    });
    assert.equal(await page.getByRole('table').count(), 0);

    const first = await entriesOf(samplePersonnummer(1));
    assert.deepEqual(
      first?.map((e) => [e.kind, e.occurredOn]),
      [['risk_assessment', '2024-03-05']],
    );
    const second = await entriesOf(samplePersonnummer(2));
    assert.deepEqual(
      second?.map((e) => [e.kind, e.occurredOn]),
      [['planned_action', '2024-03-06']],
    );
    const third = await entriesOf(samplePersonnummer(3));
    assert.deepEqual(
      third?.map((e) => [e.kind, e.occurredOn]),
      [['event', '2024-04-01']],
    );
    await noAxeViolations(page);
    await screenshot(page, 'imports-done');
  });

  it('re-imports the same file: three entries unchanged, nothing new', async () => {
    await fileInput().setInputFiles({ name: 'senior-alert.csv', mimeType: 'text/csv', buffer: good });
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    // The earlier report goes while the file is sent; wait for the new numbers.
    await result().locator('.import-facts div', { hasText: 'Oförändrade registreringar3' }).waitFor();
    const shown = await facts(result().locator('.import-facts'));
    assert.equal(shown['Rader lästa'], '3');
    assert.equal(shown['Nya registreringar'], '0');
    assert.equal(shown['Oförändrade registreringar'], '3');
    assert.equal(shown['Rättade registreringar'], '0');
    assert.equal(shown['Nya personer vid era enheter'], '0');
    assert.equal(shown['Nya kopplingar person–enhet'], '0');
    assert.equal((await entriesOf(samplePersonnummer(1)))?.length, 1);
  });

  it('fits a tablet screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByRole('button', { name: 'Provkör' }).click();
    await result().locator('.status-ok', { hasText: 'Provkörningen gick igenom' }).waitFor();
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    assert.equal(overflow, 0);
    await noAxeViolations(page);
    await screenshot(page, 'imports-tablet');
  });
});
