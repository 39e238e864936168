import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { swedishDate } from '../../src/domain/identity/session.js';
import * as service from '../../src/modules/surveys/service.js';
import { makeUnits, testKeys } from '../../src/modules/surveys/testing.js';
import { launchBrowser, screenshot, seriousAxeViolations, skipBrowser } from '../support/browser.js';
import { TEST_PSEUDONYM_KEY } from '../support/db.js';
import { startTestServer, type RunningServer } from '../support/server.js';
import { focused, tabTo } from './keyboard.js';

/** The anonymous answering page on a phone-sized screen, with the keyboard only. */
describe('answering a survey in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let unitId: string;
  const keys = testKeys(TEST_PSEUDONYM_KEY, randomInt);

  const roundWithCode = async (templateId: string) => {
    const day = (offset: number) => swedishDate(new Date(Date.now() + offset * 86_400_000));
    const round = await service.createRound(
      server.t.db,
      {
        templateId,
        templateVersion: 1,
        period: day(0).slice(0, 4),
        opensOn: day(-1),
        closesOn: day(30),
        unitIds: [unitId],
      },
      null,
    );
    const [code] = await service.issueCodes(
      server.t.db,
      keys,
      { roundId: round.id, unitId, count: 1 },
      {
        accountId: null,
        clientAddress: null,
        now: new Date(),
      },
    );
    return { roundId: round.id, code: code as string };
  };
  const storedAnswers = async (roundId: string) =>
    (
      await server.t.db.query<{ answers: Record<string, string> }>(
        `SELECT answers FROM survey_answer WHERE round_id = $1`,
        [roundId],
      )
    ).rows.map((r) => r.answers);

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    [unitId] = (await makeUnits(server.t.db, ['Vårdboendet Linden'])) as [string];
    context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 375, height: 667 },
      hasTouch: true,
      isMobile: true,
    });
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('answers with the keyboard only, keeps the code out of the address bar and thanks the respondent', async () => {
    const { roundId, code } = await roundWithCode('survey-elderly-care');
    await page.goto(`${server.url}/svar/${roundId}#kod=${code}`);
    await page.getByRole('heading', { level: 1, name: 'Vad tycker du om din äldreomsorg?' }).waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the code leaves the address bar');
    assert.deepEqual(await seriousAxeViolations(page), []);
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.ok(!scripts.some((s) => /\/assets\/main-/.test(s)), 'the app bundle is not loaded');

    await tabTo(page, /^Stämmer helt$/); // the first question's first option
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // the next question
    await page.keyboard.press('ArrowDown'); // selects its second option
    assert.equal((await focused(page))?.name, 'Stämmer ganska bra');
    await tabTo(page, /^Skicka svaren$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Tack för dina svar!' }).waitFor();
    assert.equal((await focused(page))?.id, 'thanks');
    assert.deepEqual(await seriousAxeViolations(page), []);
    assert.deepEqual(await storedAnswers(roundId), [{ 'ec.treatment': '4', 'ec.respect': '3' }]);
    await screenshot(page, 'survey-thanks-phone');
  });

  it('keeps unsent answers on the device, offers easy-to-read Swedish and pictures, and refuses a wrong code', async () => {
    const { roundId, code } = await roundWithCode('survey-functional-impairment');
    await page.goto(`${server.url}/svar/${roundId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.ok((await page.locator('svg.face').count()) >= 4, 'pictograms drawn');
    await tabTo(page, /^Lättläst$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Vad tycker du om ditt stöd?' }).waitFor();
    await page.getByText('Får du bestämma själv?').waitFor();
    await tabTo(page, /^Ja$/);
    await page.keyboard.press('Space');
    await page.reload();
    await page.getByText('Får du bestämma själv?').waitFor(); // the variant was kept
    assert.equal(await page.locator('input[name="fi.decide"][value="yes"]').isChecked(), true);
    assert.deepEqual(await seriousAxeViolations(page), []);

    await page.getByLabel('Din kod. Koden står i brevet.').fill('2222-2222-2222-2222-22');
    await page.getByRole('button', { name: 'Skicka' }).press('Enter');
    await page.getByRole('alert').getByText('Koden är fel. Titta i brevet igen.').waitFor();
    await page.getByLabel('Din kod. Koden står i brevet.').fill(code);
    await page.getByRole('button', { name: 'Skicka' }).press('Enter');
    await page.getByRole('heading', { name: 'Tack!' }).waitFor();
    assert.deepEqual(await storedAnswers(roundId), [{ 'fi.decide': 'yes' }]);
    await screenshot(page, 'survey-pictures-phone');
  });
});
