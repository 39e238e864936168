import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyTable } from '../../domain/disclosure/verify.js';
import type { SurveyResults, UnitOverview } from '../../contracts/surveys.js';
import { loginAs } from '../../../test/support/auth.js';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { TEST_PSEUDONYM_KEY } from '../../../test/support/db.js';
import * as service from './service.js';

interface Problem {
  errors: { field: string; rule: string }[];
}
import { makeUnits, openRound, ROUND_DAY, testKeys } from './testing.js';

const keys = testKeys(TEST_PSEUDONYM_KEY);
const positive = { 'ec.overall': '4', 'ec.safe': '3', 'ec.meals': 'dk' };
const negative = { 'ec.overall': '1', 'ec.safe': '2' };

describe('survey rounds, codes and answers', () => {
  let h: TestApp;
  let units: string[];
  let roundId: string;
  let now = ROUND_DAY;
  const answer = (code: string, answers: Record<string, unknown> = positive, address = '192.0.2.1') =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/surveys/rounds/${roundId}/answers`,
      payload: { code, answers },
      remoteAddress: address,
    });
  const issue = (unitId: string, count: number) =>
    service.issueCodes(
      h.t.db,
      keys,
      { roundId, unitId, count },
      { accountId: null, clientAddress: null, now },
    );

  before(async () => {
    h = await openTestApp({ now: () => now });
    units = await makeUnits(h.t.db, ['Solgården', 'Månhemmet', 'Stjärnan']);
    roundId = await openRound(h.t.db, units);
  });
  after(() => h.close());

  it('lets a unit manager set up a round for their unit only, and names a bad field', async () => {
    const manager = await loginAs(h, 'unit_manager', { kind: 'unit', unitId: units[0] as string });
    const headers = { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken };
    const body = {
      templateId: 'survey-elderly-care',
      templateVersion: 1,
      period: '2026',
      opensOn: '2026-03-01',
      closesOn: '2026-03-31',
    };
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/v1/surveys/rounds',
      headers,
      payload: { ...body, unitIds: [units[0]] },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const other = await h.app.inject({
      method: 'POST',
      url: '/api/v1/surveys/rounds',
      headers,
      payload: { ...body, unitIds: [units[1]] },
    });
    assert.equal(other.statusCode, 403);
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/v1/surveys/rounds',
      headers,
      payload: { ...body, closesOn: '2026-02-01', unitIds: [units[0]] },
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json<Problem>().errors[0]?.field, 'closesOn');
  });

  it('issues codes as CSV and as printable letters, keeping only their hashes', async () => {
    const analyst = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0180' });
    const headers = { cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken };
    const url = `/api/v1/surveys/rounds/${roundId}/codes`;
    const csv = await h.app.inject({
      method: 'POST',
      url,
      headers,
      payload: { unitId: units[2], count: 3, format: 'csv' },
    });
    assert.equal(csv.statusCode, 200, csv.body);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines.length, 4);
    const code = (lines[1] as string).split(',')[0] as string;
    assert.match(code, /^[2-9A-Z]{6}-[2-9A-Z]{6}-[2-9A-Z]{6}$/);
    assert.match(lines[1] as string, new RegExp(`/svar/${roundId}#kod=`));
    const pdf = await h.app.inject({
      method: 'POST',
      url,
      headers,
      payload: { unitId: units[2], count: 2, format: 'pdf' },
    });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const plain = code.replace(/-/g, '');
    const { rows } = await h.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM survey_code WHERE encode(code_hash, 'escape') LIKE '%' || $1 || '%'`,
      [plain],
    );
    assert.equal(rows[0]?.n, 0);
    const res = await answer(code);
    assert.equal(res.statusCode, 204, res.body);
  });

  it('refuses a used code, also when two submissions race', async () => {
    const [code, raced] = await issue(units[0] as string, 2);
    assert.equal((await answer(code as string)).statusCode, 204);
    const again = await answer(code as string, negative);
    assert.equal(again.statusCode, 422);
    assert.equal(again.json<Problem>().errors[0]?.rule, 'used');
    const both = await Promise.all([answer(raced as string), answer(raced as string, negative)]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [204, 422]);
  });

  it('refuses a guessed code and then slows the guesser down', async () => {
    const guess = (i: number) => `${'23456789ABCDEFGHJK'.slice(0, 17)}${'23456789ABCDEFGHJK'[i % 18]}`;
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await answer(guess(i), positive, '198.51.100.7')).statusCode);
    assert.deepEqual(codes.slice(0, 10), Array(10).fill(422));
    assert.equal(codes[10], 429);
    const [good] = await issue(units[0] as string, 1);
    const blocked = await answer(good as string, positive, '198.51.100.7');
    assert.equal(blocked.statusCode, 429);
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.equal((await answer(good as string, positive, '198.51.100.8')).statusCode, 204);
    now = new Date(ROUND_DAY.getTime() + 16 * 60_000); // the window has passed
    assert.equal((await answer(guess(1), positive, '198.51.100.7')).statusCode, 422);
    now = ROUND_DAY;
  });

  it('refuses answers outside the round and answers that are not the form’s', async () => {
    const [code] = await issue(units[0] as string, 1);
    const wrong = await answer(code as string, { 'ec.overall': '9', smuggled: 'x' });
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(
      wrong
        .json<Problem>()
        .errors.map((e) => e.field)
        .sort(),
      ['answers.ec.overall', 'answers.smuggled'],
    );
    now = new Date('2026-04-02T10:00:00Z');
    assert.equal((await answer(code as string)).statusCode, 409);
    now = ROUND_DAY;
  });

  it('counts paper and web answers alike, and hides a small unit without letting it be recovered', async () => {
    const fresh = await makeUnits(h.t.db, ['Ekbacken', 'Björken', 'Lönnen']);
    roundId = await openRound(h.t.db, fresh);
    const worker = await loginAs(h, 'caseworker', { kind: 'unit', unitId: fresh[1] as string });
    const headers = { cookie: worker.cookie, 'x-csrf-token': worker.csrfToken };
    const plan: [string, number, number][] = [
      [fresh[0] as string, 6, 0], // 6 ≥ 5, but hidden too: else 17 − 6 − 7 recovers the small unit
      [fresh[1] as string, 2, 2], // 2 web + 2 paper = 4 < 5: hidden
      [fresh[2] as string, 7, 0], // shown
    ];
    for (const [unitId, web, paper] of plan) {
      const codes = await issue(unitId, web + paper + 1);
      for (const [i, code] of codes.slice(0, web).entries()) {
        assert.equal((await answer(code, i % 2 ? negative : positive)).statusCode, 204);
      }
      for (const code of codes.slice(web, web + paper)) {
        const res = await h.app.inject({
          method: 'POST',
          url: `/api/v1/surveys/rounds/${roundId}/paper`,
          headers,
          payload: { unitId, code, answers: positive },
        });
        assert.equal(res.statusCode, 204, res.body);
      }
    }
    const read = async () => {
      const analyst = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0180' });
      const res = await h.app.inject({
        url: `/api/v1/surveys/rounds/${roundId}/results`,
        headers: { cookie: analyst.cookie },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<SurveyResults>();
    };
    // While the round is open, one more answer could be read off the shares: none is shown.
    const open = await read();
    assert.equal(open.sharesFrom, '2026-04-01');
    const openUnit = open.nodes.find((n) => n.node === `U${fresh[2]}`);
    assert.equal(openUnit?.respondents, 7);
    assert.deepEqual(
      open.nodes
        .flatMap((n) => [...Object.values(n.shares), ...Object.values(n.answered)])
        .filter((v) => v !== null),
      [],
    );
    now = new Date('2026-04-01T08:00:00Z');
    const results = await read();
    now = ROUND_DAY;
    assert.equal(results.sharesFrom, null);
    const byNode = new Map(results.nodes.map((n) => [n.node, n]));
    const a = byNode.get(`U${fresh[2]}`);
    assert.equal(a?.hidden, false);
    assert.equal(a?.respondents, 7);
    assert.equal(a?.responseRate, 7 / 8);
    assert.equal(a?.shares['q:ec.overall'], 4 / 7);
    assert.equal(a?.shares['t:overall'], 4 / 7);
    assert.equal(a?.answered['q:ec.meals'], 0, '"don\'t know" is left out of the denominator');
    assert.equal(a?.shares['q:ec.meals'], null);
    for (const small of [fresh[0], fresh[1]]) {
      assert.equal(byNode.get(`U${small}`)?.hidden, true);
      assert.equal(byNode.get(`U${small}`)?.respondents, null);
    }
    // The municipality counts paper and web alike: 6 + 4 + 7.
    assert.equal(byNode.get('M0180')?.respondents, 17);
    // No hidden count is recoverable by subtraction, in the respondents or in any measure's table.
    const parents = new Map<string, string | null>();
    for (const n of results.nodes) parents.set(n.node, null);
    for (const id of fresh) parents.set(`U${id}`, 'M0180');
    parents.set('M0180', 'R01');
    parents.set('R01', 'nation');
    const tables = [
      results.nodes.map((n) => ({ node: n.node, sex: 'T' as const, value: n.respondents })),
      ...Object.keys(a?.answered ?? {}).map((key) =>
        results.nodes.map((n) => ({ node: n.node, sex: 'T' as const, value: n.answered[key] ?? null })),
      ),
    ];
    for (const cells of tables) assert.equal(verifyTable(parents, cells).ok, true);
  });

  it('shows a unit’s staff its survey results beside its register indicators', async () => {
    const manager = await loginAs(h, 'unit_manager', { kind: 'unit', unitId: units[0] as string });
    const url = `/api/v1/surveys/units/${units[0]}/overview`;
    const res = await h.app.inject({ url, headers: { cookie: manager.cookie } });
    assert.equal(res.statusCode, 200, res.body);
    const overview = res.json<UnitOverview>();
    assert.ok(overview.surveys.length >= 1);
    assert.ok(Array.isArray(overview.register));
    const other = await h.app.inject({
      url: `/api/v1/surveys/units/${units[1]}/overview`,
      headers: { cookie: manager.cookie },
    });
    assert.equal(other.statusCode, 403);
  });
});
