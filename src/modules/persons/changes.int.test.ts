import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs, type LoggedIn } from '../../../test/support/auth.js';
import { luhnCheckDigit } from '../../domain/persons/personnummer.js';
import { activeDefinitions, rebuildIndicators } from '../indicators/engine.js';
import { allCounts } from '../indicators/queries.js';
import { makeUnit, register } from './testing.js';

interface ProblemBody {
  status: number;
  detail?: string;
  errors?: Array<{ field: string; rule: string; message: string }>;
}
interface Period {
  id: number;
  unitId: string;
  municipalityCode: string;
  validFrom: string;
  validTo: string | null;
}
interface PersonBody {
  legalSex: string;
  sex: string;
  sexOverride: { sex: string; reason: string } | null;
  services: Period[];
}
interface AuditEntryRow extends Record<string, unknown> {
  action: string;
  outcome: string;
  person_pseudonym: string | null;
  unit_id: string | null;
  municipality_code: string | null;
  record_type: string | null;
  record_id: string | null;
  purpose: string | null;
  break_glass: boolean;
  details: Record<string, unknown>;
}

/** A valid personnummer for a birth date and a three-digit serial (odd last digit: M, even: K). */
function personnummer(birth: string, serial: string): string {
  return `${birth}-${serial}${luhnCheckDigit(`${birth.slice(2)}${serial}`)}`;
}

const downton = {
  previousFalls: true,
  medications: ['diuretics', 'antidepressants'],
  sensoryDeficits: ['none'],
  mentalState: 'oriented',
  gait: 'normal',
};
const alcoholAuditAnswers = (q1: string) => ({
  q1,
  q2: '1',
  q3: '1',
  q4: '0',
  q5: '0',
  q6: '0',
  q7: '0',
  q8: '0',
  q9: '0',
  q10: '0',
});
const REASON = 'Personen lever som kvinna; nytt personnummer är ännu inte registrerat';

