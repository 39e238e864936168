import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { visibleItems } from '../forms/visibility.js';
import { aggregateIndicators, palliative, palliativeForm, type PalliativeResult } from './palliative.js';

const common = {
  dateOfDeath: '2024-03-14',
  placeOfDeath: 'specialHousing',
  underlyingConditions: ['dementia', 'heartDisease'],
  presentAtDeath: 'staff',
  bereavementFollowUp: 'yes',
  respondentRole: 'nurse',
};
const unexpected = { ...common, deathExpected: 'no' };
/** An expected death where every indicator is met. */
const good = {
  ...common,
  deathExpected: 'yes',
  endOfLifeDecision: 'yes',
  endOfLifeDecisionDate: '2024-03-10',
  breakpointPatient: 'yes',
  breakpointRelatives: 'yes',
  painAssessed: 'yes',
  painInstrument: 'abbey',
  oralHealthAssessed: 'yes',
  pressureUlcers: 'none',
  prnOpioid: 'yes',
  prnAnxiolytic: 'yes',
  prnAntiemetic: 'yes',
  prnAnticholinergic: 'yes',
  symptomPain: 'fullyRelieved',
  symptomDeathRattle: 'none',
  symptomNausea: 'none',
  symptomAnxiety: 'partlyRelieved',
  symptomBreathlessness: 'none',
  symptomConfusion: 'unknown',
  ivFluidsLastDay: 'no',
  specialistConsultation: 'no',
  diedAtPreferredPlace: 'yes',
  relativesSupportOffered: 'yes',
};

function score(
  answers: Record<string, unknown>,
  options?: Parameters<typeof palliative.score>[1],
): PalliativeResult {
  const outcome = palliative.score({ answers }, options);
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return outcome.result;
}
const values = (r: PalliativeResult) =>
  Object.fromEntries(Object.entries(r.indicators).map(([k, v]) => [k, v.value]));

describe('Palliative end-of-life questionnaire', () => {
  it('has about 30 questions', () => {
    assert.equal(visibleItems(palliativeForm, good).filter((i) => i.type !== 'group').length, 30);
  });

  it('an unexpected death skips the last-week questions and makes every indicator not applicable', () => {
    assert.deepEqual(
      visibleItems(palliativeForm, unexpected).map((i) => i.id),
      [
        'dateOfDeath',
        'placeOfDeath',
        'underlyingConditions',
        'deathExpected',
        'presentAtDeath',
        'bereavementFollowUp',
        'respondentRole',
        'comment',
      ],
    );
    const r = score(unexpected);
    assert.equal(r.expectedDeath, false);
    assert.equal(r.band, 'not_applicable');
    assert.equal(r.risk, false);
    assert.equal(r.total, null);
    assert.deepEqual(
      Object.values(r.indicators).map((i) => i.status),
      Array(6).fill('not_applicable'),
    );
  });

  it('refuses last-week answers on an unexpected death', () => {
    const outcome = palliative.score({ answers: { ...unexpected, painAssessed: 'yes' } });
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.issues.map((i) => [i.item, i.rule]),
      [['painAssessed', 'hidden_answered']],
    );
  });

  it('requires the last-week questions on an expected death', () => {
    const outcome = palliative.score({ answers: { ...common, deathExpected: 'yes' } });
    assert.ok(!outcome.ok);
    assert.equal(outcome.issues.length, 20); // 22 last-week items less the two follow-ups that stay hidden
    assert.ok(outcome.issues.every((i) => i.rule === 'required'));
  });

  it('all six indicators met, with the national target levels', () => {
    const r = score(good);
    assert.equal(r.band, 'all_met');
    assert.equal(r.risk, false);
    assert.deepEqual(
      Object.fromEntries(Object.entries(r.indicators).map(([k, v]) => [k, [v.status, v.targetPercent]])),
      {
        oralHealthAssessed: ['met', 90],
        painAssessed: ['met', 100],
        prnOpioid: ['met', 98],
        prnAnxiolytic: ['met', 98],
        freeOfPressureUlcers: ['met', 90],
        breakpointConversation: ['met', 98],
      },
    );
    assert.deepEqual(r.threshold.source, 'default');
  });

  const notMet: [string, Record<string, unknown>, string][] = [
    ['oral health not assessed', { oralHealthAssessed: 'no' }, 'oralHealthAssessed'],
    ['oral health unknown', { oralHealthAssessed: 'unknown' }, 'oralHealthAssessed'],
    ['pain not assessed', { painAssessed: 'no', painInstrument: undefined }, 'painAssessed'],
    ['no PRN opioid', { prnOpioid: 'no' }, 'prnOpioid'],
    ['no PRN anxiolytic', { prnAnxiolytic: 'unknown' }, 'prnAnxiolytic'],
    ['pressure ulcer category 1', { pressureUlcers: 'category1' }, 'freeOfPressureUlcers'],
    ['pressure ulcer unknown', { pressureUlcers: 'unknown' }, 'freeOfPressureUlcers'],
    [
      'patient could not take part in the break-point conversation',
      { breakpointPatient: 'notPossible' },
      'breakpointConversation',
    ],
  ];
  for (const [name, change, indicator] of notMet)
    it(`${name} → ${indicator} not met, the others met`, () => {
      const r = score({ ...good, ...change });
      assert.equal(r.band, 'not_all_met');
      assert.equal(r.risk, true);
      const expected = {
        oralHealthAssessed: true,
        painAssessed: true,
        prnOpioid: true,
        prnAnxiolytic: true,
        freeOfPressureUlcers: true,
        breakpointConversation: true,
        [indicator]: false,
      };
      assert.deepEqual(values(r), expected);
    });

  it('counts only category 2–4 when so configured, and says so', () => {
    const r1 = score({ ...good, pressureUlcers: 'category1' }, { pressureUlcerFromCategory: 2 });
    assert.equal(r1.indicators.freeOfPressureUlcers.value, true);
    assert.deepEqual([r1.threshold.pressureUlcerFromCategory, r1.threshold.source], [2, 'configured']);
    const r2 = score({ ...good, pressureUlcers: 'category2' }, { pressureUlcerFromCategory: 2 });
    assert.equal(r2.indicators.freeOfPressureUlcers.value, false);
  });

  it('aggregates to numerator / denominator over expected deaths and compares with the target', () => {
    const results = [
      score(good),
      score(good),
      score({ ...good, oralHealthAssessed: 'no', prnOpioid: 'no' }),
      score(unexpected),
    ];
    const rates = aggregateIndicators(results);
    assert.deepEqual(rates.oralHealthAssessed, {
      numerator: 2,
      denominator: 3,
      targetPercent: 90,
      meetsTarget: false,
    });
    assert.deepEqual(rates.painAssessed, {
      numerator: 3,
      denominator: 3,
      targetPercent: 100,
      meetsTarget: true,
    });
    assert.deepEqual(aggregateIndicators([score(unexpected)]).prnAnxiolytic, {
      numerator: 0,
      denominator: 0,
      targetPercent: 98,
      meetsTarget: null,
    });
  });

  it('98 % target: 49 of 50 meets it, 48 of 50 does not', () => {
    const met = score(good);
    const missed = score({ ...good, prnOpioid: 'no' });
    assert.equal(
      aggregateIndicators([...Array<PalliativeResult>(49).fill(met), missed]).prnOpioid.meetsTarget,
      true,
    );
    assert.equal(
      aggregateIndicators([...Array<PalliativeResult>(48).fill(met), missed, missed]).prnOpioid.meetsTarget,
      false,
    );
  });
});
