import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  skipBrowser,
} from '../../../test/support/browser.js';
import { startTestServer, type RunningServer } from '../../../test/support/server.js';

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = (
      globalThis as unknown as {
        document: { activeElement: { tagName: string; textContent: string | null; id: string } | null };
      }
    ).document.activeElement;
    return el ? { tag: el.tagName, text: el.textContent, id: el.id } : null;
  });

describe('instrument pages in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the nine instruments in Swedish', async () => {
    await page.goto(`${server.url}/instruments`);
    assert.equal(await page.locator('h1').textContent(), 'Bedömningsinstrument');
    await page.locator('.instrument-list > li').first().waitFor();
    assert.equal(await page.locator('.instrument-list > li').count(), 9);
  });

  it('fills in the Modified Norton Scale with the keyboard only and shows the server result', async () => {
    await page.getByRole('link', { name: 'Modifierad Nortonskala' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Modifierad Nortonskala' }).waitFor();
    // Into the first radio group, then: Space picks the first option (4 points), each ArrowDown one point less.
    await page.locator('form.instrument-form input[type=radio]').first().focus();
    const downs = [1, 1, 1, 1, 1, 1, 2]; // 3+3+3+3+3+3+2 = 20
    for (const [n, down] of downs.entries()) {
      if (n > 0) await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      for (let i = 0; i < down; i++) await page.keyboard.press('ArrowDown');
    }
    assert.equal((await page.locator('.live-value').textContent())?.trim(), '20 – Risk för trycksår');
    await page.keyboard.press('Tab');
    assert.deepEqual((await focused(page))?.text, 'Beräkna');
    await page.keyboard.press('Enter');
    await page.locator('#server-result-heading').waitFor();
    assert.deepEqual(await focused(page), { tag: 'H2', text: 'Resultat', id: 'server-result-heading' });
    assert.equal(await page.locator('.result-total').textContent(), '20');
    assert.match((await page.locator('.result-band').textContent()) ?? '', /Risk för trycksår/);
    await screenshot(page, 'instrument-norton');
  });

  it('has no serious or critical accessibility violations on a filled-in form', async () => {
    assert.deepEqual(
      (await seriousAxeViolations(page)).map((v) => `${v.id}: ${v.help}`),
      [],
    );
  });

  it('takes a BMI with a decimal comma and hides calf circumference when BMI is given', async () => {
    await page.goto(`${server.url}/instruments/mna-sf`);
    const calf = page.getByLabel(/Vadomkrets/);
    await calf.waitFor();
    const bmi = page.getByLabel(/Kroppsmasseindex/);
    await bmi.fill('18,9');
    assert.equal(await calf.count(), 0);
    assert.match((await page.locator('.live-result').textContent()) ?? '', /5 frågor återstår/);
  });

  it('names every missing answer in an error summary that links to the question', async () => {
    await page.goto(`${server.url}/instruments/audit`);
    await page.getByRole('button', { name: 'Beräkna' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.equal(await summary.locator('li').count(), 11);
    assert.equal((await focused(page))?.tag, 'DIV');
    await summary.locator('a').first().click();
    const target = await focused(page);
    assert.equal(target?.tag, 'INPUT');
    assert.match((await page.locator('.field-error').first().textContent()) ?? '', /Svar saknas/);
    assert.deepEqual(
      (await seriousAxeViolations(page)).map((v) => `${v.id}: ${v.help}`),
      [],
    );
    await screenshot(page, 'instrument-audit-errors');
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'In English' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'AUDIT – Alcohol Use Disorders Identification Test' })
      .waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('button', { name: 'På svenska' }).click();
  });
});
