import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENTRY_SCHEMAS, entrySchema } from './entries.js';
import {
  ageOn,
  followupFacts,
  goalsMet,
  servedFacts,
  servedSpan,
  factsOfEntry,
  type StoredEntry,
} from './facts.js';
import { deriveScore } from './derive.js';
import { lastRegistrationDay, palliativeRefusal, DEFAULT_PALLIATIVE_WINDOWS } from './windows.js';

const person = { pseudonym: 'a'.repeat(64), birthDate: '1940-03-15', sex: 'K' as const };

describe('ageOn', () => {
  const cases: Array<[string, string, number]> = [
    ['1940-03-15', '2005-03-14', 64],
    ['1940-03-15', '2005-03-15', 65],
    ['1940-02-29', '2005-02-28', 64],
    ['1940-02-29', '2005-03-01', 65],
    ['1940-12-31', '2024-01-01', 83],
  ];
  for (const [birth, date, age] of cases)
    it(`${birth} is ${age} on ${date}`, () => assert.equal(ageOn(birth, date), age));
});

describe('entry schemas', () => {
  const cases: Array<[string, string, unknown, string | null]> = [
    ['senior_alert', 'planned_action', { riskArea: 'falls', actionCode: 'exercise' }, null],
    ['senior_alert', 'planned_action', { riskArea: 'falls', actionCode: 'dietitian_referral' }, 'actionCode'],
    ['senior_alert', 'planned_action', { riskArea: 'falls', actionCode: 'other' }, 'text'],
    ['senior_alert', 'event', { eventType: 'pressure_ulcer', grade: 2 }, null],
    ['senior_alert', 'event', { eventType: 'pressure_ulcer' }, 'grade'],
    ['senior_alert', 'event', { eventType: 'pressure_ulcer', grade: 5 }, 'grade'],
    ['senior_alert', 'event', { eventType: 'fall', grade: 1 }, 'grade'],
    ['senior_alert', 'risk_assessment', { instrument: 'audit', answers: {} }, 'instrument'],
    [
      'followup',
      'measure',
      { phase: 'baseline', instrument: 'audit', answers: {}, goals: [{ text: 'Nykter', met: 'yes' }] },
      'goals',
    ],
    ['followup', 'intervention', { ksi: { target: 'PHA', actionType: 'AE', method: 'ZZ' } }, null],
    ['followup', 'intervention', { ksi: { target: 'PH', actionType: 'AE', method: 'ZZ' } }, 'ksi.target'],
  ];
  for (const [register, kind, data, badField] of cases) {
    it(`${register}/${kind} ${JSON.stringify(data)} → ${badField ?? 'valid'}`, () => {
      const r = entrySchema(register, kind)?.safeParse(data);
      assert.ok(r);
      if (badField === null) assert.equal(r.success, true, JSON.stringify(r.error?.issues));
      else
        assert.deepEqual(
          r.error?.issues.map((i) => i.path.join('.')),
          [badField],
        );
    });
  }
  it('knows no kind outside the registers', () => {
    assert.equal(entrySchema('senior_alert', 'toString'), undefined);
    assert.equal(entrySchema('nope', 'event'), undefined);
    assert.equal(Object.keys(ENTRY_SCHEMAS.senior_alert).length, 5);
  });
});

describe('servedFacts', () => {
  it('gives one fact per month served, dated the first day served that month, up to the day given', () => {
    const facts = servedFacts(
      person,
      { unitId: 'u1', validFrom: '2024-11-20', validTo: '2025-02-10' },
      '2025-12-31',
    );
    assert.deepEqual(
      facts.map((f) => [f.date, f.age]),
      [
        ['2024-11-20', 84],
        ['2024-12-01', 84],
        ['2025-01-01', 84],
        ['2025-02-01', 84],
      ],
    );
    assert.equal(
      servedFacts(person, { unitId: 'u1', validFrom: '2024-11-20', validTo: 'infinity' }, '2025-01-05')
        .length,
      3,
    );
    assert.equal(
      servedFacts(person, { unitId: 'u1', validFrom: '2024-11-20', validTo: '2024-11-21' }, '2030-01-01')
        .length,
      1,
    );
    assert.equal(
      servedFacts(person, { unitId: 'u1', validFrom: '2024-11-20', validTo: 'infinity' }, '2024-11-19')
        .length,
      0,
    );
  });

  it('stores a period as one span: the last day counted is the day before its end, or the day given', () => {
    const period = { unitId: 'u1', validFrom: '2024-03-01', validTo: '2024-05-01' };
    assert.deepEqual(servedSpan(person, period, '2030-01-01'), {
      person: person.pseudonym,
      unitId: 'u1',
      sex: person.sex,
      birthDate: person.birthDate,
      firstDay: '2024-03-01',
      lastDay: '2024-04-30',
    });
    assert.equal(servedSpan(person, period, '2024-03-15')?.lastDay, '2024-03-15');
    assert.equal(servedSpan(person, period, '2024-02-29'), null);
  });
});

