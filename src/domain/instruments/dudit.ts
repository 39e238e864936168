/**
 * DUDIT – Drug Use Disorders Identification Test.
 *
 * Sources: Berman AH, Bergman H, Palmstierna T, Schlyter F, "Evaluation of the Drug Use
 * Disorders Identification Test (DUDIT) in criminal justice and detoxification settings and in
 * a Swedish population sample", Eur Addict Res 2005;11(1):22–31 (11 items; 1–9 scored 0–4,
 * 10–11 scored 0/2/4; total 0–44; drug-related problems from 6 points for men and 2 for women;
 * probable dependence from 25). The cut-offs are configurable; every result names the ones used.
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

export interface DuditOptions {
  problemsAtOrAbove: BySex;
  dependenceAtOrAbove: number;
}

const times = pointOptions([
  [0, 'Aldrig', 'Never'],
  [1, 'En gång i månaden eller mer sällan', 'Once a month or less often'],
  [2, '2–4 gånger i månaden', '2–4 times a month'],
  [3, '2–3 gånger i veckan', '2–3 times a week'],
  [4, '4 gånger i veckan eller oftare', '4 times a week or more often'],
]);
const often = pointOptions([
  [0, 'Aldrig', 'Never'],
  [1, 'Mer sällan än en gång i månaden', 'Less often than once a month'],
  [2, 'Varje månad', 'Every month'],
  [3, 'Varje vecka', 'Every week'],
  [4, 'Dagligen eller nästan varje dag', 'Daily or almost every day'],
]);
const harm = pointOptions([
  [0, 'Nej', 'No'],
  [2, 'Ja, men inte under det senaste året', 'Yes, but not over the past year'],
  [4, 'Ja, under det senaste året', 'Yes, over the past year'],
]);
const pastYear = (sv: string, en: string) => t(`${sv}?`, `${en}?`);

export const duditForm: FormDefinition = {
  id: 'dudit',
  version: 1,
  status: 'active',
  title: t('DUDIT – drogvanor', 'DUDIT – Drug Use Disorders Identification Test'),
  description: t(
    'Elva frågor om narkotika och andra droger, totalt 0–44 poäng.',
    'Eleven questions on drug use, total 0–44 points.',
  ),
  items: [
    singleChoice(
      'q1',
      '1',
      t('Hur ofta använder du andra droger än alkohol?', 'How often do you use drugs other than alcohol?'),
      times,
    ),
    singleChoice(
      'q2',
      '2',
      t(
        'Använder du mer än en sorts drog vid samma tillfälle?',
        'Do you use more than one type of drug on the same occasion?',
      ),
      times,
    ),
    singleChoice(
      'q3',
      '3',
      t(
        'Hur många gånger tar du droger en typisk dag då du använder droger?',
        'How many times do you take drugs on a typical day when you use drugs?',
      ),
      pointOptions([
        [0, '0', '0'],
        [1, '1–2', '1–2'],
        [2, '3–4', '3–4'],
        [3, '5–6', '5–6'],
        [4, '7 eller fler', '7 or more'],
      ]),
    ),
    singleChoice(
      'q4',
      '4',
      t(
        'Hur ofta är du kraftigt påverkad av droger?',
        'How often are you heavily under the influence of drugs?',
      ),
      often,
    ),
    singleChoice(
      'q5',
      '5',
      pastYear(
        'Har du under det senaste året känt att din längtan efter droger varit så stark att du inte kunnat stå emot',
        'Over the past year, have you felt that your longing for drugs was so strong that you could not resist it',
      ),
      often,
    ),
    singleChoice(
      'q6',
      '6',
      pastYear(
        'Har det hänt under det senaste året att du inte kunnat sluta ta droger när du väl börjat',
        'Has it happened, over the past year, that you have not been able to stop taking drugs once you started',
      ),
      often,
    ),
    singleChoice(
      'q7',
      '7',
      pastYear(
        'Hur ofta under det senaste året har du tagit droger och sedan struntat i att göra något som du borde ha gjort',
        'How often over the past year have you taken drugs and then neglected to do something you should have done',
      ),
      often,
    ),
    singleChoice(
      'q8',
      '8',
      pastYear(
        'Hur ofta under det senaste året har du behövt ta droger morgonen efter kraftigt drogintag dagen före',
        'How often over the past year have you needed to take a drug the morning after heavy drug use the day before',
      ),
      often,
    ),
    singleChoice(
      'q9',
      '9',
      pastYear(
        'Hur ofta under det senaste året har du haft skuldkänslor eller dåligt samvete för att du använt droger',
        'How often over the past year have you had guilt feelings or a bad conscience because you used drugs',
      ),
      often,
    ),
    singleChoice(
      'q10',
      '10',
      t(
        'Har du eller någon annan blivit skadad (psykiskt eller fysiskt) för att du använt droger?',
        'Have you or anyone else been hurt (mentally or physically) because you used drugs?',
      ),
      harm,
    ),
    singleChoice(
      'q11',
      '11',
      t(
        'Har en släkting eller vän, en läkare eller sjuksköterska, eller någon annan, oroat sig över ditt drogande eller sagt att du borde sluta?',
        'Has a relative or a friend, a doctor or a nurse, or anyone else, been worried about your drug use or said that you should stop?',
      ),
      harm,
    ),
  ],
  computed: [
    {
      id: 'total',
      text: t('Totalpoäng', 'Total score'),
      expression: { sum: Array.from({ length: 11 }, (_, n) => ({ score: `q${n + 1}` })) },
    },
  ],
};

const bands: BandDefinition[] = [
  {
    code: 'no_problems',
    label: t('Inga tecken på drogrelaterade problem', 'No signs of drug-related problems'),
  },
  { code: 'drug_related_problems', label: t('Drogrelaterade problem', 'Drug-related problems') },
  { code: 'probable_dependence', label: t('Troligt drogberoende', 'Probable dependence') },
];

export interface DuditResult extends ScoreResult {
  sex: Sex;
  threshold: {
    sex: Sex;
    problemsAtOrAbove: number;
    dependenceAtOrAbove: number;
    source: 'default' | 'configured';
  };
}

export const dudit: Instrument<DuditOptions, DuditResult> = {
  id: duditForm.id,
  version: duditForm.version,
  title: duditForm.title,
  description: duditForm.description!,
  form: duditForm,
  sources: [
    {
      citation:
        'Berman AH, Bergman H, Palmstierna T, Schlyter F. Evaluation of the Drug Use Disorders Identification Test (DUDIT) in criminal justice and detoxification settings and in a Swedish population sample. Eur Addict Res 2005;11(1):22–31.',
    },
  ],
  requiresSex: true,
  bands,
  defaultOptions: { problemsAtOrAbove: { K: 2, M: 6 }, dependenceAtOrAbove: 25 },
  score({ answers, sex }, given) {
    const { options, source } = resolveOptions(this.defaultOptions, given);
    for (const s of ['K', 'M'] as const)
      assertAscending(
        [`problemsAtOrAbove.${s}`, 'dependenceAtOrAbove'],
        [options.problemsAtOrAbove[s], options.dependenceAtOrAbove],
        44,
      );
    const issues = checkInput(duditForm, answers, { required: true, value: sex });
    if (issues.length || !sex) return { ok: false, issues };
    const items = pointsOf(duditForm, answers);
    const total = sum(items);
    const threshold = {
      sex,
      problemsAtOrAbove: options.problemsAtOrAbove[sex],
      dependenceAtOrAbove: options.dependenceAtOrAbove,
      source,
    };
    const band = bandByLowerBounds(total, [
      { code: 'no_problems', from: 0 },
      { code: 'drug_related_problems', from: threshold.problemsAtOrAbove },
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
        risk: band !== 'no_problems',
        items,
        sex,
        threshold,
      },
    };
  },
};
