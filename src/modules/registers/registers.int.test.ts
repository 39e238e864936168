import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs, type LoggedIn } from '../../../test/support/auth.js';
import { luhnCheckDigit } from '../../domain/persons/personnummer.js';
import { createUnit } from '../org/service.js';
import { activeDefinitions, rebuildIndicators } from '../indicators/engine.js';
import { allCounts } from '../indicators/queries.js';
import { extendServedFacts } from './facts.js';

interface Entry {
  id: string;
  version: number;
  occurredOn: string;
  data: Record<string, unknown>;
  derived: { band: string; risk: boolean; total: number | null } | null;
}
interface ProblemBody {
  errors?: Array<{ field: string; rule: string }>;
}

/** A valid personnummer (12 digits with hyphen) for a birth date and a serial. */
function personnummer(birth: string, serial: string): string {
  const ten = `${birth.slice(2)}${serial}`;
  return `${birth.slice(0, 8)}-${serial}${luhnCheckDigit(ten)}`;
}

const downtonHigh = {
  previousFalls: true,
  medications: ['diuretics', 'antidepressants'],
  sensoryDeficits: ['none'],
  mentalState: 'oriented',
  gait: 'normal',
};
const downtonLow = { ...downtonHigh, previousFalls: false, medications: ['none'] };
const unexpectedDeath = {
  placeOfDeath: 'specialHousing',
  underlyingConditions: ['dementia'],
  presentAtDeath: 'staff',
  bereavementFollowUp: 'yes',
  respondentRole: 'nurse',
  deathExpected: 'no',
};

