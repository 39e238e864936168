import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RoundUnitList, UnitOverview } from '../../contracts/surveys.js';
import { loginAs } from '../../../test/support/auth.js';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { TEST_PSEUDONYM_KEY } from '../../../test/support/db.js';
import * as service from './service.js';
import { makeUnits, openRound, ROUND_DAY, testKeys } from './testing.js';

const keys = testKeys(TEST_PSEUDONYM_KEY);
const positive = { 'ec.overall': '4', 'ec.safe': '3' };

/** The staff's reads: a round's units with codes issued and response rate, and results over time. */
describe('survey staff reads', () => {
  let h: TestApp;
  let units: string[];
  let roundId: string;
  const submit = async (unitId: string, n: number) => {
    const codes = await service.issueCodes(
      h.t.db,
      keys,
      { roundId, unitId, count: n + 2 },
      { accountId: null, clientAddress: null, now: ROUND_DAY },
    );
    for (const code of codes.slice(0, n)) {
      await service.submitAnswers(h.t.db, keys, {
        roundId,
        code,
        answers: positive,
        clientAddress: '192.0.2.9',
        now: ROUND_DAY,
      });
    }
  };
  const progress = async (cookie: string, id = roundId) =>
    h.app.inject({ url: `/api/v1/surveys/rounds/${id}/units`, headers: { cookie } });

  before(async () => {
    h = await openTestApp({ now: () => ROUND_DAY });
    units = await makeUnits(h.t.db, ['Tallen', 'Granen', 'Aspen']);
    roundId = await openRound(h.t.db, units);
    await submit(units[0] as string, 6);
    await submit(units[1] as string, 2);
    await submit(units[2] as string, 7);
  });
  after(() => h.close());

  it('shows an analyst every unit of the municipality with codes issued and the disclosed response rate', async () => {
    const analyst = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0180' });
    const res = await progress(analyst.cookie);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<RoundUnitList>();
    assert.equal(body.minimumRespondents, 5);
    const by = new Map(body.units.map((u) => [u.unitId, u]));
    assert.deepEqual(by.get(units[2] as string), {
      unitId: units[2],
      codesIssued: 9,
      respondents: 7,
      responseRate: 7 / 9,
      hidden: false,
      mayIssue: true,
      mayEnter: true,
    });
    // 2 answers: below the minimum. 6 answers: hidden too, else 15 − 7 − 6 recovers the small unit.
    for (const small of [units[0], units[1]]) {
      const u = by.get(small as string);
      assert.equal(u?.hidden, true);
      assert.equal(u?.respondents, null);
      assert.equal(u?.responseRate, null);
      assert.ok((u?.codesIssued ?? 0) > 0, 'codes issued are the staff’s own act and always shown');
    }
  });

  it('shows a unit manager only their own unit, and refuses someone with no unit of the round', async () => {
    const manager = await loginAs(h, 'unit_manager', { kind: 'unit', unitId: units[1] as string });
    const res = await progress(manager.cookie);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res.json<RoundUnitList>().units.map((u) => u.unitId),
      [units[1]],
    );
    const [elsewhere] = await makeUnits(h.t.db, ['Boken'], '0181');
    const outsider = await loginAs(h, 'unit_manager', { kind: 'unit', unitId: elsewhere as string });
    assert.equal((await progress(outsider.cookie)).statusCode, 403);
    assert.equal((await progress(manager.cookie, 'not-a-uuid')).statusCode, 400);
  });

  it('lists a unit’s rounds oldest first with its municipality beside it', async () => {
    const later = await service.createRound(
      h.t.db,
      {
        templateId: 'survey-elderly-care',
        templateVersion: 1,
        period: '2027',
        opensOn: '2027-03-01',
        closesOn: '2027-03-31',
        unitIds: [units[2] as string],
      },
      null,
    );
    const manager = await loginAs(h, 'unit_manager', { kind: 'unit', unitId: units[2] as string });
    const res = await h.app.inject({
      url: `/api/v1/surveys/units/${units[2]}/overview`,
      headers: { cookie: manager.cookie },
    });
    assert.equal(res.statusCode, 200, res.body);
    const { surveys } = res.json<UnitOverview>();
    assert.deepEqual(
      surveys.map((s) => [s.roundId, s.period, s.templateId]),
      [
        [roundId, '2026', 'survey-elderly-care'],
        [later.id, '2027', 'survey-elderly-care'],
      ],
    );
    assert.equal(surveys[0]?.result?.respondents, 7);
    assert.equal(surveys[0]?.municipality?.code, '0180');
    assert.equal(surveys[0]?.municipality?.respondents, 15);
    assert.equal(surveys[1]?.result?.respondents ?? 0, 0);
  });
});
