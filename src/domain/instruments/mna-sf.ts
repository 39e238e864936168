/**
 * Mini Nutritional Assessment – Short Form (MNA-SF), malnutrition screening.
 *
 * Source: Kaiser MJ et al., "Validation of the Mini Nutritional Assessment Short-Form (MNA-SF)",
 * J Nutr Health Aging 2009;13(9):782–8, and its table 1 as reproduced in PMC6074319: A food intake
 * 0/1/2; B weight loss 0 (> 3 kg) / 1 (does not know) / 2 (1–3 kg) / 3 (none); C mobility 0/1/2;
 * D psychological stress or acute disease 0 (yes) / 2 (no); E neuropsychological problems 0/1/2;
 * F1 BMI 0 (< 19) / 1 (19 to < 21) / 2 (21 to < 23) / 3 (≥ 23); F2, only when BMI is not
 * available, calf circumference 0 (< 31 cm) / 3 (≥ 31 cm). Total 0–14: 12–14 normal nutritional
 * status, 8–11 at risk of malnutrition, 0–7 malnourished.
 *
 * Decisions where the source is silent: BMI is entered directly (kg/m², as the value the
 * professional calculated or read from the record); we do not derive it from weight and height,
 * so there is one way to give F1 and no rounding question. The entered BMI is compared as given,
 * without rounding (18.99 scores 0). Giving both BMI and calf circumference is refused.
 */
import type { FormDefinition } from '../forms/definition.js';
import type { AnswerIssue } from '../forms/validate.js';
import { answerOf, bandLabel, checkInput, pointOptions, pointsOf, singleChoice, sum, t } from './common.js';
import type { BandDefinition, Instrument, ScoreResult } from './types.js';

export const mnaSfForm: FormDefinition = {
  id: 'mna-sf',
  version: 1,
  status: 'active',
  title: t(
    'MNA-SF (Mini Nutritional Assessment – kortversion)',
    'MNA-SF (Mini Nutritional Assessment – Short Form)',
  ),
  description: t(
    'Screening av undernäring. Totalt 0–14 poäng.',
    'Malnutrition screening. Total 0–14 points.',
  ),
  items: [
    singleChoice(
      'foodIntake',
      'A',
      t(
        'Har födointaget minskat under de senaste 3 månaderna på grund av aptitlöshet, matsmältningsproblem, tugg- eller sväljsvårigheter?',
        'Has food intake declined over the past 3 months due to loss of appetite, digestive problems, chewing or swallowing difficulties?',
      ),
      pointOptions([
        [0, 'Kraftigt minskat födointag', 'Severe decrease in food intake'],
        [1, 'Måttligt minskat födointag', 'Moderate decrease in food intake'],
        [2, 'Oförändrat födointag', 'No decrease in food intake'],
      ]),
    ),
    singleChoice(
      'weightLoss',
      'B',
      t('Viktförlust under de senaste 3 månaderna', 'Weight loss during the last 3 months'),
      pointOptions([
        [0, 'Viktförlust större än 3 kg', 'Weight loss greater than 3 kg'],
        [1, 'Vet inte', 'Does not know'],
        [2, 'Viktförlust mellan 1 och 3 kg', 'Weight loss between 1 and 3 kg'],
        [3, 'Ingen viktförlust', 'No weight loss'],
      ]),
    ),
    singleChoice(
      'mobility',
      'C',
      t('Rörlighet', 'Mobility'),
      pointOptions([
        [0, 'Bunden till säng eller rullstol', 'Bed or chair bound'],
        [1, 'Kan lämna säng/rullstol men går inte ut', 'Able to get out of bed/chair but does not go out'],
        [2, 'Går ut', 'Goes out'],
      ]),
    ),
    singleChoice(
      'acuteDisease',
      'D',
      t(
        'Har drabbats av psykisk stress eller akut sjukdom de senaste 3 månaderna',
        'Has suffered psychological stress or acute disease in the past 3 months',
      ),
      pointOptions([
        [0, 'Ja', 'Yes'],
        [2, 'Nej', 'No'],
      ]),
    ),
    singleChoice(
      'neuropsychological',
      'E',
      t('Neuropsykologiska problem', 'Neuropsychological problems'),
      pointOptions([
        [0, 'Svår demens eller depression', 'Severe dementia or depression'],
        [1, 'Lätt demens', 'Mild dementia'],
        [2, 'Inga psykiska problem', 'No psychological problems'],
      ]),
    ),
    {
      id: 'bmi',
      type: 'number',
      prefix: 'F1',
      numberKind: 'decimal',
      text: t('Kroppsmasseindex (BMI)', 'Body mass index (BMI)'),
      help: t(
        'Lämna tomt om BMI inte kan tas fram; ange då vadomkrets (F2).',
        'Leave empty if BMI cannot be obtained; then give calf circumference (F2).',
      ),
      unit: { code: 'kg/m2', display: 'kg/m²' },
      min: 10,
      max: 70,
    },
    {
      id: 'calfCircumference',
      type: 'number',
      prefix: 'F2',
      numberKind: 'decimal',
      text: t('Vadomkrets', 'Calf circumference'),
      help: t('Endast om BMI saknas.', 'Only when BMI is not available.'),
      unit: { code: 'cm', display: 'cm' },
      min: 10,
      max: 80,
      enableWhen: { item: 'bmi', op: 'exists', value: false },
      required: true,
    },
  ],
};

