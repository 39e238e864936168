import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyTable } from '../../domain/disclosure/verify.js';
import { ConflictError } from '../../domain/errors.js';
import { nodeOf } from '../../domain/indicators/rollup.js';
import { SURVEY_SERIES } from '../../domain/indicators/survey-catalogue.js';
import { surveyHierarchy } from '../../domain/indicators/survey-publish.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { TEST_PSEUDONYM_KEY } from '../../../test/support/db.js';
import { asUser, loginAs } from '../../../test/support/auth.js';
import { placementsFor } from '../indicators/publish-queries.js';
import { releaseForTests, type PublishedRow } from '../indicators/testing.js';
import * as service from './service.js';
import { settleClosedRounds, settleRound } from './settle.js';
import { makeUnits, openRound, ROUND_DAY, testKeys } from './testing.js';

/**
 * Issue #13 item 4: a closed round's results go through the indicator engine into a release and
 * from there to /api/public, Kolada and PxWeb, with the same values, a small unit ".." everywhere
 * and not recoverable from any published table; nothing is public before the round closes.
 */
const keys = testKeys(TEST_PSEUDONYM_KEY);
const positive = { 'ec.overall': '4', 'ec.safe': '3', 'ec.meals': 'dk' };
const negative = { 'ec.overall': '1', 'ec.safe': '2' };
const EC = SURVEY_SERIES.elderly_care;
const OVERALL = EC.themes['overall'] as string;
const SURVEY_IDS = [EC.responseRate, ...Object.values(EC.themes)];
const AFTER_CLOSE = new Date('2026-04-02T10:00:00Z');

type Row = PublishedRow;