describe('facts of entries', () => {
  const entry = (over: Partial<StoredEntry>): StoredEntry => ({
    id: 'e1',
    register: 'senior_alert',
    kind: 'event',
    unitId: 'u1',
    occurredOn: '2024-06-01',
    data: {},
    derived: null,
    ...over,
  });

  it('scores a Downton assessment on the server and counts it with its risk area', () => {
    const answers = {
      previousFalls: true,
      medications: ['diuretics', 'antidepressants'],
      sensoryDeficits: ['none'],
      mentalState: 'oriented',
      gait: 'normal',
    };
    const derived = deriveScore('downton', answers, 'K');
    if (!derived.ok) return assert.fail(JSON.stringify(derived.issues));
    const [f] = factsOfEntry(
      person,
      entry({ kind: 'risk_assessment', data: { instrument: 'downton', answers }, derived: derived.result }),
    );
    assert.deepEqual(f?.attributes, {
      instrument: 'downton',
      riskArea: 'falls',
      band: 'high_risk',
      risk: true,
      total: 3,
    });
    assert.equal(f?.age, 84);
  });

  it('counts a pressure ulcer with its grade and a fall without one', () => {
    assert.deepEqual(
      factsOfEntry(person, entry({ data: { eventType: 'pressure_ulcer', grade: 3 } }))[0]?.attributes,
      { eventType: 'pressure_ulcer', grade: 3 },
    );
    assert.deepEqual(factsOfEntry(person, entry({ data: { eventType: 'fall' } }))[0]?.attributes, {
      eventType: 'fall',
      grade: null,
    });
    assert.deepEqual(factsOfEntry(person, entry({ kind: 'closure', data: { reason: 'moved' } })), []);
  });
});

describe('follow-up outcomes', () => {
  const audit = (total: number) => {
    // Ten items: the first eight score 0–4, the last two 0/2/4; spread `total` over them.
    const answers: Record<string, string> = {};
    let left = total;
    for (let i = 1; i <= 10; i++) {
      const max = 4;
      const step = i >= 9 ? 2 : 1;
      const points = Math.min(max, Math.floor(left / step) * step);
      answers[`q${i}`] = String(points);
      left -= points;
    }
    return answers;
  };
  const measure = (
    id: string,
    phase: string,
    date: string,
    total: number,
    goals: unknown[] = [],
  ): StoredEntry => {
    const answers = audit(total);
    const derived = deriveScore('audit', answers, 'M');
    if (!derived.ok) throw new Error(JSON.stringify(derived.issues));
    return {
      id,
      register: 'followup',
      kind: 'measure',
      unitId: 'u1',
      occurredOn: date,
      data: { phase, instrument: 'audit', answers, goals },
      derived: derived.result,
    };
  };
  const intervention = (id: string, date: string, method: string): StoredEntry => ({
    id,
    register: 'followup',
    kind: 'intervention',
    unitId: 'u1',
    occurredOn: date,
    data: { ksi: { target: 'PHA', actionType: 'AE', method } },
    derived: null,
  });

  it('compares each measure with the baseline band and names the intervention that preceded it', () => {
    const facts = followupFacts(person, [
      measure('b', 'baseline', '2024-01-10', 18),
      intervention('i2', '2024-03-01', 'MI'),
      intervention('i1', '2024-02-01', 'CBT'),
      measure('m6', '6m', '2024-07-10', 17),
      measure('m12', '12m', '2025-01-10', 9, [
        { text: 'Dricka mindre', met: 'yes' },
        { text: 'Jobb', met: 'partly' },
      ]),
    ]);
    const attrs = (id: string) => facts.get(id)?.[0]?.attributes;
    assert.deepEqual([attrs('b')?.['band'], attrs('b')?.['improved']], ['harmful_use', null]);
    assert.deepEqual([attrs('m6')?.['band'], attrs('m6')?.['improved']], ['harmful_use', false]);
    assert.deepEqual(
      [
        attrs('m12')?.['band'],
        attrs('m12')?.['improved'],
        attrs('m12')?.['interventionCode'],
        attrs('m12')?.['goalsMet'],
      ],
      ['risky_use', true, 'PHA.AE.CBT', false],
    );
    assert.deepEqual(facts.get('i1'), []);
  });

  it('judges the goals: all met, some not, none judged', () => {
    assert.equal(goalsMet([{ text: 'a', met: 'yes' }]), true);
    assert.equal(
      goalsMet([
        { text: 'a', met: 'yes' },
        { text: 'b', met: 'no' },
      ]),
      false,
    );
    assert.equal(goalsMet([{ text: 'a' }]), null);
    assert.equal(goalsMet([]), null);
  });
});

describe('palliative windows', () => {
  it('ends the registration window six months after the death, on the same day or the month end', () => {
    assert.equal(lastRegistrationDay('2024-01-15', 6), '2024-07-15');
    assert.equal(lastRegistrationDay('2024-08-31', 6), '2025-02-28');
    assert.equal(lastRegistrationDay('2023-08-31', 6), '2024-02-29');
  });
  const w = DEFAULT_PALLIATIVE_WINDOWS;
  const cases: Array<[string, string, string | null, string, string | null]> = [
    ['2024-01-15', '2024-07-15', null, '2024-07-15T12:00:00Z', null],
    ['2024-01-15', '2024-07-16', null, '2024-07-16T12:00:00Z', 'registration_window_closed'],
    ['2024-01-15', '2024-03-11', '2024-03-01T12:00:00Z', '2024-03-11T12:00:00Z', null],
    ['2024-01-15', '2024-03-11', '2024-03-01T12:00:00Z', '2024-03-11T12:00:01Z', 'edit_window_closed'],
  ];
  for (const [death, today, submitted, now, refusal] of cases) {
    it(`death ${death}, submitted ${submitted ?? 'never'}, now ${now} → ${refusal ?? 'allowed'}`, () => {
      assert.equal(
        palliativeRefusal(w, death, today, submitted ? new Date(submitted) : null, new Date(now)),
        refusal,
      );
    });
  }
});