const bands: BandDefinition[] = [
  { code: 'normal', label: t('Normalt nutritionsstatus', 'Normal nutritional status') },
  { code: 'at_risk', label: t('Risk för undernäring', 'At risk of malnutrition') },
  { code: 'malnourished', label: t('Undernäring', 'Malnourished') },
];

/** F1 points from BMI: < 19 → 0, 19 to < 21 → 1, 21 to < 23 → 2, ≥ 23 → 3. */
export function bmiPoints(bmi: number): number {
  return bmi < 19 ? 0 : bmi < 21 ? 1 : bmi < 23 ? 2 : 3;
}

/** F2 points from calf circumference in cm: < 31 → 0, ≥ 31 → 3. */
export function calfPoints(cm: number): number {
  return cm < 31 ? 0 : 3;
}

export interface MnaSfResult extends ScoreResult {
  /** Which path F was scored by. */
  measure: 'bmi' | 'calfCircumference';
  threshold: {
    normal: [number, number];
    atRisk: [number, number];
    malnourished: [number, number];
    source: 'default';
  };
}

export const mnaSf: Instrument<Record<string, never>, MnaSfResult> = {
  id: mnaSfForm.id,
  version: mnaSfForm.version,
  title: mnaSfForm.title,
  description: mnaSfForm.description!,
  form: mnaSfForm,
  sources: [
    {
      citation:
        'Kaiser MJ, Bauer JM, Ramsch C, et al. Validation of the Mini Nutritional Assessment Short-Form (MNA-SF). J Nutr Health Aging 2009;13(9):782–8.',
    },
    {
      citation: 'PMC6074319, table 1 (MNA-SF items and points).',
      url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6074319/',
    },
  ],
  requiresSex: false,
  bands,
  defaultOptions: {},
  score({ answers }) {
    const issues = checkInput(mnaSfForm, answers).map(explain);
    if (issues.length) return { ok: false, issues };
    const items = pointsOf(mnaSfForm, answers);
    const bmi = answerOf(answers, 'bmi');
    const measure = typeof bmi === 'number' ? 'bmi' : 'calfCircumference';
    items[measure] =
      typeof bmi === 'number' ? bmiPoints(bmi) : calfPoints(answerOf(answers, 'calfCircumference') as number);
    const total = sum(items);
    const band = total >= 12 ? 'normal' : total >= 8 ? 'at_risk' : 'malnourished';
    return {
      ok: true,
      result: {
        instrument: this.id,
        version: this.version,
        total,
        band,
        bandLabel: bandLabel(bands, band),
        risk: band !== 'normal',
        items,
        measure,
        threshold: { normal: [12, 14], atRisk: [8, 11], malnourished: [0, 7], source: 'default' },
      },
    };
  },
};

/** Clearer messages for the BMI / calf circumference rule. */
function explain(issue: AnswerIssue): AnswerIssue {
  if (issue.item !== 'calfCircumference') return issue;
  if (issue.rule === 'required')
    return {
      item: 'bmi',
      rule: 'required',
      message:
        '"bmi" is required (F1); only when BMI cannot be obtained, give "calfCircumference" (F2) instead',
    };
  if (issue.rule === 'hidden_answered')
    return {
      ...issue,
      message:
        '"calfCircumference" (F2) may only be given when BMI (F1) is missing; give one of them, never both',
    };
  return issue;
}
