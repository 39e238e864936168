import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, skipBrowser } from '../../../test/support/browser.js';
import { publishNation } from '../../../test/support/opendata.js';
import { assertNoSeriousAxe } from '../../../test/support/public-page.js';
import { startTestServer, type RunningServer } from '../../../test/support/server.js';
import { luhnCheckDigit } from '../../domain/persons/personnummer.js';
import { publishedRows } from '../opendata/testing.js';
import { importPublished } from './bulk.js';
import { systemActor } from './service.js';
import { content } from './testing.js';

/**
 * The public library in Chromium: search in Swedish, open an entry, follow it to its indicator in
 * the open comparisons and back through "what works to improve this?", and a good example whose
 * figures come from the published values (".." where disclosure control hides them).
 */
const KPI = 'K10008';
const DEMO_PASSWORD = 'Kunskapsnav-demo-2026';
const PERSONNUMMER = `19380411-456${luhnCheckDigit('380411456')}`;

describe('knowledge library pages in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let suppressed: { code: string; after: { numerator: number; denominator: number; rate: number } };

  before(async () => {
    [server, browser] = await Promise.all([startTestServer({ demo: true }), launchBrowser()]);
    await publishNation(server.t.db, [2023, 2024]);
    // A municipality whose 2023 total is suppressed and whose 2024 total is published.
    const cells = async (period: string) =>
      (await publishedRows(server.t.db, KPI, period)).filter(
        (r) => r.level === 'municipality' && r.sex === 'T',
      );
    const [before23, after24] = [await cells('2023'), await cells('2024')];
    const pick = before23
      .filter((b) => b.status === 'suppressed')
      .map((b) => ({ b, a: after24.find((a) => a.code === b.code && a.status === 'ok') }))
      .find((x) => x.a !== undefined);
    assert.ok(pick?.a, 'the fixture has a municipality suppressed in 2023 and published in 2024');
    suppressed = {
      code: pick.b.code,
      after: {
        numerator: pick.a.numerator ?? -1,
        denominator: pick.a.denominator ?? -1,
        rate: Number(pick.a.rate),
      },
    };
    await importPublished(server.t.db, systemActor(new Date()), [
      {
        kind: 'good_example',
        slug: 'exempel-webbtest',
        note: 'test',
        content: content({
          title: 'Exempel i webbtestet',
          summary: 'En kommun följde andelen som fallit.',
          evidence: 'local_result',
          example: { municipalityCode: suppressed.code, indicatorId: KPI, before: '2023', after: '2024' },
        }),
      },
    ]);
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('searches in Swedish, opens an entry, follows it to an indicator and back', async () => {
    await page.goto(`${server.url}/bibliotek`);
    await page.getByLabel('Sök i biblioteket').fill('fallprevention');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.waitForURL(/\/bibliotek\?q=fallprevention$/);
    const hit = page.locator('.lib-hits li', { hasText: 'Fallförebyggande träning för äldre' });
    await hit.waitFor();
    assert.deepEqual(await hit.locator('mark').allTextContents(), ['fallpreventiva']);
    await assertNoSeriousAxe(page);
    await screenshot(page, 'library-search');

    await hit.getByRole('link', { name: 'Fallförebyggande träning för äldre' }).click();
    await page.waitForURL(/\/bibliotek\/fallforebyggande-traning$/);
    assert.equal(await page.locator('h1').textContent(), 'Fallförebyggande träning för äldre');
    assert.match(
      (await page.locator('.lib-badges').textContent()) ?? '',
      /Exempelinnehåll skrivet för demon 2026-12-07/,
    );
    await assertNoSeriousAxe(page);
    await screenshot(page, 'library-entry');

    await page.getByRole('link', { name: 'Andel personer 65+ som fallit' }).click();
    await page.waitForURL(new RegExp(`/jamforelser/${KPI}$`));
    const panel = page.locator('.lib-panel');
    await panel.getByRole('heading', { name: 'Vad fungerar för att förbättra detta?' }).waitFor();
    await page.locator('.pub-map-canvas[data-state="ready"]').waitFor();
    await assertNoSeriousAxe(page);
    await screenshot(page, 'library-beside-indicator');
    await panel.getByRole('link', { name: 'Fallförebyggande träning för äldre' }).click();
    await page.waitForURL(/\/bibliotek\/fallforebyggande-traning$/);
    assert.equal(await page.locator('h1').textContent(), 'Fallförebyggande träning för äldre');
  });

  it('tolerates a typo and filters by evidence', async () => {
    await page.goto(`${server.url}/bibliotek?q=fallpreventon&evidence=high`);
    const hits = page.locator('.lib-hits li h2');
    await hits.first().waitFor();
    assert.deepEqual(await hits.allTextContents(), ['Fallförebyggande träning för äldre']);
  });

  it('shows a good example with its figures from the published values, ".." where suppressed', async () => {
    await page.goto(`${server.url}/bibliotek/exempel-webbtest`);
    const before = page.locator('tr[data-figure="before"] td');
    await before.first().waitFor();
    assert.deepEqual(await before.allTextContents(), ['..', '..']);
    const percent = (Math.round(suppressed.after.rate * 1000) / 10).toFixed(1).replace('.', ',');
    assert.deepEqual(await page.locator('tr[data-figure="after"] td').allTextContents(), [
      `${percent} %`,
      `${suppressed.after.numerator} / ${suppressed.after.denominator}`,
    ]);
    await assertNoSeriousAxe(page);
    await screenshot(page, 'library-good-example');
  });

  it("puts the library beside a person's follow-up: own view, assessment and knowledge side by side", async () => {
    // The demo caseworker registers a person with a high fall risk (Downton) through the API.
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'handlaggare', password: DEMO_PASSWORD },
    });
    const cookie = `kn_session=${login.cookies.find((c) => c.name === 'kn_session')?.value ?? ''}`;
    const { principal, csrfToken } = login.json<{
      principal: { assignments: Array<{ scope: { unitId?: string } }> };
      csrfToken: string;
    }>();
    const unitId = principal.assignments[0]?.scope.unitId ?? '';
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const person = await server.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers,
      payload: { personnummer: PERSONNUMMER, name: 'Harald Holm', unitId, servedFrom: '2024-01-01' },
    });
    assert.equal(person.statusCode, 201, person.body);
    const pseudonym = person.json<{ person: { pseudonym: string } }>().person.pseudonym;
    const entry = await server.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${pseudonym}/entries`,
      headers,
      payload: {
        register: 'senior_alert',
        kind: 'risk_assessment',
        unitId,
        occurredOn: '2024-02-01',
        data: {
          instrument: 'downton',
          answers: {
            previousFalls: true,
            medications: ['diuretics', 'antidepressants'],
            sensoryDeficits: ['none'],
            mentalState: 'oriented',
            gait: 'normal',
          },
        },
      },
    });
    assert.equal(entry.statusCode, 201, entry.body);

    await page.goto(`${server.url}/logga-in`);
    await page.getByLabel('Användarnamn').fill('handlaggare');
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('button', { name: /^Användarmeny/ }).waitFor();
    await page.goto(`${server.url}/personer/${pseudonym}`);
    const three = page.locator('.lib-three');
    await three.getByRole('heading', { name: 'Tre kunskapskällor sida vid sida' }).waitFor();
    await three.getByRole('link', { name: 'Fallförebyggande träning för äldre' }).waitFor();
    assert.deepEqual(await three.locator('h3').allTextContents(), [
      'Personens egen bild',
      'Professionens bedömning',
      'Bästa tillgängliga kunskap',
    ]);
    assert.equal(
      await three.locator('section', { hasText: 'Personens egen bild' }).locator('p').textContent(),
      'Ingen egen bedömning registrerad.',
    );
    assert.match(
      (await three.locator('section', { hasText: 'Professionens bedömning' }).locator('li').textContent()) ??
        '',
      /^DOWNTON: .+ \(3\) 2024-02-01$/,
    );
    await assertNoSeriousAxe(page);
    await screenshot(page, 'library-three-sources');
  });
});
