/**
 * ICF qualifiers for the life areas of IBIC (Individens behov i centrum).
 *
 * Sources: WHO, International Classification of Functioning, Disability and Health (ICF), 2001,
 * generic qualifier scale: 0 no problem (0–4 %), 1 mild (5–24 %), 2 moderate (25–49 %),
 * 3 severe (50–95 %), 4 complete (96–100 %), 8 not specified, 9 not applicable; Socialstyrelsen,
 * "Individens behov i centrum – IBIC" (life areas from ICF activities and participation, plus
 * sense of security and support from relatives). The outcome is the change of qualifier between
 * assessments (DOMAIN.md §4).
 *
 * 8 and 9 are codes, not numbers: they never enter a count, sum or comparison. Decisions where
 * the sources are silent: there is no total (null); the band is the most severe specified
 * qualifier; `risk` means at least one area at or above a configurable qualifier (default 2,
 * moderate, the ICF level from which a problem takes a quarter of the time or more).
 */
import type { FormDefinition } from '../forms/definition.js';
import { answerOf, assertInteger, bandLabel, checkInput, resolveOptions, singleChoice, t } from './common.js';
import type { BandDefinition, Instrument, ScoreResult } from './types.js';

export const IBIC_AREAS = [
  ['learning', 'd1', 'Lärande och att tillämpa kunskap', 'Learning and applying knowledge'],
  ['generalTasks', 'd2', 'Allmänna uppgifter och krav', 'General tasks and demands'],
  ['communication', 'd3', 'Kommunikation', 'Communication'],
  ['mobility', 'd4', 'Förflyttning', 'Mobility'],
  ['selfCare', 'd5', 'Personlig vård', 'Self-care'],
  ['domesticLife', 'd6', 'Hemliv', 'Domestic life'],
  [
    'interpersonal',
    'd7',
    'Mellanmänskliga interaktioner och relationer',
    'Interpersonal interactions and relationships',
  ],
  [
    'majorLifeAreas',
    'd8',
    'Viktiga livsområden (utbildning, arbete, ekonomi)',
    'Major life areas (education, work, economy)',
  ],
  [
    'communityLife',
    'd9',
    'Samhällsgemenskap, socialt och medborgerligt liv',
    'Community, social and civic life',
  ],
  ['senseOfSecurity', undefined, 'Känsla av trygghet', 'Sense of security'],
  ['supportFromRelatives', undefined, 'Stöd från närstående', 'Support from relatives'],
] as const;

export type IbicArea = (typeof IBIC_AREAS)[number][0];

const QUALIFIERS = [
  ['0', 'no_problem', 'Inget problem (0–4 %)', 'No problem (0–4%)'],
  ['1', 'mild', 'Lätt problem (5–24 %)', 'Mild problem (5–24%)'],
  ['2', 'moderate', 'Måttligt problem (25–49 %)', 'Moderate problem (25–49%)'],
  ['3', 'severe', 'Stort problem (50–95 %)', 'Severe problem (50–95%)'],
  ['4', 'complete', 'Totalt problem (96–100 %)', 'Complete problem (96–100%)'],
  ['8', 'not_specified', 'Ej specificerat', 'Not specified'],
  ['9', 'not_applicable', 'Ej tillämpligt', 'Not applicable'],
] as const;

export const icfIbicForm: FormDefinition = {
  id: 'icf-ibic',
  version: 1,
  status: 'active',
  title: t('ICF-bedömningsskala för IBIC-livsområden', 'ICF qualifier scale for IBIC life areas'),
  description: t(
    'Problemets omfattning per livsområde: 0–4, 8 ej specificerat, 9 ej tillämpligt.',
    'Extent of the problem per life area: 0–4, 8 not specified, 9 not applicable.',
  ),
  items: IBIC_AREAS.map(([id, chapter, sv, en]) =>
    singleChoice(
      id,
      chapter,
      t(sv, en),
      // Scores only on 0–4; 8 and 9 carry none, so they can never be summed by accident.
      QUALIFIERS.map(([code, , qsv, qen]) => ({
        code,
        text: t(qsv, qen),
        ...(Number(code) <= 4 ? { score: Number(code) } : {}),
      })),
    ),
  ),
};