describe('survey results through the indicator engine', () => {
  let h: TestApp;
  let now = ROUND_DAY;
  let units: string[];
  let unitCodes: Map<string, string>;
  let roundId: string;

  const released = async (releaseId: number) =>
    (
      await h.t.db.query<Row>(
        `SELECT indicator_id, period, level, code, sex, numerator, denominator, rate, status FROM released_value
          WHERE release_id = $1 AND indicator_id = ANY($2::text[]) ORDER BY indicator_id, level, code`,
        [releaseId, SURVEY_IDS],
      )
    ).rows;
  const get = async <T>(url: string, release: string): Promise<T> => {
    // The public cache picks up a new release within its poll interval; wait for it, not for a time.
    for (let i = 0; i < 200; i++) {
      const res = await h.app.inject(url);
      if (res.headers['x-kunskapsnav-release'] === release) {
        assert.equal(res.statusCode, 200, res.body);
        return res.json<T>();
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${url} never served release ${release}`);
  };

  before(async () => {
    h = await openTestApp({ now: () => now });
    units = await makeUnits(h.t.db, ['Ekbacken', 'Björken', 'Lönnen']);
    const { rows } = await h.t.db.query<{ id: string; code: string }>(
      'SELECT id, code FROM org_unit WHERE id = ANY($1::uuid[])',
      [units],
    );
    unitCodes = new Map(rows.map((r) => [r.id, r.code]));
    roundId = await openRound(h.t.db, units);
    const plan: [string, number][] = [
      [units[0] as string, 6], // ≥ 5, but hidden too: else 17 − 7 − 6 gives the small unit
      [units[1] as string, 4], // < 5: hidden
      [units[2] as string, 7], // shown
    ];
    for (const [unitId, n] of plan) {
      const codes = await service.issueCodes(
        h.t.db,
        keys,
        { roundId, unitId, count: n + 1 },
        { accountId: null, clientAddress: null, now },
      );
      for (const [i, code] of codes.slice(0, n).entries())
        await service.submitAnswers(h.t.db, keys, {
          roundId,
          code,
          answers: i % 2 ? negative : positive,
          clientAddress: '192.0.2.1',
          now,
        });
    }
  });
  after(() => h.close());

  it('publishes nothing of an open round: no settlement, no survey table in a release', async () => {
    await assert.rejects(settleRound(h.t.db, roundId, now), ConflictError);
    const admin = await loginAs(h, 'national_administrator', { kind: 'nation' });
    const analyst = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0180' });
    const settle = (who: typeof admin) =>
      h.app.inject({ method: 'POST', url: `/api/v1/surveys/rounds/${roundId}/settle`, headers: asUser(who) });
    assert.equal((await settle(analyst)).statusCode, 403);
    assert.equal((await settle(admin)).statusCode, 409);
    assert.equal(await settleClosedRounds(h.t.db, now), 0);
    const release = await releaseForTests(h.t.db, 5, now);
    assert.deepEqual(await released(release.id), []);
    const kolada = await get<{ count: number }>(
      `/api/kolada/v3/data/kpi/${OVERALL}/year/2026`,
      release.version,
    );
    assert.equal(kolada.count, 0);
  });

  it('settles a closed round once, apart from every submission', async () => {
    now = AFTER_CLOSE;
    assert.equal(await settleClosedRounds(h.t.db, now), 1);
    assert.equal(await settleClosedRounds(h.t.db, now), 0, 'settled rounds are not settled again');
    const admin = await loginAs(h, 'national_administrator', { kind: 'nation' });
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/v1/surveys/rounds/${roundId}/settle`,
      headers: asUser(admin),
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(again.json(), { roundId, units: 3 });
    const { rows } = await h.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM indicator_survey_count c
        WHERE c.xmin::text IN (SELECT xmin::text FROM survey_code WHERE spent)`,
    );
    assert.equal(rows[0]?.n, 0, 'no count row shares a transaction with a spent code');
    // Late answers are refused, so the settled counts are final.
    const [code] = await service.issueCodes(
      h.t.db,
      keys,
      { roundId, unitId: units[2] as string, count: 1 },
      { accountId: null, clientAddress: null, now: ROUND_DAY },
    );
    await assert.rejects(
      service.submitAnswers(h.t.db, keys, {
        roundId,
        code: code as string,
        answers: positive,
        clientAddress: '192.0.2.1',
        now,
      }),
      ConflictError,
    );
  });

  it('releases every theme with one pattern that hides the small unit and recovers nothing', async () => {
    const release = await releaseForTests(h.t.db, 5, now);
    const rows = await released(release.id);
    assert.deepEqual([...new Set(rows.map((r) => r.indicator_id))].sort(), [...SURVEY_IDS].sort());
    assert.ok(rows.every((r) => r.sex === 'T'));
    const cell = (id: string, level: Row['level'], code: string) =>
      rows.find((r) => r.indicator_id === id && r.level === level && r.code === code);
    // Overall: 4 of 7 positive at the shown unit; the municipality pools 17 respondents.
    assert.deepEqual(
      [
        cell(OVERALL, 'unit', units[2] as string)?.numerator,
        cell(OVERALL, 'unit', units[2] as string)?.denominator,
      ],
      [4, 7],
    );
    assert.equal(cell(OVERALL, 'municipality', '0180')?.denominator, 17);
    assert.deepEqual(
      [
        cell(EC.responseRate, 'unit', units[2] as string)?.numerator,
        cell(EC.responseRate, 'unit', units[2] as string)?.denominator,
      ],
      [7, 8],
      'response rate = answers / codes issued, as settled at close',
    );
    for (const small of [units[0], units[1]])
      for (const id of SURVEY_IDS)
        assert.equal(cell(id, 'unit', small as string)?.status, 'suppressed', `${id} ${small}`);
    // The exact verifier over every published table of the round, numerators and denominators.
    const period = parsePeriod('2026');
    assert.ok(period);
    const { parents } = surveyHierarchy(units, await placementsFor(h.t.db, period));
    for (const id of SURVEY_IDS)
      for (const part of ['numerator', 'denominator'] as const) {
        const cells = rows
          .filter((r) => r.indicator_id === id)
          .map((r) => ({
            node: nodeOf(r.level, r.code),
            sex: 'T' as const,
            value: r[part] ?? ('..' as const),
          }));
        const verdict = verifyTable(parents, cells);
        assert.ok(verdict.ok, `${id} ${part}: ${verdict.determined.map((d) => d.cell.node).join(', ')}`);
      }
    const respondents = rows.filter((r) => r.indicator_id === EC.responseRate).map((r) => r.numerator);
    assert.ok(
      respondents.every((n) => n === null || n === 0 || n >= 5),
      `${respondents.join(',')}`,
    );
  });

  it('serves the same values through /api/public, Kolada and PxWeb, the small unit ".." in each', async () => {
    const release = await releaseForTests(h.t.db, 5, now);
    const rows = await released(release.id);
    let compared = 0;
    for (const id of SURVEY_IDS) {
      const truth = new Map(
        rows.filter((r) => r.indicator_id === id).map((r) => [`${r.level}|${r.code}`, r]),
      );
      const iv = await get<{
        values: Array<{
          municipality?: string;
          ou?: string;
          gender: string;
          numerator: number | null;
          denominator: number | null;
        }>;
      }>(`/api/public/intervals/${id}/2026`, release.version);
      for (const v of iv.values) {
        const unitId = [...unitCodes].find(([, c]) => c === v.ou)?.[0];
        const key = v.ou
          ? `unit|${unitId}`
          : v.municipality === '0000'
            ? 'nation|0000'
            : v.municipality?.startsWith('00')
              ? `region|${v.municipality.slice(2)}`
              : `municipality|${v.municipality}`;
        const t = truth.get(key);
        assert.ok(t, `${id} ${key}`);
        assert.deepEqual(
          [v.gender, v.numerator, v.denominator],
          ['T', t.numerator, t.denominator],
          `${id} ${key}`,
        );
        compared++;
      }
      const kolada = await get<{
        values: Array<{ municipality: string; values: Array<{ gender: string; value: number | null }> }>;
      }>(`/api/kolada/v3/data/kpi/${id}/year/2026`, release.version);
      for (const item of kolada.values) {
        const m = item.municipality;
        const key =
          m === '0000' ? 'nation|0000' : m.startsWith('00') ? `region|${m.slice(2)}` : `municipality|${m}`;
        const t = truth.get(key);
        const expected = t?.rate === null || !t ? null : Math.round(t.rate * 1000) / 10;
        assert.deepEqual(
          item.values.map((v) => [v.gender, v.value]),
          [['T', expected]],
          `${id} Kolada ${m}`,
        );
        compared++;
      }
      const ou = await get<{
        values: Array<{ ou: string; values: Array<{ gender: string; value: number | null }> }>;
      }>(`/api/kolada/v3/oudata/kpi/${id}/year/2026`, release.version);
      for (const small of [units[0], units[1]]) {
        const item = ou.values.find((v) => v.ou === unitCodes.get(small as string));
        assert.deepEqual(item?.values.map((v) => v.value) ?? [null], [null], `${id} Kolada ou ${small}`);
      }
      const px = await get<{ size: number[]; value: Array<number | null>; id: string[] }>(
        `/api/pxweb/v2/tables/${id}/data?valuecodes[Region]=00,0180&valuecodes[Kon]=*&valuecodes[ContentsCode]=numerator,denominator&valuecodes[Tid]=2026`,
        release.version,
      );
      const nation = truth.get('nation|0000');
      const municipality = truth.get('municipality|0180');
      assert.deepEqual(
        px.value,
        [nation?.numerator, nation?.denominator, municipality?.numerator, municipality?.denominator],
        `${id} PxWeb`,
      );
      compared++;
    }
    assert.ok(compared >= 9 * 5, `${compared} compared`);
    const kpi = await get<{ values: Array<{ id: string; is_divided_by_gender: boolean }> }>(
      `/api/kolada/v3/kpi/${OVERALL}`,
      release.version,
    );
    assert.deepEqual(
      kpi.values.map((k) => [k.id, k.is_divided_by_gender]),
      [[OVERALL, false]],
    );
  });
});
