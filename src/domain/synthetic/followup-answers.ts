import type { Random } from '../random.js';
import { level, logistic, normal } from './draw.js';
import type { Answers } from './risk-answers.js';

/**
 * AUDIT and DUDIT answers from a client's latent severity s (higher is worse), KSI-coded
 * interventions with different effects on s, and goals judged by the client at follow-up.
 */

/** Items 1–(n−2) score 0–4; the last two score 0, 2 or 4 (both instruments). */
function screeningAnswers(rng: Random, s: number, items: number, offsets: readonly number[]): Answers {
  const answers: Answers = {};
  for (let i = 1; i <= items; i++) {
    const x = s + (offsets[i - 1] ?? 0) + normal(rng, 0, 0.8);
    answers[`q${i}`] = String(i <= items - 2 ? level(x, [-1.2, -0.3, 0.6, 1.5]) : 2 * level(x, [-0.2, 1.2]));
  }
  return answers;
}

const ALCOHOL_AUDIT_OFFSETS = [0.4, 0.2, 0.3, -0.2, -0.3, -0.8, -0.1, 0, -0.3, 0.2];
const DUDIT_OFFSETS = [0.5, 0.2, -0.4, 0.3, 0, -0.2, -0.5, -0.6, -0.3, -0.4, 0.3];

export const alcoholAuditAnswers = (rng: Random, s: number): Answers =>
  screeningAnswers(rng, s, 10, ALCOHOL_AUDIT_OFFSETS);
export const duditAnswers = (rng: Random, s: number): Answers => screeningAnswers(rng, s, 11, DUDIT_OFFSETS);

export interface KsiIntervention {
  ksi: { target: string; actionType: string; method: string };
  /** Mean fall in severity after 12 months (the 6-month effect is a share of it). */
  effect: number;
  weight: number;
}

/**
 * A few interventions in KSI's shape (target . action type . method). Illustrative codes for
 * synthetic data, not quotations of the classification; their effects differ on purpose so the
 * follow-up indicators have something to show by intervention.
 */
export const KSI_INTERVENTIONS: readonly KsiIntervention[] = [
  { ksi: { target: 'PHA', actionType: 'AE', method: 'MI' }, effect: 0.6, weight: 0.35 },
  { ksi: { target: 'PHA', actionType: 'AE', method: 'KBT' }, effect: 0.9, weight: 0.25 },
  { ksi: { target: 'PHA', actionType: 'AE', method: 'CRA' }, effect: 1.1, weight: 0.15 },
  { ksi: { target: 'PHA', actionType: 'SB', method: 'STOD' }, effect: 0.3, weight: 0.25 },
];

/** Severity fall without a recorded intervention. */
export const NATURAL_EFFECT = 0.15;

const GOALS = [
  'Minska mitt drickande',
  'Sluta använda droger',
  'Få en egen bostad',
  'Komma tillbaka till arbete eller studier',
  'Förbättra relationen till mina barn',
  'Få ordning på min ekonomi',
  'Må bättre psykiskt',
  'Ha en meningsfull fritid',
];

export function baselineGoals(rng: Random): Array<{ text: string }> {
  const goals = rng.shuffle([...GOALS]).slice(0, rng.int(1, 3));
  return goals.map((text) => ({ text }));
}

/** The same goals judged by the client: more often met the more their situation improved. */
export function judgedGoals(
  rng: Random,
  goals: ReadonlyArray<{ text: string }>,
  improvement: number,
): Array<{ text: string; met: 'yes' | 'partly' | 'no' }> {
  return goals.map((g) => ({
    text: g.text,
    met: rng.chance(logistic(-0.8 + 1.4 * improvement)) ? 'yes' : rng.chance(0.55) ? 'partly' : 'no',
  }));
}

const VIEWS_BETTER = [
  'Det har blivit bättre, jag har fått verktyg som hjälper.',
  'Jag känner mig mer trygg nu än när vi började.',
  'Samtalen har hjälpt mig att förstå mina mönster.',
];
const VIEWS_SAME = [
  'Det går upp och ner, jag behöver mer stöd.',
  'Ingen större skillnad än, men jag vill fortsätta.',
  'Det är svårt men jag försöker.',
];

export function clientView(rng: Random, improvement: number): string {
  return rng.pick(improvement > 0.5 ? VIEWS_BETTER : VIEWS_SAME);
}
