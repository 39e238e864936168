/**
 * AUDIT – Alcohol Use Disorders Identification Test.
 *
 * Sources: Saunders JB, Aasland OG, Babor TF, et al., "Development of the AUDIT", Addiction
 * 1993;88(6):791–804 (10 items; 1–8 scored 0–4, 9–10 scored 0/2/4; total 0–40); Bergman H,
 * Källmén H, "Alcohol use among Swedes and a psychometric evaluation of the AUDIT", Alcohol
 * Alcohol 2002;37(3):245–51 (Swedish version and norms); Socialstyrelsen / DOMAIN.md §4:
 * risky use from 8 points for men and 6 for women; 8–15 risky use, 16–19 harmful use, ≥ 20
 * probable dependence. The cut-offs are configurable; every result names the ones it used.
 *
 * The alcohol questionnaire, not the audit log (src/domain/audit, src/modules/audit): its code is
 * named alcoholAudit, while its public id stays 'audit', the id APIs and import files carry.
 */
import type { FormDefinition } from '../forms/definition.js';
import {
  bandLabel,
  checkInput,
  pointOptions,
  pointsOf,
  resolveOptions,
  singleChoice,
  sum,
  t,
} from './common.js';
import { assertAscending, bandByLowerBounds, type BySex } from './cutoffs.js';
import type { BandDefinition, Instrument, ScoreResult, Sex } from './types.js';

export interface AlcoholAuditOptions {
  riskyUseAtOrAbove: BySex;
  harmfulUseAtOrAbove: number;
  dependenceAtOrAbove: number;
}

const often = pointOptions([
  [0, 'Aldrig', 'Never'],
  [1, 'Mer sällan än en gång i månaden', 'Less than monthly'],
  [2, 'Varje månad', 'Monthly'],
  [3, 'Varje vecka', 'Weekly'],
  [4, 'Dagligen eller nästan varje dag', 'Daily or almost daily'],
]);
const harm = pointOptions([
  [0, 'Nej', 'No'],
  [2, 'Ja, men inte under de senaste tolv månaderna', 'Yes, but not in the last year'],
  [4, 'Ja, under de senaste tolv månaderna', 'Yes, during the last year'],
]);
const lastYear = (sv: string, en: string) =>
  t(
    `Hur ofta under de senaste tolv månaderna har du ${sv}?`,
    `How often during the last year have you ${en}?`,
  );

export const alcoholAuditForm: FormDefinition = {
  id: 'audit',
  version: 1,
  status: 'active',
  title: t('AUDIT – alkoholvanor', 'AUDIT – Alcohol Use Disorders Identification Test'),
  description: t(
    'Tio frågor om alkoholvanor, totalt 0–40 poäng.',
    'Ten questions on alcohol use, total 0–40 points.',
  ),
  items: [
    singleChoice(
      'q1',
      '1',
      t('Hur ofta dricker du alkohol?', 'How often do you have a drink containing alcohol?'),
      pointOptions([
        [0, 'Aldrig', 'Never'],
        [1, '1 gång i månaden eller mer sällan', 'Monthly or less'],
        [2, '2–4 gånger i månaden', '2–4 times a month'],
        [3, '2–3 gånger i veckan', '2–3 times a week'],
        [4, '4 gånger i veckan eller mer', '4 or more times a week'],
      ]),
    ),
    singleChoice(
      'q2',
      '2',
      t(
        'Hur många standardglas dricker du en typisk dag då du dricker alkohol?',
        'How many standard drinks do you have on a typical day when you are drinking?',
      ),
      pointOptions([
        [0, '1–2', '1 or 2'],
        [1, '3–4', '3 or 4'],
        [2, '5–6', '5 or 6'],
        [3, '7–9', '7 to 9'],
        [4, '10 eller fler', '10 or more'],
      ]),
    ),
    singleChoice(
      'q3',
      '3',
      t(
        'Hur ofta dricker du sex standardglas eller mer vid samma tillfälle?',
        'How often do you have six or more drinks on one occasion?',
      ),
      often,
    ),
    singleChoice(
      'q4',
      '4',
      lastYear(
        'inte kunnat sluta dricka sedan du börjat',
        'found that you were not able to stop drinking once you had started',
      ),
      often,
    ),
    singleChoice(
      'q5',
      '5',
      lastYear(
        'låtit bli att göra något som du borde ha gjort för att du drack',
        'failed to do what was normally expected of you because of drinking',
      ),
      often,
    ),
    singleChoice(
      'q6',
      '6',
      lastYear(
        'behövt en drink på morgonen för att komma igång efter en kraftig berusning',
        'needed a first drink in the morning to get yourself going after a heavy drinking session',
      ),
      often,
    ),
    singleChoice(
      'q7',
      '7',
      lastYear(
        'haft skuldkänslor eller samvetsförebråelser på grund av ditt drickande',
        'had a feeling of guilt or remorse after drinking',
      ),
      often,
    ),
    singleChoice(
      'q8',
      '8',
      lastYear(
        'inte kunnat komma ihåg vad som hände kvällen innan på grund av ditt drickande',
        'been unable to remember what happened the night before because you had been drinking',
      ),
      often,
    ),
    singleChoice(
      'q9',
      '9',
      t(
        'Har du eller någon annan blivit skadad på grund av ditt drickande?',
        'Have you or someone else been injured as a result of your drinking?',
      ),
      harm,
    ),
    singleChoice(
      'q10',
      '10',
      t(
        'Har en släkting, vän, läkare eller annan vårdpersonal oroat sig över ditt drickande eller föreslagit att du ska minska det?',
        'Has a relative, friend, doctor or other health worker been concerned about your drinking or suggested you cut down?',
      ),
      harm,
    ),
  ],
  computed: [
    {
      id: 'total',
      text: t('Totalpoäng', 'Total score'),
      expression: { sum: Array.from({ length: 10 }, (_, n) => ({ score: `q${n + 1}` })) },
    },
  ],
};

