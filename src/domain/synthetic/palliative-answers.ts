import type { Random } from '../random.js';
import { logistic, weighted } from './draw.js';
import type { Answers } from './risk-answers.js';
import type { PalliativeIndicator } from './types.js';

/**
 * The end-of-life questionnaire of a synthetic death. The six quality indicators are drawn from
 * the municipality's logit levels (municipalities.ts), so results vary around the national
 * targets; an unexpected death skips the last-week questions, as the form requires.
 */
export type DeathPlace = 'special_housing' | 'short_term' | 'hospital' | 'hospice' | 'home' | 'other';

const PLACE_OF_DEATH: Record<DeathPlace, string> = {
  special_housing: 'specialHousing',
  short_term: 'shortTerm',
  hospital: 'hospitalWard',
  hospice: 'hospice',
  home: 'homeOther',
  other: 'other',
};

/** Share of deaths that were expected, by place (most deaths in special housing are). */
export const EXPECTED_BY_PLACE: Record<DeathPlace, number> = {
  special_housing: 0.88,
  short_term: 0.8,
  hospital: 0.6,
  hospice: 0.97,
  home: 0.72,
  other: 0.6,
};

const CONDITIONS = [
  ['dementia', 0.45],
  ['heartDisease', 0.4],
  ['cancer', 0.2],
  ['stroke', 0.15],
  ['lungDisease', 0.12],
  ['diabetes', 0.15],
  ['kidneyFailure', 0.08],
  ['infection', 0.1],
  ['fracture', 0.06],
] as const;

const yesNoUnknown = (rng: Random, pYes: number): string =>
  rng.chance(pYes) ? 'yes' : rng.chance(0.85) ? 'no' : 'unknown';

const SYMPTOM_BASE = {
  symptomPain: 0.6,
  symptomDeathRattle: 0.45,
  symptomNausea: 0.15,
  symptomAnxiety: 0.45,
  symptomBreathlessness: 0.35,
  symptomConfusion: 0.4,
} as const;

function symptom(rng: Random, present: number): string {
  if (!rng.chance(present)) return rng.chance(0.95) ? 'none' : 'unknown';
  return weighted(rng, [
    ['fullyRelieved', 0.65],
    ['partlyRelieved', 0.3],
    ['notRelieved', 0.05],
  ]);
}

export interface DeathCase {
  dateOfDeath: string;
  place: DeathPlace;
  expected: boolean;
  /** Logit levels of the quality indicators where the person died. */
  quality: Record<PalliativeIndicator, number>;
}

function lastWeek(rng: Random, q: Record<PalliativeIndicator, number>, dementia: boolean): Answers {
  const met = (code: PalliativeIndicator) => rng.chance(logistic(q[code]));
  const painAssessed = met('painAssessed');
  const free = met('freeOfPressureUlcers');
  const answers: Answers = {
    endOfLifeDecision: yesNoUnknown(rng, 0.88),
    breakpointPatient: met('breakpointConversation')
      ? 'yes'
      : dementia && rng.chance(0.7)
        ? 'notPossible'
        : rng.chance(0.9)
          ? 'no'
          : 'unknown',
    breakpointRelatives: weighted(rng, [
      ['yes', 0.75],
      ['no', 0.14],
      ['noRelatives', 0.06],
      ['unknown', 0.05],
    ]),
    painAssessed: painAssessed ? 'yes' : rng.chance(0.85) ? 'no' : 'unknown',
    oralHealthAssessed: met('oralHealthAssessed') ? 'yes' : rng.chance(0.85) ? 'no' : 'unknown',
    pressureUlcers: free
      ? 'none'
      : weighted(rng, [
          ['category1', 0.4],
          ['category2', 0.3],
          ['category3', 0.1],
          ['category4', 0.07],
          ['unknown', 0.13],
        ]),
    prnOpioid: met('prnOpioid') ? 'yes' : rng.chance(0.8) ? 'no' : 'unknown',
    prnAnxiolytic: met('prnAnxiolytic') ? 'yes' : rng.chance(0.8) ? 'no' : 'unknown',
    prnAntiemetic: yesNoUnknown(rng, 0.86),
    prnAnticholinergic: yesNoUnknown(rng, 0.88),
    ivFluidsLastDay: yesNoUnknown(rng, 0.07),
    specialistConsultation: yesNoUnknown(rng, 0.15),
    diedAtPreferredPlace: weighted(rng, [
      ['yes', 0.6],
      ['no', 0.05],
      ['wishNotKnown', 0.35],
    ]),
    relativesSupportOffered: weighted(rng, [
      ['yes', 0.8],
      ['no', 0.08],
      ['noRelatives', 0.07],
      ['unknown', 0.05],
    ]),
  };
  if (painAssessed)
    answers['painInstrument'] = weighted(rng, [
      ['abbey', 0.5],
      ['nrsVas', 0.3],
      ['doloplus', 0.1],
      ['other', 0.1],
    ]);
  for (const [id, present] of Object.entries(SYMPTOM_BASE)) answers[id] = symptom(rng, present);
  return answers;
}

export function deathRegistrationAnswers(rng: Random, c: DeathCase): Answers {
  const conditions = CONDITIONS.filter(([, p]) => rng.chance(p)).map(([code]) => code);
  const dementia = conditions.includes('dementia');
  return {
    dateOfDeath: c.dateOfDeath,
    placeOfDeath: PLACE_OF_DEATH[c.place],
    underlyingConditions: conditions.length ? conditions : [rng.chance(0.5) ? 'other' : 'unknown'],
    deathExpected: c.expected ? 'yes' : 'no',
    ...(c.expected ? lastWeek(rng, c.quality, dementia) : {}),
    presentAtDeath: weighted(rng, [
      ['relatives', 0.35],
      ['staff', 0.3],
      ['relativesAndStaff', 0.15],
      ['nobody', 0.15],
      ['unknown', 0.05],
    ]),
    bereavementFollowUp: weighted(rng, [
      ['yes', 0.55],
      ['no', 0.3],
      ['noRelatives', 0.08],
      ['unknown', 0.07],
    ]),
    respondentRole: weighted(rng, [
      ['nurse', 0.8],
      ['assistantNurse', 0.1],
      ['physician', 0.07],
      ['other', 0.03],
    ]),
  };
}
