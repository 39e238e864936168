/**
 * Modified Norton Scale (modifierad Nortonskala), pressure-ulcer risk.
 *
 * Sources: Ek A-C et al., "The modified Norton scale", Scand J Caring Sci 1987/1989 (the
 * Swedish modification); Region Jönköpings län, "Vägledning för riskbedömningsinstrument"
 * (Senior Alert), which gives 7 items scored 1–4, total 7–28, risk at ≤ 20. One regional study
 * used ≤ 21, so the cut-off is configurable (DOMAIN.md §3); the default is 20.
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
  assertInteger,
} from './common.js';
import type { BandDefinition, Instrument, ScoreResult } from './types.js';

export interface NortonOptions {
  /** Total at or below which there is a risk of pressure ulcers; default 20. */
  riskAtOrBelow: number;
}

const scale = (
  four: [string, string],
  three: [string, string],
  two: [string, string],
  one: [string, string],
) =>
  pointOptions([
    [4, ...four],
    [3, ...three],
    [2, ...two],
    [1, ...one],
  ]);
const intake = scale(
  ['Bra', 'Good'],
  ['Ganska bra', 'Fairly good'],
  ['Dåligt', 'Poor'],
  ['Mycket dåligt', 'Very poor'],
);

export const nortonForm: FormDefinition = {
  id: 'modified-norton',
  version: 1,
  status: 'active',
  title: t('Modifierad Nortonskala', 'Modified Norton Scale'),
  description: t(
    'Riskbedömning för trycksår. Varje område 1–4 poäng, totalt 7–28.',
    'Pressure ulcer risk assessment. Each item 1–4 points, total 7–28.',
  ),
  items: [
    singleChoice(
      'mentalState',
      'A',
      t('Psykiskt status', 'Mental state'),
      scale(
        ['Vaken', 'Alert'],
        ['Apatisk', 'Apathetic'],
        ['Förvirrad', 'Confused'],
        ['Stuporös/medvetslös', 'Stuporous/unconscious'],
      ),
    ),
    singleChoice(
      'physicalActivity',
      'B',
      t('Fysisk aktivitet', 'Physical activity'),
      scale(
        ['Går själv', 'Walks independently'],
        ['Går med hjälp', 'Walks with help'],
        ['Sitter i rullstol', 'Chairbound'],
        ['Sängliggande', 'Bedridden'],
      ),
    ),
    singleChoice(
      'mobility',
      'C',
      t('Rörelseförmåga', 'Mobility'),
      scale(
        ['Full', 'Full'],
        ['Något begränsad', 'Slightly limited'],
        ['Mycket begränsad', 'Very limited'],
        ['Orörlig', 'Immobile'],
      ),
    ),
    singleChoice('foodIntake', 'D', t('Födointag', 'Food intake'), intake),
    singleChoice('fluidIntake', 'E', t('Vätskeintag', 'Fluid intake'), intake),
    singleChoice(
      'incontinence',
      'F',
      t('Inkontinens', 'Incontinence'),
      scale(
        ['Ingen', 'None'],
        ['Ibland', 'Occasional'],
        ['Vanligtvis urin', 'Usually urine'],
        ['Urin och avföring', 'Urine and faeces'],
      ),
    ),
    singleChoice(
      'generalCondition',
      'G',
      t('Allmäntillstånd', 'General physical condition'),
      scale(
        ['Gott', 'Good'],
        ['Ganska gott', 'Fairly good'],
        ['Dåligt', 'Poor'],
        ['Mycket dåligt', 'Very poor'],
      ),
    ),
  ],
  computed: [
    {
      id: 'total',
      text: t('Totalpoäng', 'Total score'),
      expression: {
        sum: [
          'mentalState',
          'physicalActivity',
          'mobility',
          'foodIntake',
          'fluidIntake',
          'incontinence',
          'generalCondition',
        ].map((id) => ({ score: id })),
      },
    },
  ],
};

const bands: BandDefinition[] = [
  { code: 'at_risk', label: t('Risk för trycksår', 'Risk of pressure ulcers') },
  {
    code: 'not_at_risk',
    label: t('Ingen förhöjd risk för trycksår', 'No increased risk of pressure ulcers'),
  },
];

export interface NortonResult extends ScoreResult {
  threshold: { riskAtOrBelow: number; source: 'default' | 'configured' };
}

export const modifiedNorton: Instrument<NortonOptions, NortonResult> = {
  id: nortonForm.id,
  version: nortonForm.version,
  title: nortonForm.title,
  description: nortonForm.description!,
  form: nortonForm,
  sources: [
    {
      citation:
        'Ek A-C, Unosson M, Bjurulf P. The modified Norton scale and the nutritional state. Scand J Caring Sci 1989;3(4):183–7.',
    },
    {
      citation:
        'Region Jönköpings län / Senior Alert: Vägledning för riskbedömningsinstrument – Modifierad Nortonskala (≤ 20 p = risk).',
      url: 'https://www.senioralert.se',
    },
  ],
  requiresSex: false,
  bands,
  defaultOptions: { riskAtOrBelow: 20 },
  score({ answers }, given) {
    const { options, source } = resolveOptions(this.defaultOptions, given);
    assertInteger('riskAtOrBelow', options.riskAtOrBelow, 7, 27);
    const issues = checkInput(nortonForm, answers);
    if (issues.length) return { ok: false, issues };
    const items = pointsOf(nortonForm, answers);
    const total = sum(items);
    const risk = total <= options.riskAtOrBelow;
    const band = risk ? 'at_risk' : 'not_at_risk';
    return {
      ok: true,
      result: {
        instrument: this.id,
        version: this.version,
        total,
        band,
        bandLabel: bandLabel(bands, band),
        risk,
        items,
        threshold: { riskAtOrBelow: options.riskAtOrBelow, source },
      },
    };
  },
};