const bands: BandDefinition[] = [
  { code: 'low_risk', label: t('Låg risk', 'Low risk') },
  { code: 'risky_use', label: t('Riskbruk', 'Risky use') },
  { code: 'harmful_use', label: t('Skadligt bruk', 'Harmful use') },
  { code: 'probable_dependence', label: t('Troligt alkoholberoende', 'Probable dependence') },
];

export interface AlcoholAuditResult extends ScoreResult {
  sex: Sex;
  threshold: {
    sex: Sex;
    riskyUseAtOrAbove: number;
    harmfulUseAtOrAbove: number;
    dependenceAtOrAbove: number;
    source: 'default' | 'configured';
  };
}

export const alcoholAudit: Instrument<AlcoholAuditOptions, AlcoholAuditResult> = {
  id: alcoholAuditForm.id,
  version: alcoholAuditForm.version,
  title: alcoholAuditForm.title,
  description: alcoholAuditForm.description!,
  form: alcoholAuditForm,
  sources: [
    {
      citation:
        'Saunders JB, Aasland OG, Babor TF, de la Fuente JR, Grant M. Development of the Alcohol Use Disorders Identification Test (AUDIT). Addiction 1993;88(6):791–804.',
    },
    {
      citation:
        'Bergman H, Källmén H. Alcohol use among Swedes and a psychometric evaluation of the Alcohol Use Disorders Identification Test. Alcohol Alcohol 2002;37(3):245–51.',
    },
  ],
  requiresSex: true,
  bands,
  defaultOptions: { riskyUseAtOrAbove: { K: 6, M: 8 }, harmfulUseAtOrAbove: 16, dependenceAtOrAbove: 20 },
  score({ answers, sex }, given) {
    const { options, source } = resolveOptions(this.defaultOptions, given);
    for (const s of ['K', 'M'] as const)
      assertAscending(
        [`riskyUseAtOrAbove.${s}`, 'harmfulUseAtOrAbove', 'dependenceAtOrAbove'],
        [options.riskyUseAtOrAbove[s], options.harmfulUseAtOrAbove, options.dependenceAtOrAbove],
        40,
      );
    const issues = checkInput(alcoholAuditForm, answers, { required: true, value: sex });
    if (issues.length || !sex) return { ok: false, issues };
    const items = pointsOf(alcoholAuditForm, answers);
    const total = sum(items);
    const threshold = {
      sex,
      riskyUseAtOrAbove: options.riskyUseAtOrAbove[sex],
      harmfulUseAtOrAbove: options.harmfulUseAtOrAbove,
      dependenceAtOrAbove: options.dependenceAtOrAbove,
      source,
    };
    const band = bandByLowerBounds(total, [
      { code: 'low_risk', from: 0 },
      { code: 'risky_use', from: threshold.riskyUseAtOrAbove },
      { code: 'harmful_use', from: threshold.harmfulUseAtOrAbove },
      { code: 'probable_dependence', from: threshold.dependenceAtOrAbove },
    ]);
    return {
      ok: true,
      result: {
        instrument: this.id,
        version: this.version,
        total,
        band,
        bandLabel: bandLabel(bands, band),
        risk: band !== 'low_risk',
        items,
        sex,
        threshold,
      },
    };
  },
};
