import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousAxeViolations, skipBrowser } from '../support/browser.js';
import { startTestServer, type RunningServer } from '../support/server.js';
import { luhnCheckDigit } from '../../src/domain/persons/personnummer.js';
import { focused, tabTo } from './keyboard.js';

const DEMO_PASSWORD = 'Kunskapsnav-demo-2026';
const BIRTH = '19400315';
const SERIAL = '123';
const PERSONNUMMER = `${BIRTH}-${SERIAL}${luhnCheckDigit(`${BIRTH.slice(2)}${SERIAL}`)}`;
const NAME = 'Greta Granström';
const TODAY = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
const REASON = 'Fallet i mars var ett snubbel utan fall, enligt journalen';

async function noAxeViolations(page: Page): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
  );
}

/** Shift+Tab until the focused element's name matches. */
async function tabBackTo(page: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Shift+Tab');
    const f = await focused(page);
    if (f && name.test(f.name)) return;
  }
  throw new Error(`no element named ${String(name)} within ${max} Shift+Tab presses`);
}

/** Arrow keys inside a radio group (they move and choose) until the named radio has focus. */
async function arrowTo(page: Page, name: RegExp, max = 10): Promise<void> {
  for (let i = 0; i < max; i++) {
    const f = await focused(page);
    if (f && name.test(f.name)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no radio named ${String(name)} within ${max} arrow presses`);
}

/** Tab to the first radio of a group and choose the named one with the arrow keys (Space for the first). */
async function chooseRadio(page: Page, first: RegExp, name: RegExp): Promise<void> {
  await tabTo(page, first);
  if (name.test((await focused(page))?.name ?? '')) await page.keyboard.press('Space');
  else await arrowTo(page, name);
}

/** The text of a definition list as { term: description }. */
async function facts(article: Locator): Promise<Record<string, string>> {
  const terms = await article.locator('dt').allTextContents();
  const values = await article.locator('dd').allTextContents();
  return Object.fromEntries(terms.map((term, i) => [term, (values[i] ?? '').replace(/\s+/g, ' ').trim()]));
}

describe('a person’s timeline and register entries in Chromium', { skip: skipBrowser }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let unitName = '';

  const entries = () => page.locator('.reg-entries > li');
  const entryWith = (kind: string) =>
    page.locator('.reg-entry', { has: page.getByRole('heading', { level: 3, name: new RegExp(kind) }) });

  before(async () => {
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1280, height: 800 },
      locale: 'sv-SE',
    });
    page = await context.newPage();

    // The demo has no persons in a test database: register one in the caseworker's unit.
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
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: { personnummer: PERSONNUMMER, name: NAME, unitId, servedFrom: '2024-01-01' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const unit = await server.app.inject({ method: 'GET', url: `/api/v1/org/units/${unitId}` });
    unitName = unit.json<{ current: { name: string } }>().current.name;
    assert.ok(unitName);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the timeline from the person search with the keyboard', async () => {
    await page.goto(`${server.url}/logga-in`);
    await page.getByLabel('Användarnamn').fill('handlaggare');
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('button', { name: /^Användarmeny/ }).waitFor();
    await page.goto(`${server.url}/personer`);
    await page.getByLabel('Personnummer eller samordningsnummer').focus();
    await page.keyboard.type(PERSONNUMMER);
    await page.keyboard.press('Enter');
    await page.locator('.person-card').getByRole('heading', { name: NAME }).waitFor();
    await tabTo(page, /^Visa tidslinje och registreringar$/);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: `Tidslinje för ${NAME}` }).waitFor();
    assert.match(page.url(), /\/personer\/[0-9a-f]{64}$/);
    await page.locator('.reg-person').getByText(unitName).waitFor();
    const person = await facts(page.locator('.reg-person'));
    assert.equal(person['Namn'], NAME);
    assert.equal(person['Personnummer'], PERSONNUMMER);
    assert.match(person['Pseudonym'] ?? '', /^[0-9a-f]{64}$/);
    assert.equal(person['Enheter'], `${unitName} från 2024-01-01`);
    await page.getByText('Inga registreringar ännu.').waitFor();
    assert.equal(await page.locator('.reg-timeline .muted').first().textContent(), '0 registreringar');
  });

  it('registers a Downton risk assessment with the keyboard and shows the server’s score', async () => {
    await tabTo(page, /^Ny registrering$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Ny registrering' }).waitFor();
    assert.equal((await focused(page))?.name, 'Ny registrering');
    await chooseRadio(page, /^Senior Alert$/, /^Senior Alert$/);
    await chooseRadio(page, /^Riskbedömning$/, /^Riskbedömning$/);
    // The only unit is chosen already and the date is today.
    const panel = page.locator('.reg-panel');
    assert.equal(await panel.getByRole('radio', { name: unitName }).isChecked(), true);
    assert.equal(await panel.getByLabel('Datum').inputValue(), TODAY);
    await chooseRadio(page, /^Modifierad Nortonskala/, /^Downton Fall Risk Index \(Fall\)$/);
    await panel.getByRole('group', { name: /Tidigare kända fall/ }).waitFor();

    await chooseRadio(page, /^Ja$/, /^Ja$/);
    await tabTo(page, /^Diuretika$/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Antidepressiva$/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Inga$/);
    await page.keyboard.press('Space');
    await chooseRadio(page, /^Orienterad$/, /^Orienterad$/);
    await chooseRadio(page, /^Normal$/, /^Normal$/);
    assert.equal(
      (await panel.locator('.live-value').textContent())?.replace(/\s+/g, ' ').trim(),
      '3 – Hög fallrisk',
    );
    await tabTo(page, /^Läkemedel$/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Spara registrering$/);
    await page.keyboard.press('Enter');

    await page.locator('.status-ok', { hasText: 'Registreringen är sparad.' }).waitFor();
    await panel.waitFor({ state: 'detached' });
    const first = entries().first();
    await first.getByText(unitName).waitFor();
    assert.equal(
      (await first.getByRole('heading', { level: 3 }).textContent())?.trim(),
      `${TODAY} · Senior Alert · Riskbedömning`,
    );
    const shown = await facts(first);
    assert.equal(shown['Bedömningsinstrument'], 'Downton Fall Risk Index');
    assert.equal(shown['Resultat'], '3 poäng Hög fallrisk ⚠ Risk');
    assert.equal(shown['Bakomliggande orsaker'], 'Läkemedel');
    assert.equal(shown['Enhet'], unitName);
    assert.match(
      (await first.locator('.reg-recorded').textContent()) ?? '',
      /^Registrerad .* av Hanna Handläggare\.$/,
    );
    // Focus is on the new entry.
    const f = await focused(page);
    assert.equal(f?.tag, 'H3');
    assert.match(f?.name ?? '', /Riskbedömning$/);
    assert.equal(await page.locator('.reg-timeline .muted').first().textContent(), '1 registrering');
  });

  it('registers a planned action for the fall risk', async () => {
    await tabBackTo(page, /^Ny registrering$/);
    await page.keyboard.press('Enter');
    await chooseRadio(page, /^Senior Alert$/, /^Senior Alert$/);
    await chooseRadio(page, /^Riskbedömning$/, /^Planerad åtgärd$/);
    await chooseRadio(page, /^Trycksår$/, /^Fall$/);
    await chooseRadio(page, /^Balans- och styrketräning$/, /^Läkemedelsgenomgång$/);
    await tabTo(page, /^Beskrivning av åtgärden/);
    await page.keyboard.type('Genomgång med sjuksköterska och läkare');
    await tabTo(page, /^Spara registrering$/);
    await page.keyboard.press('Enter');
    await page.locator('.status-ok', { hasText: 'Registreringen är sparad.' }).waitFor();
    await page.locator('.reg-panel').waitFor({ state: 'detached' });
    // The panel closes before the timeline has reloaded: wait for the second entry.
    await entries().nth(1).waitFor();

    const first = entries().first();
    assert.match((await first.getByRole('heading', { level: 3 }).textContent()) ?? '', /Planerad åtgärd$/);
    const shown = await facts(first);
    assert.equal(shown['Riskområde'], 'Fall');
    assert.equal(shown['Åtgärd'], 'Läkemedelsgenomgång');
    assert.equal(shown['Beskrivning av åtgärden'], 'Genomgång med sjuksköterska och läkare');
    assert.equal(await entries().count(), 2);
  });

  it('shows the server’s refusal at the date field and in the error summary', async () => {
    await tabBackTo(page, /^Ny registrering$/);
    await page.keyboard.press('Enter');
    await chooseRadio(page, /^Senior Alert$/, /^Senior Alert$/);
    await chooseRadio(page, /^Riskbedömning$/, /^Händelse$/);
    await tabTo(page, /^Datum$/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2023-12-31');
    await chooseRadio(page, /^Fall$/, /^Fall$/);
    await tabTo(page, /^Spara registrering$/);
    await page.keyboard.press('Enter');

    const panel = page.locator('.reg-panel');
    const summary = panel.getByRole('alert').filter({ hasText: 'Registreringen kunde inte sparas' });
    await summary.waitFor();
    assert.deepEqual(await summary.getByRole('listitem').allTextContents(), [
      'Datum: Personen fick inga insatser från enheten det datumet.',
    ]);
    // Focus is on the summary; its link leads to the field.
    assert.match((await focused(page))?.name ?? '', /^Registreringen kunde inte sparas/);
    const date = panel.getByLabel('Datum');
    assert.equal(await date.getAttribute('aria-invalid'), 'true');
    const errorId = (await date.getAttribute('aria-describedby'))?.split(' ')[0] ?? '';
    assert.equal(
      await page.locator(`[id="${errorId}"]`).textContent(),
      'Personen fick inga insatser från enheten det datumet.',
    );
    await screenshot(page, 'registers-error');
    await noAxeViolations(page);

    await tabTo(page, /^Datum: Personen fick inga insatser/);
    await page.keyboard.press('Enter');
    assert.equal((await focused(page))?.name, 'Datum');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(TODAY);
    await tabTo(page, /^Spara registrering$/);
    await page.keyboard.press('Enter');
    // The status line of the previous save may still be shown: wait for the panel to close and
    // the third entry to arrive instead.
    await page.locator('.reg-panel').waitFor({ state: 'detached' });
    await entries().nth(2).waitFor();
    const first = entries().first();
    assert.match((await first.getByRole('heading', { level: 3 }).textContent()) ?? '', /Händelse$/);
    assert.equal((await facts(first))['Typ av händelse'], 'Fall');
  });

  it('corrects the assessment so its band changes, and shows the reason in the history', async () => {
    await tabTo(page, /^Rätta: Riskbedömning /);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Rätta registrering' });
    await dialog.waitFor();
    await dialog.getByRole('group', { name: /Tidigare kända fall/ }).waitFor();
    // Prefilled with the current data.
    assert.equal(await dialog.getByRole('radio', { name: /^Downton Fall Risk Index/ }).isChecked(), true);
    assert.equal(await dialog.getByRole('checkbox', { name: 'Diuretika', exact: true }).isChecked(), true);
    assert.equal(await dialog.getByRole('checkbox', { name: 'Läkemedel', exact: true }).isChecked(), true);

    // The group's tab stop is its chosen radio, "Ja"; the arrow key moves to "Nej" and chooses it.
    await tabTo(page, /^Ja$/);
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused(page))?.name, 'Nej');
    assert.equal(
      (await dialog.locator('.live-value').textContent())?.replace(/\s+/g, ' ').trim(),
      '2 – Ingen förhöjd fallrisk',
    );
    // Without a reason the server refuses, and says so at the reason field.
    await tabTo(page, /^Spara rättelse$/);
    await page.keyboard.press('Enter');
    const reason = dialog.getByLabel('Skäl till rättelsen');
    await dialog.getByRole('alert').filter({ hasText: 'Registreringen kunde inte sparas' }).waitFor();
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    const errorId = (await reason.getAttribute('aria-describedby'))?.split(' ')[0] ?? '';
    assert.equal(
      await page.locator(`[id="${errorId}"]`).textContent(),
      'Skriv varför registreringen rättas (minst 3 tecken).',
    );
    await noAxeViolations(page);
    await screenshot(page, 'registers-correction');

    await tabTo(page, /^Skäl till rättelsen$/);
    await page.keyboard.type(REASON);
    await tabTo(page, /^Spara rättelse$/);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.status-ok', { hasText: 'Rättelsen är sparad (version 2).' }).waitFor();

    const assessment = entryWith('Riskbedömning');
    await assessment.getByText('Ingen förhöjd fallrisk').waitFor();
    assert.equal((await facts(assessment))['Resultat'], '2 poäng Ingen förhöjd fallrisk ✓ Ingen risk');
    assert.match(
      (await assessment.locator('.reg-recorded').textContent()) ?? '',
      new RegExp(`^Rättad .* av Hanna Handläggare \\(version 2\\)\\. Skäl: ${REASON}$`),
    );

    await tabTo(page, /^Visa historik: Riskbedömning /);
    await page.keyboard.press('Enter');
    const history = assessment.getByRole('region', { name: 'Historik' });
    await history.getByText('Version 1').waitFor();
    const versions = history.locator('.reg-version');
    assert.equal(await versions.count(), 2);
    const newest = versions.first();
    assert.match(
      (await newest.locator('p').first().textContent()) ?? '',
      /^Version 2 .* av Hanna Handläggare$/,
    );
    assert.equal(await newest.locator('.reg-reason').textContent(), `Skäl: ${REASON}`);
    assert.deepEqual(await newest.locator('.reg-changes li').allTextContents(), [
      'Totalpoäng: 3 → 2',
      'Bedömning: Hög fallrisk → Ingen förhöjd fallrisk',
      '1 Tidigare kända fall: Ja → Nej',
    ]);
    assert.match((await versions.nth(1).textContent()) ?? '', /Version 1 .*Första registreringen\./);
    assert.equal(
      await page
        .getByRole('button', { name: /^Dölj historik ?: Riskbedömning / })
        .getAttribute('aria-expanded'),
      'true',
    );
  });

  it('filters the timeline by register and has no accessibility violations', async () => {
    await noAxeViolations(page);
    await screenshot(page, 'registers-timeline');
    await tabBackTo(page, /^Visa register$/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.getByText('Inga registreringar i det här registret.').waitFor();
    assert.match(page.url(), /\?register=palliative$/);
    await page.keyboard.press('ArrowUp');
    await entries().nth(2).waitFor();
    assert.match(page.url(), /\?register=senior_alert$/);
    assert.equal(await entries().count(), 3);
  });

  it('fits a tablet screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.reload();
    await entries().nth(2).waitFor();
    await page.getByRole('button', { name: 'Ny registrering' }).click();
    await page.getByRole('radio', { name: 'Senior Alert' }).check();
    await page.getByRole('radio', { name: 'Riskbedömning' }).check();
    await page.getByRole('radio', { name: /^Downton Fall Risk Index/ }).check();
    await page.getByRole('group', { name: /Tidigare kända fall/ }).waitFor();
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
    await screenshot(page, 'registers-tablet');
  });
});
