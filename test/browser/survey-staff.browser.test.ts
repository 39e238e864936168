import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { swedishDate } from '../../src/domain/identity/session.js';
import type { Role, Scope } from '../../src/domain/policy/principal.js';
import { addAssignment, createAccount } from '../../src/modules/identity/accounts.js';
import * as service from '../../src/modules/surveys/service.js';
import { makeUnits, testKeys } from '../../src/modules/surveys/testing.js';
import { launchBrowser, screenshot, seriousAxeViolations, skipBrowser } from '../support/browser.js';
import { TEST_PSEUDONYM_KEY } from '../support/db.js';
import { startTestServer, type RunningServer } from '../support/server.js';
import { focused } from './keyboard.js';

/**
 * The staff's work of a survey round in Chromium: an analyst creates a round, issues codes as
 * CSV and PDF, enters a paper answer that counts like the web answers in the response rate, and
 * reads the unit's results over time; a unit manager sees only their own unit.
 */
describe('survey rounds for staff in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let analyst: Page;
  let solrosen: string;
  let vitsippan: string;
  let roundId: string;
  const codes: string[] = [];
  const year = swedishDate(new Date()).slice(0, 4);

  async function noSeriousViolations(page: Page, name: string): Promise<void> {
    const violations = await seriousAxeViolations(page);
    if (violations.length) await screenshot(page, name);
    assert.deepEqual(
      violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
      [],
    );
  }

  /** A new account with one role, logged in through the login page. */
  async function loggedIn(role: Role, scope: Scope): Promise<Page> {
    const username = `enkat-${role.replace(/_/g, '-')}-${randomBytes(3).toString('hex')}`;
    const password = randomBytes(18).toString('base64url');
    const account = await createAccount(server.t.db, { username, displayName: username, password });
    await addAssignment(server.t.db, account.id, { role, scope, validFrom: '2000-01-01' }, new Date());
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/logga-in`);
    await page.getByLabel('Användarnamn').fill(username);
    await page.getByLabel('Lösenord').fill(password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));
    return page;
  }

  const progressRow = (page: Page, unit: string) =>
    page.getByRole('table', { name: 'Utskickade koder och svarsfrekvens per enhet' }).getByRole('row', {
      name: new RegExp(`^${unit}`),
    });
  const cells = async (page: Page, unit: string) =>
    (await progressRow(page, unit).getByRole('cell').allTextContents()).map((s) => s.trim());

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    [solrosen, vitsippan] = (await makeUnits(server.t.db, ['Solrosen', 'Vitsippan'])) as [string, string];
    // Last year's round of the same survey, so the unit's results read as a series.
    await service.createRound(
      server.t.db,
      {
        templateId: 'survey-elderly-care',
        templateVersion: 1,
        period: String(Number(year) - 1),
        opensOn: `${Number(year) - 1}-03-01`,
        closesOn: `${Number(year) - 1}-03-31`,
        unitIds: [solrosen],
      },
      null,
    );
    analyst = await loggedIn('municipal_analyst', { kind: 'municipality', code: '0180' });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a round, with the server’s field errors beside the fields and in a summary', async () => {
    await analyst.goto(`${server.url}/enkater`);
    await analyst.getByRole('link', { name: 'Ny omgång' }).click();
    await analyst.getByRole('heading', { level: 2, name: 'Ny omgång' }).waitFor();
    await analyst
      .getByLabel('Enkät')
      .selectOption({ label: 'Vad tycker du om din äldreomsorg? (version 1)' });
    await analyst.getByLabel('Period').fill(year);
    await analyst.getByLabel('Stänger').fill('2000-01-01');
    await analyst.getByRole('button', { name: 'Skapa omgången' }).click();
    await analyst.locator('.error-summary li').getByText('Enheter: välj minst en enhet').waitFor();
    await noSeriousViolations(analyst, 'survey-staff-new-round-error');

    const units = analyst.getByRole('group', { name: 'Enheter' });
    await units.getByLabel('Solrosen').check();
    await units.getByLabel('Vitsippan').check();
    await analyst.getByRole('button', { name: 'Skapa omgången' }).click();
    await analyst
      .locator('.error-summary li')
      .getByText('Stänger: får inte vara före öppningsdagen')
      .waitFor();
    const closes = analyst.getByLabel('Stänger');
    assert.equal(await closes.getAttribute('aria-invalid'), 'true');
    await analyst.locator('.field-error').getByText('får inte vara före öppningsdagen').waitFor();
    await closes.fill(swedishDate(new Date(Date.now() + 20 * 86_400_000)));
    await analyst.getByRole('button', { name: 'Skapa omgången' }).click();
    await analyst
      .getByRole('heading', { level: 2, name: `Vad tycker du om din äldreomsorg? (${year})` })
      .waitFor();
    roundId = new URL(analyst.url()).searchParams.get('omgang') ?? '';
    assert.match(roundId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(await cells(analyst, 'Solrosen'), ['0', '0', '..']);
    await noSeriousViolations(analyst, 'survey-staff-round');
  });

  it('issues codes as CSV and as PDF letters, each downloaded once', async () => {
    const form = analyst.getByRole('region', { name: 'Skapa koder' });
    await form.getByLabel('Enhet').selectOption({ label: 'Solrosen' });
    await form.getByLabel('Antal koder').fill('6');
    await form.getByLabel('CSV: för brevkoppling').check();
    const [csv] = await Promise.all([
      analyst.waitForEvent('download'),
      form.getByRole('button', { name: 'Skapa och ladda ner' }).click(),
    ]);
    const lines = (await fs.readFile(await csv.path(), 'utf8')).trim().split('\r\n');
    assert.equal(lines.length, 7, 'a header and six codes');
    codes.push(...lines.slice(1).map((l) => l.split(',')[0] as string));
    await form.getByRole('status').getByText('6 koder skapade för Solrosen.', { exact: false }).waitFor();

    await form.getByLabel('Enhet').selectOption({ label: 'Vitsippan' });
    await form.getByLabel('Antal koder').fill('2');
    await form.getByLabel('PDF: utskrivbara brev med QR-kod').check();
    const [pdf] = await Promise.all([
      analyst.waitForEvent('download'),
      form.getByRole('button', { name: 'Skapa och ladda ner' }).click(),
    ]);
    assert.equal(pdf.suggestedFilename(), `brev-${roundId}.pdf`);
    assert.equal((await fs.readFile(await pdf.path())).subarray(0, 5).toString(), '%PDF-');
    await form.getByRole('status').getByText('2 koder skapade för Vitsippan.', { exact: false }).waitFor();
    await analyst.getByRole('cell', { name: '6', exact: true }).waitFor();
    assert.deepEqual(await cells(analyst, 'Solrosen'), ['6', '0', '0 %']);
    assert.deepEqual(await cells(analyst, 'Vitsippan'), ['2', '0', '0 %']);
  });

  it('enters a paper answer that counts like the web answers in the response rate', async () => {
    const keys = testKeys(TEST_PSEUDONYM_KEY);
    for (const code of codes.slice(0, 4)) {
      await service.submitAnswers(server.t.db, keys, {
        roundId,
        code,
        answers: { 'ec.overall': '4', 'ec.safe': '2' },
        clientAddress: '192.0.2.44',
        now: new Date(),
      });
    }
    await analyst.reload();
    await progressRow(analyst, 'Solrosen').waitFor();
    // Four answers are fewer than five: the count and the rate are hidden.
    assert.deepEqual(await cells(analyst, 'Solrosen'), ['6', '..', '..']);

    const form = analyst.getByRole('region', { name: 'Registrera pappersenkät' });
    await form.getByLabel('Enhet').selectOption({ label: 'Solrosen' });
    const question = form.getByRole('group', { name: 'Personalen bemöter mig på ett bra sätt' });
    await question.getByLabel('Stämmer helt').check();
    await form.getByLabel('Koden på enkäten').fill(codes[0] as string);
    await form.getByRole('button', { name: 'Registrera svaren' }).click();
    await form.locator('.field-error').getByText('Koden har redan använts.').waitFor();
    await form.getByLabel('Koden på enkäten').fill('2222-2222-2222-2222-22');
    await form.getByRole('button', { name: 'Registrera svaren' }).click();
    await form
      .locator('.field-error')
      .getByText('Koden finns inte för den här enheten i den här omgången.')
      .waitFor();
    await noSeriousViolations(analyst, 'survey-staff-paper-error');

    // With the keyboard only: from the code to the next question's radio group, then send with Enter.
    await form.getByLabel('Koden på enkäten').fill(codes[4] as string);
    await analyst.keyboard.press('Tab'); // the first question, already answered above
    assert.equal((await focused(analyst))?.name, 'Stämmer helt');
    await analyst.keyboard.press('Tab'); // the second question, "no answer" chosen
    assert.equal((await focused(analyst))?.name, 'Inget svar');
    await analyst.keyboard.press('ArrowDown'); // wraps to its first option and chooses it
    assert.equal((await focused(analyst))?.name, 'Stämmer helt');
    await analyst.keyboard.press('Enter');
    const done = form.getByRole('status').getByText('Svaren är registrerade för Solrosen.', { exact: false });
    await done.waitFor();
    // The confirmation does not echo the answers, and the form is cleared for the next one.
    assert.equal(await form.getByLabel('Koden på enkäten').inputValue(), '');
    assert.equal(await question.getByLabel('Stämmer helt').isChecked(), false);
    const { rows } = await server.t.db.query<{ answers: Record<string, string> }>(
      `SELECT answers FROM survey_answer WHERE round_id = $1 AND unit_id = $2`,
      [roundId, solrosen],
    );
    assert.equal(rows.length, 5);
    assert.deepEqual(
      rows.filter((r) => r.answers['ec.respect']).map((r) => r.answers),
      [{ 'ec.treatment': '4', 'ec.respect': '4' }],
      'the paper answer is stored in the same pool, as typed with the keyboard',
    );
    await analyst.getByRole('cell', { name: '83 %' }).waitFor();
    assert.deepEqual(await cells(analyst, 'Solrosen'), ['6', '5', '83 %']);
    await noSeriousViolations(analyst, 'survey-staff-paper-done');
    await screenshot(analyst, 'survey-staff-round');
  });

  it('shows the unit’s results over time beside its register indicators', async () => {
    await analyst.getByRole('link', { name: 'Solrosen' }).click();
    const table = analyst.getByRole('table', { name: /andel positiva svar per område och år/ });
    await table.waitFor();
    const headers = (await table.getByRole('columnheader').allTextContents()).map((s) => s.trim());
    assert.deepEqual(headers, [String(Number(year) - 1), year, 'Enheten', 'Kommunen', 'Enheten', 'Kommunen']);
    const row = async (name: string) =>
      (
        await table
          .getByRole('row', { name: new RegExp(`^${name}`) })
          .getByRole('cell')
          .allTextContents()
      ).map((s) => s.trim());
    assert.deepEqual(await row('Svarande'), ['0', '0', '5', '5']);
    assert.deepEqual(await row('Svarsfrekvens'), ['..', '..', '83 %', '63 %']);
    await analyst.getByRole('heading', { name: 'Registerindikatorer' }).waitFor();
    await noSeriousViolations(analyst, 'survey-staff-over-time');
    await screenshot(analyst, 'survey-staff-over-time');
  });

  it('shows a unit manager only their own unit', async () => {
    const manager = await loggedIn('unit_manager', { kind: 'unit', unitId: vitsippan });
    await manager.goto(`${server.url}/enkater?omgang=${roundId}`);
    const table = manager.getByRole('table', { name: 'Utskickade koder och svarsfrekvens per enhet' });
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), 1);
    assert.deepEqual(await cells(manager, 'Vitsippan'), ['2', '0', '0 %']);
    const unitOptions = await manager
      .getByRole('region', { name: 'Skapa koder' })
      .getByLabel('Enhet')
      .locator('option')
      .allTextContents();
    assert.deepEqual(unitOptions, ['Vitsippan']);
    await noSeriousViolations(manager, 'survey-staff-manager');
    await manager.context().close();
  });
});
