import type { Random } from '../random.js';
import { level, logistic, normal } from './draw.js';

/**
 * Answers to the four Senior Alert risk instruments from a person's latent frailty z (0 is an
 * average person in elderly care, higher is frailer). Every item gets its own noise, so answers
 * vary within a person while their risk follows z. The `risk` returned here mirrors each
 * instrument's published cut-off; the tests check it against the real scoring.
 */
export type Answers = Record<string, unknown>;
export interface Assessed {
  answers: Answers;
  risk: boolean;
}

const itemNoise = 0.9;
/** Severity of one item: the person's frailty plus the item's own offset and noise. */
const severity = (rng: Random, z: number, offset = 0) => z + offset + normal(rng, 0, itemNoise);

const NORTON_ITEMS = [
  ['mentalState', 0],
  ['physicalActivity', 0.3],
  ['mobility', 0.2],
  ['foodIntake', -0.2],
  ['fluidIntake', -0.2],
  ['incontinence', 0.3],
  ['generalCondition', 0.1],
] as const;

/** Modified Norton: 7 items 4 (best) … 1; total ≤ 20 is a risk of pressure ulcers. */
export function nortonAnswers(rng: Random, z: number): Assessed {
  const answers: Answers = {};
  let total = 0;
  for (const [item, offset] of NORTON_ITEMS) {
    const points = 4 - level(severity(rng, z, offset), [0.2, 1.3, 2.4]);
    answers[item] = String(points);
    total += points;
  }
  return { answers, risk: total <= 20 };
}

/** MNA-SF: A–E and BMI (F1), or calf circumference (F2) when BMI is missing; 0–11 is a risk. */
export function mnaSfAnswers(rng: Random, z: number): Assessed {
  const a = 2 - level(severity(rng, z, -0.3), [0.8, 2.0]);
  const b = 3 - level(severity(rng, z, -0.2), [0.5, 1.3, 2.1]);
  const c = 2 - level(severity(rng, z, 0.3), [0.0, 1.2]);
  const d = severity(rng, z, -0.6) >= 0.8 ? 0 : 2;
  const e = 2 - level(severity(rng, z, 0), [0.4, 1.5]);
  const answers: Answers = {
    foodIntake: String(a),
    weightLoss: String(b),
    mobility: String(c),
    acuteDisease: String(d),
    neuropsychological: String(e),
  };
  let f: number;
  if (rng.chance(0.9)) {
    const bmi = Math.round(Math.min(45, Math.max(13, normal(rng, 25.5 - 1.6 * z, 3.6))) * 10) / 10;
    answers['bmi'] = bmi;
    f = bmi < 19 ? 0 : bmi < 21 ? 1 : bmi < 23 ? 2 : 3;
  } else {
    const calf = Math.round(Math.min(50, Math.max(20, normal(rng, 33 - 1.5 * z, 3))) * 10) / 10;
    answers['calfCircumference'] = calf;
    f = calf < 31 ? 0 : 3;
  }
  return { answers, risk: a + b + c + d + e + f <= 11 };
}

const MEDICATIONS = [
  ['sedatives', -0.7],
  ['diuretics', -0.6],
  ['antihypertensives', -0.3],
  ['antiparkinson', -2.8],
  ['antidepressants', -0.9],
] as const;
const SENSES = [
  ['visual', -0.5],
  ['hearing', -0.3],
  ['limb', -0.9],
] as const;

/** Downton: previous falls, medications, senses, confusion, unsafe gait; ≥ 3 is a high risk. */
export function downtonAnswers(rng: Random, z: number): Assessed {
  const previousFalls = rng.chance(logistic(-0.9 + 0.9 * z));
  const meds = MEDICATIONS.filter(([, base]) => rng.chance(logistic(base + 0.35 * z))).map(([c]) => c);
  const senses = SENSES.filter(([, base]) => rng.chance(logistic(base + 0.4 * z))).map(([c]) => c);
  const confused = rng.chance(logistic(-0.6 + 1.0 * z));
  const g = level(severity(rng, z), [-0.5, 0.7, 2.3]);
  const gait = (['normal', 'safeWithAids', 'unsafe', 'unableToWalk'] as const)[g] ?? 'normal';
  const otherMeds = rng.chance(0.6);
  const total =
    (previousFalls ? 1 : 0) + meds.length + senses.length + (confused ? 1 : 0) + (gait === 'unsafe' ? 1 : 0);
  return {
    answers: {
      previousFalls,
      medications: meds.length || otherMeds ? [...meds, ...(otherMeds ? ['other'] : [])] : ['none'],
      sensoryDeficits: senses.length ? [...senses] : ['none'],
      mentalState: confused ? 'confused' : 'oriented',
      gait,
    },
    risk: total >= 3,
  };
}

const ROAG_AREAS = [
  'voice',
  'lips',
  'mucousMembranes',
  'tongue',
  'gums',
  'teeth',
  'dentures',
  'saliva',
  'swallowing',
] as const;

/** ROAG: nine areas graded 1 (healthy) to 3; any grade 2–3 is oral ill-health. */
export function roagAnswers(rng: Random, z: number): Assessed {
  const ownTeeth = rng.chance(0.7);
  const hasDentures = !ownTeeth || rng.chance(0.4);
  const answers: Answers = {};
  let risk = false;
  for (const area of ROAG_AREAS) {
    const notApplicable =
      ((area === 'gums' || area === 'teeth') && !ownTeeth) || (area === 'dentures' && !hasDentures);
    if (notApplicable) {
      answers[area] = 'notApplicable';
      continue;
    }
    const offset = area === 'teeth' || area === 'gums' ? -2.4 : area === 'saliva' ? -2.8 : -3.6;
    const ill = rng.chance(logistic(offset + 0.7 * z));
    const grade = ill ? (rng.chance(0.2) ? 3 : 2) : 1;
    answers[area] = String(grade);
    risk ||= grade >= 2;
  }
  return { answers, risk };
}