describe('persons: ending a service period and overriding the sex used in statistics', () => {
  const clock = new Date('2024-06-15T10:00:00Z');
  let h: TestApp;
  let unitA: string; // Stockholm (0180)
  let unitB: string; // Göteborg (1480)
  let caseworkerA: LoggedIn;
  let caseworkerB: LoggedIn;
  let caseworkerC: LoggedIn; // a unit that serves nobody here
  let ester: string; // K, served by unit A from 2024-01-10
  let karl: string; // M, served by unit A from 2024-01-10 and by unit B from 2024-02-01

  const get = (url: string, user: LoggedIn) => h.app.inject({ url, headers: asUser(user) });
  const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, user: LoggedIn, payload?: object) =>
    h.app.inject({ method, url, headers: asUser(user), ...(payload ? { payload } : {}) });
  const detail = async (pseudonym: string, user = caseworkerA) => {
    const res = await get(`/api/v1/persons/${pseudonym}`, user);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<PersonBody>();
  };
  const serviceAt = async (pseudonym: string, unitId: string, user = caseworkerA) => {
    const service = (await detail(pseudonym, user)).services.find((s) => s.unitId === unitId);
    assert.ok(service, 'the person detail lists the period');
    return service;
  };
  const end = (pseudonym: string, serviceId: number | string, user: LoggedIn, servedTo: string) =>
    send('POST', `/api/v1/persons/${pseudonym}/services/${serviceId}/end`, user, { servedTo });
  const entry = async (pseudonym: string, user: LoggedIn, body: Record<string, unknown>) => {
    const res = await send('POST', `/api/v1/persons/${pseudonym}/entries`, user, body);
    assert.equal(res.statusCode, 201, res.body);
  };
  /** Denominator (persons) of an indicator at a unit in a period, per sex. */
  const served = async (indicator: string, period: string, unitId: string) => {
    const { rows } = await h.t.db.query<{ sex: string; d: number }>(
      `SELECT sex, sum(denominator) AS d FROM indicator_count
        WHERE indicator_id = $1 AND period = $2 AND unit_id = $3 GROUP BY sex ORDER BY sex`,
      [indicator, period, unitId],
    );
    return Object.fromEntries(rows.map((r) => [r.sex, Number(r.d)]));
  };
  const factSexes = async (pseudonym: string) => {
    const { rows } = await h.t.db.query<{ sex: string; n: number }>(
      'SELECT sex, count(*) AS n FROM indicator_fact_counted WHERE person = $1 GROUP BY sex ORDER BY sex',
      [pseudonym],
    );
    return Object.fromEntries(rows.map((r) => [r.sex, Number(r.n)]));
  };
  const countsMatchRebuild = async () => {
    const incremental = await allCounts(h.t.db);
    assert.ok(incremental.length > 0);
    await rebuildIndicators(h.t.db, await activeDefinitions(h.t.db));
    assert.deepEqual(await allCounts(h.t.db), incremental, 'counts on write equal a rebuild');
  };
  const auditOf = async (user: LoggedIn, action: string) => {
    const { rows } = await h.t.db.query<AuditEntryRow>(
      `SELECT action, outcome, person_pseudonym, unit_id, municipality_code, record_type, record_id, purpose,
              break_glass, details
         FROM audit_log WHERE actor_account_id = $1 AND action = $2 ORDER BY seq`,
      [user.userId, action],
    );
    return rows;
  };

  before(async () => {
    h = await openTestApp({ now: () => clock });
    unitA = await makeUnit(h.t.db, 'Hemtjänst A', '0180');
    unitB = await makeUnit(h.t.db, 'Hemtjänst B', '1480');
    const unitC = await makeUnit(h.t.db, 'Hemtjänst C', '0180');
    caseworkerA = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unitA });
    caseworkerB = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unitB });
    caseworkerC = await loginAs(h, 'caseworker', { kind: 'unit', unitId: unitC });
    const esterNumber = personnummer('19380211', '124');
    const karlNumber = personnummer('19400315', '133');
    ester = (
      await register(h.app, caseworkerA, {
        personnummer: esterNumber,
        name: 'Ester Ek',
        unitId: unitA,
        servedFrom: '2024-01-10',
      })
    ).pseudonym;
    karl = (
      await register(h.app, caseworkerA, {
        personnummer: karlNumber,
        name: 'Karl Kvist',
        unitId: unitA,
        servedFrom: '2024-01-10',
      })
    ).pseudonym;
    await register(h.app, caseworkerB, {
      personnummer: karlNumber,
      name: 'Karl Kvist',
      unitId: unitB,
      servedFrom: '2024-02-01',
    });
    const atA = { unitId: unitA };
    await entry(ester, caseworkerA, {
      ...atA,
      register: 'senior_alert',
      kind: 'risk_assessment',
      occurredOn: '2024-02-05',
      data: { instrument: 'downton', answers: downton },
    });
    await entry(karl, caseworkerA, {
      ...atA,
      register: 'followup',
      kind: 'measure',
      occurredOn: '2024-02-10',
      data: {
        phase: 'baseline',
        instrument: 'audit',
        answers: alcoholAuditAnswers('4'),
        goals: [{ text: 'Mindre' }],
      },
    });
    await entry(karl, caseworkerA, {
      ...atA,
      register: 'followup',
      kind: 'intervention',
      occurredOn: '2024-02-20',
      data: { ksi: { target: 'PHA', actionType: 'AE', method: 'MI' } },
    });
    await entry(karl, caseworkerA, {
      ...atA,
      register: 'senior_alert',
      kind: 'risk_assessment',
      occurredOn: '2024-03-05',
      data: { instrument: 'downton', answers: downton },
    });
    await entry(karl, caseworkerA, {
      ...atA,
      register: 'senior_alert',
      kind: 'event',
      occurredOn: '2024-04-20',
      data: { eventType: 'fall' },
    });
    await entry(karl, caseworkerB, {
      unitId: unitB,
      register: 'senior_alert',
      kind: 'risk_assessment',
      occurredOn: '2024-03-10',
      data: { instrument: 'downton', answers: downton },
    });
  });
  after(async () => h.close());

  describe('ending a service period', () => {
    it('ends it: the person shows the end, served facts and counts stop there and equal a rebuild', async () => {
      const period = await serviceAt(ester, unitA);
      assert.equal(period.validTo, null);
      assert.deepEqual(await served('K10001', '2024-06', unitA), { K: 1, M: 1 });
      const res = await end(ester, period.id, caseworkerA, '2024-06-01');
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        service: { ...period, validTo: '2024-06-01' },
        changed: true,
      });
      assert.deepEqual(await serviceAt(ester, unitA), { ...period, validTo: '2024-06-01' });
      const { rows } = await h.t.db.query<{ fact_date: string }>(
        `SELECT fact_date FROM indicator_fact_counted WHERE person = $1 AND kind = 'served' ORDER BY fact_date`,
        [ester],
      );
      assert.deepEqual(
        rows.map((r) => r.fact_date),
        ['2024-01-10', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01'],
      );
      assert.deepEqual(await served('K10001', '2024-06', unitA), { M: 1 }, 'no longer served in June');
      assert.deepEqual(await served('K10001', '2024-05', unitA), { K: 1, M: 1 });
      await countsMatchRebuild();
      const [logged] = await auditOf(caseworkerA, 'service_end');
      assert.deepEqual(logged, {
        action: 'service_end',
        outcome: 'allowed',
        person_pseudonym: ester,
        unit_id: unitA,
        municipality_code: '0180',
        record_type: 'person_service',
        record_id: String(period.id),
        purpose: null,
        break_glass: false,
        details: { servedTo: '2024-06-01', changed: true },
      });
    });

    it('is idempotent for the same date (200, unchanged) and refuses another date with 409 already_ended', async () => {
      const period = await serviceAt(ester, unitA);
      const again = await end(ester, period.id, caseworkerA, '2024-06-01');
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(again.json(), { service: period, changed: false });
      assert.deepEqual((await auditOf(caseworkerA, 'service_end')).at(-1)?.details, {
        servedTo: '2024-06-01',
        changed: false,
      });
      const other = await end(ester, period.id, caseworkerA, '2024-05-01');
      assert.equal(other.statusCode, 409, other.body);
      assert.match(String(other.headers['content-type']), /^application\/problem\+json/);
      assert.deepEqual(
        other.json<ProblemBody>().errors?.map((e) => [e.field, e.rule]),
        [['servedTo', 'already_ended']],
      );
      assert.equal((await serviceAt(ester, unitA)).validTo, '2024-06-01', 'the end did not move');
    });

    it('refuses a servedTo on or before the first day served (422 naming servedTo), changing nothing', async () => {
      const period = await serviceAt(karl, unitA);
      for (const servedTo of ['2024-01-10', '2023-12-31']) {
        const res = await end(karl, period.id, caseworkerA, servedTo);
        assert.equal(res.statusCode, 422, servedTo);
        assert.deepEqual(
          res.json<ProblemBody>().errors?.map((e) => [e.field, e.rule]),
          [['servedTo', 'before_start']],
        );
      }
      const malformed = await end(karl, period.id, caseworkerA, '2024-13-01');
      assert.equal(malformed.statusCode, 422);
      assert.deepEqual(
        malformed.json<ProblemBody>().errors?.map((e) => [e.field, e.rule]),
        [['servedTo', 'iso_date']],
      );
      assert.equal((await serviceAt(karl, unitA)).validTo, null);
    });

    it('refuses with 409 entries_after_end when entries at the unit are dated on or after the end', async () => {
      const period = await serviceAt(karl, unitA);
      const before = await allCounts(h.t.db);
      for (const [servedTo, count] of [
        ['2024-04-20', 1],
        ['2024-03-01', 2],
      ] as const) {
        const res = await end(karl, period.id, caseworkerA, servedTo);
        assert.equal(res.statusCode, 409, servedTo);
        const body = res.json<ProblemBody>();
        assert.deepEqual(
          body.errors?.map((e) => [e.field, e.rule]),
          [['servedTo', 'entries_after_end']],
        );
        assert.match(body.detail ?? '', new RegExp(`^${count} entr`), body.detail);
      }
      assert.equal((await serviceAt(karl, unitA)).validTo, null);
      assert.deepEqual(await allCounts(h.t.db), before, 'no count moved');
    });

    it('answers 404 outside the scope, for an unknown id and for another person, each audited as denied', async () => {
      const period = await serviceAt(ester, unitA);
      const karlAtB = await serviceAt(karl, unitB, caseworkerB);
      const outside = await end(ester, period.id, caseworkerB, '2024-06-01');
      const unknown = await end(ester, 99999999, caseworkerB, '2024-06-01');
      const mismatched = await end(ester, karlAtB.id, caseworkerB, '2024-06-01');
      for (const res of [outside, unknown, mismatched]) assert.equal(res.statusCode, 404, res.body);
      assert.deepEqual(
        { ...outside.json<Record<string, unknown>>(), instance: null },
        { ...unknown.json<Record<string, unknown>>(), instance: null },
        'outside scope and unknown look the same',
      );
      assert.deepEqual(
        (await auditOf(caseworkerB, 'service_end')).map((r) => [
          r.outcome,
          r.person_pseudonym,
          r.record_type,
          r.record_id,
          r.unit_id,
        ]),
        [
          ['denied', ester, 'person_service', String(period.id), null],
          ['denied', ester, 'person_service', '99999999', null],
          ['denied', ester, 'person_service', String(karlAtB.id), null],
        ],
      );
      assert.equal((await serviceAt(karl, unitB, caseworkerB)).validTo, null);
    });

    it('refuses with 403 a reader through break-the-glass and a role without individual.write, audited', async () => {
      const grant = await send('POST', '/api/v1/persons/break-glass', caseworkerC, {
        pseudonym: karl,
        reason: 'Akut ärende: personen sökte hjälp på vår enhet i natt',
      });
      assert.equal(grant.statusCode, 201, grant.body);
      const period = await serviceAt(karl, unitA, caseworkerC);
      const glass = await end(karl, period.id, caseworkerC, '2024-06-01');
      assert.equal(glass.statusCode, 403, glass.body);
      const override = await send('PUT', `/api/v1/persons/${karl}/sex-override`, caseworkerC, {
        sex: 'K',
        reason: REASON,
      });
      assert.equal(override.statusCode, 403, override.body);
      const [endDenied] = await auditOf(caseworkerC, 'service_end');
      assert.deepEqual(
        [endDenied?.outcome, endDenied?.person_pseudonym, endDenied?.unit_id, endDenied?.record_id],
        ['denied', karl, unitA, String(period.id)],
      );
      const [overrideDenied] = await auditOf(caseworkerC, 'person_sex_override');
      assert.deepEqual([overrideDenied?.outcome, overrideDenied?.person_pseudonym], ['denied', karl]);

      const analyst = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0180' });
      const res = await end(karl, period.id, analyst, '2024-06-01');
      assert.equal(res.statusCode, 403);
      const [policy] = await auditOf(analyst, 'service_end');
      assert.deepEqual([policy?.outcome, policy?.details], ['denied', { reason: 'policy' }]);
      assert.equal((await serviceAt(karl, unitA)).validTo, null);
    });
  });

  describe('overriding the sex used in statistics', () => {
    it('moves every fact of the person to the new sex, at units in and out of scope, and counts equal a rebuild', async () => {
      const factsBefore = await factSexes(karl);
      assert.deepEqual(Object.keys(factsBefore), ['M']);
      assert.deepEqual(await served('K10001', '2024', unitB), { M: 1 });
      const res = await send('PUT', `/api/v1/persons/${karl}/sex-override`, caseworkerA, {
        sex: 'K',
        reason: `  ${REASON}  `,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        pseudonym: karl,
        legalSex: 'M',
        sex: 'K',
        sexOverride: { sex: 'K', reason: REASON },
        changed: true,
      });
      assert.deepEqual(await factSexes(karl), { K: factsBefore['M'] }, 'every fact, none lost or added');
      assert.deepEqual(await served('K10001', '2024', unitA), { K: 2 });
      assert.deepEqual(
        await served('K10001', '2024', unitB),
        { K: 1 },
        'unit B is outside the caller’s scope',
      );
      await countsMatchRebuild();
      const person = await detail(karl);
      assert.deepEqual(
        [person.legalSex, person.sex, person.sexOverride],
        ['M', 'K', { sex: 'K', reason: REASON }],
      );
      assert.deepEqual(await auditOf(caseworkerA, 'person_sex_override'), [
        {
          action: 'person_sex_override',
          outcome: 'allowed',
          person_pseudonym: karl,
          unit_id: null,
          municipality_code: null,
          record_type: null,
          record_id: null,
          purpose: REASON,
          break_glass: false,
          details: { sex: 'K', from: 'M', changed: true },
        },
      ]);
    });

    it('is idempotent: the same override again changes nothing', async () => {
      const counts = await allCounts(h.t.db);
      const res = await send('PUT', `/api/v1/persons/${karl}/sex-override`, caseworkerB, {
        sex: 'K',
        reason: REASON,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json<{ changed: boolean }>().changed, false);
      assert.deepEqual(await allCounts(h.t.db), counts);
      assert.deepEqual((await auditOf(caseworkerB, 'person_sex_override')).at(-1)?.details, {
        sex: 'K',
        from: 'K',
        changed: false,
      });
    });

    it('refuses the legal sex as an override, and an empty or too long reason (422)', async () => {
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ sex: 'M', reason: REASON }, 'sex', 'same_as_legal_sex'],
        [{ sex: 'X', reason: REASON }, 'sex', 'invalid_value'],
        [{ sex: 'K', reason: '   ' }, 'reason', 'too_small'],
        [{ sex: 'K', reason: 'x'.repeat(501) }, 'reason', 'too_big'],
        [{ sex: 'K' }, 'reason', 'invalid_type'],
      ];
      for (const [payload, field, rule] of cases) {
        const res = await send('PUT', `/api/v1/persons/${karl}/sex-override`, caseworkerA, payload);
        assert.equal(res.statusCode, 422, JSON.stringify(payload));
        assert.deepEqual(
          res.json<ProblemBody>().errors?.map((e) => [e.field, e.rule]),
          [[field, rule]],
          JSON.stringify(payload),
        );
      }
      assert.equal((await detail(karl)).sex, 'K');
    });

    it('answers 404 outside the scope, audited as denied', async () => {
      const res = await send('PUT', `/api/v1/persons/${ester}/sex-override`, caseworkerB, {
        sex: 'M',
        reason: REASON,
      });
      assert.equal(res.statusCode, 404);
      const removal = await send('DELETE', `/api/v1/persons/${ester}/sex-override`, caseworkerB);
      assert.equal(removal.statusCode, 404);
      const denied = (await auditOf(caseworkerB, 'person_sex_override')).filter(
        (r) => r.outcome === 'denied',
      );
      assert.deepEqual(
        denied.map((r) => [r.person_pseudonym, r.purpose, r.details]),
        [
          [ester, null, {}],
          [ester, null, {}],
        ],
      );
      assert.equal((await detail(ester)).sexOverride, null);
    });

    it('removing it restores the legal sex in every fact and in the counts; removing again changes nothing', async () => {
      const res = await send('DELETE', `/api/v1/persons/${karl}/sex-override`, caseworkerA);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        pseudonym: karl,
        legalSex: 'M',
        sex: 'M',
        sexOverride: null,
        changed: true,
      });
      const facts = await factSexes(karl);
      assert.deepEqual(Object.keys(facts), ['M']);
      assert.deepEqual(await served('K10001', '2024', unitB), { M: 1 });
      await countsMatchRebuild();
      assert.equal((await detail(karl)).sexOverride, null);
      const again = await send('DELETE', `/api/v1/persons/${karl}/sex-override`, caseworkerA);
      assert.equal(again.json<{ changed: boolean }>().changed, false);
      assert.deepEqual(
        (await auditOf(caseworkerA, 'person_sex_override'))
          .slice(1)
          .map((r) => [r.outcome, r.purpose, r.details]),
        [
          ['allowed', null, { sex: 'M', from: 'K', changed: true, removed: true }],
          ['allowed', null, { sex: 'M', from: 'M', changed: false, removed: true }],
        ],
      );
    });
  });
});