const bands: BandDefinition[] = QUALIFIERS.filter(([code]) => code !== '9').map(([, band, sv, en]) => ({
  code: band,
  label: t(sv, en),
}));

export interface IcfOptions {
  /** `risk` when any area has a qualifier at or above this (1–4); default 2 (moderate). */
  riskAtOrAbove: number;
}

export interface IcfAreaResult {
  /** The code as given: "0"–"4", "8" or "9". */
  code: string;
  /** 0–4, or null for 8 (not specified) and 9 (not applicable). */
  qualifier: number | null;
}

export interface IcfResult extends ScoreResult {
  total: null;
  areas: Record<IbicArea, IcfAreaResult>;
  notSpecified: IbicArea[];
  notApplicable: IbicArea[];
  threshold: { riskAtOrAbove: number; source: 'default' | 'configured' };
}

export const icfIbic: Instrument<IcfOptions, IcfResult> = {
  id: icfIbicForm.id,
  version: icfIbicForm.version,
  title: icfIbicForm.title,
  description: icfIbicForm.description!,
  form: icfIbicForm,
  sources: [
    {
      citation:
        'World Health Organization. International Classification of Functioning, Disability and Health (ICF). Geneva: WHO; 2001. Generic qualifier scale.',
    },
    {
      citation:
        'Socialstyrelsen. Individens behov i centrum (IBIC) – behovsinriktat och systematiskt arbetssätt.',
      url: 'https://www.socialstyrelsen.se',
    },
  ],
  requiresSex: false,
  bands,
  defaultOptions: { riskAtOrAbove: 2 },
  score({ answers }, given) {
    const { options, source } = resolveOptions(this.defaultOptions, given);
    assertInteger('riskAtOrAbove', options.riskAtOrAbove, 1, 4);
    const issues = checkInput(icfIbicForm, answers);
    if (issues.length) return { ok: false, issues };
    const areas = {} as Record<IbicArea, IcfAreaResult>;
    const items: Record<string, number> = {};
    for (const [id] of IBIC_AREAS) {
      const code = answerOf(answers, id) as string;
      const qualifier = Number(code) <= 4 ? Number(code) : null;
      areas[id] = { code, qualifier };
      if (qualifier !== null) items[id] = qualifier;
    }
    const specified = Object.values(items);
    const worst = specified.length ? Math.max(...specified) : null;
    const band = worst === null ? 'not_specified' : QUALIFIERS[worst]![1];
    const ids = IBIC_AREAS.map(([id]) => id);
    return {
      ok: true,
      result: {
        instrument: this.id,
        version: this.version,
        total: null,
        band,
        bandLabel: bandLabel(bands, band),
        risk: worst !== null && worst >= options.riskAtOrAbove,
        items,
        areas,
        notSpecified: ids.filter((id) => areas[id].code === '8'),
        notApplicable: ids.filter((id) => areas[id].code === '9'),
        threshold: { riskAtOrAbove: options.riskAtOrAbove, source },
      },
    };
  },
};

export type IcfChange = 'improved' | 'unchanged' | 'worsened' | 'not_comparable';

/**
 * Change per area between two assessments: a lower qualifier is an improvement. When either
 * side is 8 or 9, or the area is missing, the change is "not_comparable" and delta is null.
 */
export function icfChange(
  before: Record<string, IcfAreaResult>,
  after: Record<string, IcfAreaResult>,
): Record<IbicArea, { change: IcfChange; delta: number | null }> {
  const out = {} as Record<IbicArea, { change: IcfChange; delta: number | null }>;
  for (const [id] of IBIC_AREAS) {
    const a = before[id]?.qualifier ?? null;
    const b = after[id]?.qualifier ?? null;
    if (a === null || b === null) out[id] = { change: 'not_comparable', delta: null };
    else out[id] = { change: b < a ? 'improved' : b > a ? 'worsened' : 'unchanged', delta: b - a };
  }
  return out;
}