describe('register entries over HTTP', () => {
  let clock = new Date('2024-06-15T10:00:00Z');
  let h: TestApp;
  let caseworker: LoggedIn;
  let otherCaseworker: LoggedIn;
  let unitId: string;
  let pseudonym: string;

  const post = (url: string, user: LoggedIn, payload: object) =>
    h.app.inject({ method: 'POST', url, headers: asUser(user), payload });
  const get = (url: string, user: LoggedIn) => h.app.inject({ url, headers: { cookie: user.cookie } });
  const count = async (indicator: string, period: string) => {
    const { rows } = await h.t.db.query<{ n: number; d: number }>(
      `SELECT coalesce(sum(numerator), 0) AS n, coalesce(sum(denominator), 0) AS d FROM indicator_count
        WHERE indicator_id = $1 AND period = $2 AND unit_id = $3`,
      [indicator, period, unitId],
    );
    return [Number(rows[0]?.n), Number(rows[0]?.d)];
  };

  before(async () => {
    h = await openTestApp({ now: () => clock });
    const unit = (
      name: string,
      municipalityCode: string,
      operatingArea: 'elderly_care' | 'individual_family_care',
    ) =>
      createUnit(h.t.db, {
        name,
        municipalityCode,
        providerType: 'municipal',
        operatingArea,
        unitType: operatingArea === 'elderly_care' ? 'special_housing' : 'ifo_section',
        validFrom: '2020-01-01',
      }).then((u) => u.unitId);
    unitId = await unit('Solgården', '0180', 'elderly_care');
    const elsewhere = await unit('Ekbacken', '1480', 'elderly_care');
    caseworker = await loginAs(h, 'caseworker', { kind: 'unit', unitId });
    otherCaseworker = await loginAs(h, 'caseworker', { kind: 'unit', unitId: elsewhere });
    const res = await post('/api/v1/persons', caseworker, {
      personnummer: personnummer('19400315', '123'),
      name: 'Testa Testsson',
      unitId,
      servedFrom: '2024-01-10',
    });
    assert.equal(res.statusCode, 201, res.body);
    pseudonym = res.json<{ person: { pseudonym: string } }>().person.pseudonym;
  });
  after(async () => h.close());

  it('counts the person as served in every month since the service began, and only in that unit', async () => {
    assert.deepEqual(await count('K10001', '2024'), [0, 1]);
    for (const month of ['2024-01', '2024-06']) assert.deepEqual(await count('K10001', month), [0, 1], month);
    assert.deepEqual(await count('K10001', '2024-07'), [0, 0], 'not beyond today');
  });

  it('scores a risk assessment on the server and counts it at once', async () => {
    const res = await post(`/api/v1/persons/${pseudonym}/entries`, caseworker, {
      register: 'senior_alert',
      kind: 'risk_assessment',
      unitId,
      occurredOn: '2024-03-05',
      data: { instrument: 'downton', answers: downtonHigh, causes: ['medication'] },
    });
    assert.equal(res.statusCode, 201, res.body);
    const entry = res.json<Entry>();
    assert.deepEqual(
      [entry.derived?.band, entry.derived?.risk, entry.derived?.total, entry.version],
      ['high_risk', true, 3, 1],
    );
    assert.deepEqual(await count('K10001', '2024'), [1, 1]);
    assert.deepEqual(await count('K10001', '2024-03'), [1, 1]);
    assert.deepEqual(await count('K10006', '2024'), [1, 1], 'high fall risk among Downton-assessed');
  });

  it('refuses incomplete answers and unknown codes, naming each field, and stores nothing', async () => {
    const res = await post(`/api/v1/persons/${pseudonym}/entries`, caseworker, {
      register: 'senior_alert',
      kind: 'risk_assessment',
      unitId,
      occurredOn: '2024-03-06',
      data: { instrument: 'downton', answers: { ...downtonHigh, sensoryDeficits: [] } },
    });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(
      res.json<ProblemBody>().errors?.map((e) => e.field),
      ['data.answers.sensoryDeficits'],
    );
    const action = await post(`/api/v1/persons/${pseudonym}/entries`, caseworker, {
      register: 'senior_alert',
      kind: 'planned_action',
      unitId,
      occurredOn: '2024-03-06',
      data: { riskArea: 'falls', actionCode: 'supplement' },
    });
    assert.equal(action.statusCode, 422);
    assert.equal(action.json<ProblemBody>().errors?.[0]?.field, 'data.actionCode');
    const timeline = await get(`/api/v1/persons/${pseudonym}/entries`, caseworker);
    assert.equal(timeline.json<{ entries: Entry[] }>().entries.length, 1);
  });

  it('corrects an entry as a new version, keeps the old one, and moves the counts', async () => {
    const [entry] = (await get(`/api/v1/persons/${pseudonym}/entries`, caseworker)).json<{
      entries: Entry[];
    }>().entries;
    assert.ok(entry);
    const res = await post(`/api/v1/entries/${entry.id}/corrections`, caseworker, {
      data: { instrument: 'downton', answers: downtonLow },
      reason: 'Fel svar om tidigare fall',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json<Entry>().version, res.json<Entry>().derived?.band], [2, 'low_risk']);
    assert.deepEqual(await count('K10006', '2024'), [0, 1]);
    const versions = (await get(`/api/v1/entries/${entry.id}/versions`, caseworker)).json<{
      versions: Array<{
        version: number;
        changeReason: string | null;
        data: { answers: { previousFalls: boolean } };
      }>;
    }>().versions;
    assert.deepEqual(
      versions.map((v) => [v.version, v.changeReason, v.data.answers.previousFalls]),
      [
        [2, 'Fel svar om tidigare fall', false],
        [1, null, true],
      ],
    );
  });

  it('refuses a date in the future for a new entry and for a correction alike, and changes nothing', async () => {
    const [entry] = (await get(`/api/v1/persons/${pseudonym}/entries`, caseworker)).json<{
      entries: Entry[];
    }>().entries;
    assert.ok(entry);
    const tomorrow = '2024-06-16'; // the clock stands at 2024-06-15
    const before = await count('K10006', '2024');
    const created = await post(`/api/v1/persons/${pseudonym}/entries`, caseworker, {
      register: 'senior_alert',
      kind: 'risk_assessment',
      unitId,
      occurredOn: tomorrow,
      data: { instrument: 'downton', answers: downtonHigh },
    });
    const corrected = await post(`/api/v1/entries/${entry.id}/corrections`, caseworker, {
      occurredOn: tomorrow,
      data: entry.data,
      reason: 'Datum i framtiden',
    });
    for (const res of [created, corrected]) {
      assert.equal(res.statusCode, 422, res.body);
      const problem = res.json<{ errors: Array<{ field: string; rule: string }> }>();
      assert.deepEqual(
        problem.errors.map((e) => [e.field, e.rule]),
        [['occurredOn', 'in_future']],
      );
    }
    assert.deepEqual(await count('K10006', '2024'), before);
    const versions = (await get(`/api/v1/entries/${entry.id}/versions`, caseworker)).json<{
      versions: unknown[];
    }>().versions;
    assert.equal(versions.length, entry.version);
  });

  it('hides the person and the entries from a caseworker elsewhere, and logs each attempt', async () => {
    const [entry] = (await get(`/api/v1/persons/${pseudonym}/entries`, caseworker)).json<{
      entries: Entry[];
    }>().entries;
    assert.ok(entry);
    assert.equal((await get(`/api/v1/persons/${pseudonym}/entries`, otherCaseworker)).statusCode, 404);
    assert.equal((await get(`/api/v1/entries/${entry.id}/versions`, otherCaseworker)).statusCode, 404);
    const write = await post(`/api/v1/entries/${entry.id}/corrections`, otherCaseworker, {
      data: { instrument: 'downton', answers: downtonHigh },
      reason: 'försök',
    });
    assert.equal(write.statusCode, 404);
    const denied = await h.t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE actor_account_id = $1 AND outcome = 'denied' ORDER BY seq`,
      [otherCaseworker.userId],
    );
    assert.deepEqual(
      denied.rows.map((r) => r.action),
      ['record_read', 'record_read', 'record_correct'],
    );
  });

  it('keeps the palliative register to its six-month registration and ten-day edit windows', async () => {
    // Sessions end when the clock jumps days, so each moment gets a fresh login.
    const at = async (iso: string) => {
      clock = new Date(iso);
      return loginAs(h, 'caseworker', { kind: 'unit', unitId });
    };
    let user = await at('2024-12-20T10:00:00Z');
    const registration = (occurredOn: string) =>
      post(`/api/v1/persons/${pseudonym}/entries`, user, {
        register: 'palliative',
        kind: 'death_registration',
        unitId,
        occurredOn,
        data: { answers: { ...unexpectedDeath, dateOfDeath: occurredOn } },
      });
    const late = await registration('2024-06-01');
    assert.equal(late.statusCode, 422, late.body);
    assert.deepEqual(
      late.json<ProblemBody>().errors?.map((e) => [e.field, e.rule]),
      [['occurredOn', 'registration_window_closed']],
    );
    user = await at('2024-06-15T10:00:00Z');
    const mismatch = await post(`/api/v1/persons/${pseudonym}/entries`, user, {
      register: 'palliative',
      kind: 'death_registration',
      unitId,
      occurredOn: '2024-06-01',
      data: { answers: { ...unexpectedDeath, dateOfDeath: '2024-05-30' } },
    });
    assert.equal(mismatch.json<ProblemBody>().errors?.[0]?.field, 'data.answers.dateOfDeath');
    const ok = await registration('2024-06-01');
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json<Entry>().derived?.band, 'not_applicable');
    user = await at('2024-06-25T10:00:00Z');
    const inTime = await post(`/api/v1/entries/${ok.json<Entry>().id}/corrections`, user, {
      data: { answers: { ...unexpectedDeath, dateOfDeath: '2024-06-01', presentAtDeath: 'relatives' } },
      reason: 'Komplettering',
    });
    assert.equal(inTime.statusCode, 200, inTime.body);
    clock = new Date('2024-06-25T10:00:01Z');
    const tooLate = await post(`/api/v1/entries/${ok.json<Entry>().id}/corrections`, user, {
      data: { answers: { ...unexpectedDeath, dateOfDeath: '2024-06-01' } },
      reason: 'Komplettering',
    });
    assert.equal(tooLate.statusCode, 422);
    assert.equal(tooLate.json<ProblemBody>().errors?.[0]?.rule, 'edit_window_closed');
    clock = new Date('2024-06-15T10:00:00Z');
    assert.deepEqual(await count('K20007', '2024'), [0, 0], 'no death fact was imported for this unit');
  });

  it('follows a client from baseline through a KSI intervention to 12 months and counts the improvement', async () => {
    const ifo = await createUnit(h.t.db, {
      name: 'Beroendeenheten',
      municipalityCode: '0180',
      providerType: 'municipal',
      operatingArea: 'individual_family_care',
      unitType: 'ifo_section',
      validFrom: '2020-01-01',
    });
    clock = new Date('2024-01-05T09:00:00Z');
    const worker = await loginAs(h, 'caseworker', { kind: 'unit', unitId: ifo.unitId });
    const person = await post('/api/v1/persons', worker, {
      personnummer: personnummer('19850704', '456'),
      name: 'Klient Klientsson',
      unitId: ifo.unitId,
      servedFrom: '2023-01-02',
    });
    assert.equal(person.statusCode, 201, person.body);
    const client = person.json<{ person: { pseudonym: string } }>().person.pseudonym;
    const audit = (q1: string, q2: string, q3: string) => ({
      q1,
      q2,
      q3,
      q4: '0',
      q5: '0',
      q6: '0',
      q7: '0',
      q8: '0',
      q9: '0',
      q10: '0',
    });
    const entry = (occurredOn: string, kind: string, data: object) =>
      post(`/api/v1/persons/${client}/entries`, worker, {
        register: 'followup',
        kind,
        unitId: ifo.unitId,
        occurredOn,
        data,
      });
    const baseline = await entry('2023-01-10', 'measure', {
      phase: 'baseline',
      instrument: 'audit',
      answers: audit('4', '4', '4'),
      goals: [{ text: 'Dricka mindre' }],
    });
    assert.equal(baseline.statusCode, 201, baseline.body);
    assert.equal(baseline.json<Entry>().derived?.band, 'risky_use');
    const intervention = await entry('2023-02-01', 'intervention', {
      ksi: { target: 'PHA', actionType: 'AE', method: 'MI' },
    });
    assert.equal(intervention.statusCode, 201, intervention.body);
    const twelve = await entry('2024-01-03', 'measure', {
      phase: '12m',
      instrument: 'audit',
      answers: audit('2', '1', '0'),
      goals: [{ text: 'Dricka mindre', met: 'yes' }],
      clientView: 'Jag dricker bara på helger nu.',
    });
    assert.equal(twelve.statusCode, 201, twelve.body);
    assert.equal(twelve.json<Entry>().derived?.band, 'low_risk');
    const facts = await h.t.db.query<{ attributes: Record<string, unknown> }>(
      `SELECT attributes FROM indicator_fact WHERE source_type = 'entry' AND source_id = $1`,
      [twelve.json<Entry>().id],
    );
    assert.deepEqual(
      [
        facts.rows[0]?.attributes['improved'],
        facts.rows[0]?.attributes['interventionCode'],
        facts.rows[0]?.attributes['goalsMet'],
      ],
      [true, 'PHA.AE.MI', true],
    );
    const counts = await h.t.db.query<{ indicator_id: string; n: number; d: number }>(
      `SELECT indicator_id, sum(numerator) AS n, sum(denominator) AS d FROM indicator_count
        WHERE unit_id = $1 AND period = '2024' AND indicator_id IN ('K30001', 'K30004')
        GROUP BY indicator_id ORDER BY indicator_id`,
      [ifo.unitId],
    );
    assert.deepEqual(
      counts.rows.map((r) => [r.indicator_id, Number(r.n), Number(r.d)]),
      [
        ['K30001', 1, 1],
        ['K30004', 1, 1],
      ],
    );
    clock = new Date('2024-06-15T10:00:00Z');
  });

  it('extends running service periods to today, month by month, as the days pass (the daily job)', async () => {
    const defs = await activeDefinitions(h.t.db);
    const { rows } = await h.t.db.query<{ n: number }>(
      `SELECT count(DISTINCT person_pseudonym) AS n FROM person_service
        WHERE unit_id = $1 AND valid_from <= '2025-02-01' AND valid_to = 'infinity'`,
      [unitId],
    );
    const running = Number(rows[0]?.n);
    assert.ok(running >= 1);
    assert.deepEqual(
      await count('K10001', '2025-02'),
      [0, 0],
      'nothing counted beyond the day facts were written',
    );
    assert.ok((await extendServedFacts(h.t.db, defs, '2025-03-15')) >= running);
    assert.deepEqual(await count('K10001', '2025-02'), [0, running]);
    assert.deepEqual(await count('K10001', '2025-03'), [0, running]);
    assert.deepEqual(await count('K10001', '2025-04'), [0, 0], 'not beyond today');
    assert.equal(
      await extendServedFacts(h.t.db, defs, '2025-03-15'),
      0,
      'a second run on the same day has nothing to do',
    );
    const incremental = await allCounts(h.t.db);
    await rebuildIndicators(h.t.db, defs);
    assert.deepEqual(await allCounts(h.t.db), incremental, 'the extended counts equal a rebuild');
  });
});
