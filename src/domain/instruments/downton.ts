/**
 * Downton Fall Risk Index.
 *
 * Sources: Downton JH, "Falls in the elderly", London: Edward Arnold 1993; Rosendahl E, Lundin-
 * Olsson L, Kallin K, et al., "Prediction of falls among older people in residential care
 * facilities by the Downton index", Aging Clin Exp Res 2003;15(2):142–7. Items: known previous
 * falls (yes 1); medications, 1 each: tranquillisers/sedatives, diuretics, antihypertensives
 * (other than diuretics), antiparkinsonian drugs, antidepressants (none / other medications 0);
 * sensory deficits, 1 each: visual impairment, hearing impairment, limb impairment (none 0);
 * mental state confused 1 (oriented 0); gait unsafe (with or without walking aids) 1 (normal,
 * safe with walking aids, unable to walk 0). Total 0–11; ≥ 3 = high fall risk.
 *
 * Multiple-choice items need an explicit "none": an empty medication list is unanswered, not 0.
 */
import type { FormDefinition } from '../forms/definition.js';
import { answerOf, bandLabel, checkInput, pointsOf, singleChoice, sum, t } from './common.js';
import type { BandDefinition, Instrument, ScoreResult } from './types.js';

export const downtonForm: FormDefinition = {
  id: 'downton',
  version: 1,
  status: 'active',
  title: t('Downton Fall Risk Index', 'Downton Fall Risk Index'),
  description: t(
    'Riskbedömning för fall. Totalt 0–11 poäng; 3 eller mer = hög fallrisk.',
    'Fall risk assessment. Total 0–11 points; 3 or more = high fall risk.',
  ),
  items: [
    {
      id: 'previousFalls',
      type: 'boolean',
      prefix: '1',
      text: t('Tidigare kända fall', 'Known previous falls'),
      required: true,
    },
    {
      id: 'medications',
      type: 'multipleChoice',
      prefix: '2',
      text: t('Läkemedel', 'Medications'),
      required: true,
      minSelected: 1,
      options: [
        { code: 'none', text: t('Inga', 'None'), score: 0, exclusive: true },
        { code: 'sedatives', text: t('Lugnande/sömnmedel', 'Tranquillisers/sedatives'), score: 1 },
        { code: 'diuretics', text: t('Diuretika', 'Diuretics'), score: 1 },
        {
          code: 'antihypertensives',
          text: t('Blodtryckssänkande (utöver diuretika)', 'Antihypertensives (other than diuretics)'),
          score: 1,
        },
        { code: 'antiparkinson', text: t('Antiparkinsonläkemedel', 'Antiparkinsonian drugs'), score: 1 },
        { code: 'antidepressants', text: t('Antidepressiva', 'Antidepressants'), score: 1 },
        { code: 'other', text: t('Andra läkemedel', 'Other medications'), score: 0 },
      ],
    },
    {
      id: 'sensoryDeficits',
      type: 'multipleChoice',
      prefix: '3',
      text: t('Sensoriska nedsättningar', 'Sensory deficits'),
      required: true,
      minSelected: 1,
      options: [
        { code: 'none', text: t('Inga', 'None'), score: 0, exclusive: true },
        { code: 'visual', text: t('Synnedsättning', 'Visual impairment'), score: 1 },
        { code: 'hearing', text: t('Hörselnedsättning', 'Hearing impairment'), score: 1 },
        { code: 'limb', text: t('Nedsatt känsel/funktion i armar eller ben', 'Limb impairment'), score: 1 },
      ],
    },
    singleChoice('mentalState', '4', t('Mentalt tillstånd', 'Mental state'), [
      { code: 'oriented', text: t('Orienterad', 'Oriented'), score: 0 },
      { code: 'confused', text: t('Förvirrad', 'Confused'), score: 1 },
    ]),
    singleChoice('gait', '5', t('Gångförmåga', 'Gait'), [
      { code: 'normal', text: t('Normal', 'Normal'), score: 0 },
      { code: 'safeWithAids', text: t('Säker med hjälpmedel', 'Safe with walking aids'), score: 0 },
      {
        code: 'unsafe',
        text: t('Osäker (med eller utan hjälpmedel)', 'Unsafe (with or without walking aids)'),
        score: 1,
      },
      { code: 'unableToWalk', text: t('Går inte', 'Unable to walk'), score: 0 },
    ]),
  ],
};

const bands: BandDefinition[] = [
  { code: 'low_risk', label: t('Ingen förhöjd fallrisk', 'No increased fall risk') },
  { code: 'high_risk', label: t('Hög fallrisk', 'High fall risk') },
];

export interface DowntonResult extends ScoreResult {
  threshold: { highRiskAtOrAbove: number; source: 'default' };
}

export const downton: Instrument<Record<string, never>, DowntonResult> = {
  id: downtonForm.id,
  version: downtonForm.version,
  title: downtonForm.title,
  description: downtonForm.description!,
  form: downtonForm,
  sources: [
    { citation: 'Downton JH. Falls in the elderly. London: Edward Arnold; 1993.' },
    {
      citation:
        'Rosendahl E, Lundin-Olsson L, Kallin K, et al. Prediction of falls among older people in residential care facilities by the Downton index. Aging Clin Exp Res 2003;15(2):142–7.',
    },
  ],
  requiresSex: false,
  bands,
  defaultOptions: {},
  score({ answers }) {
    const issues = checkInput(downtonForm, answers);
    if (issues.length) return { ok: false, issues };
    const items = {
      previousFalls: answerOf(answers, 'previousFalls') === true ? 1 : 0,
      ...pointsOf(downtonForm, answers),
    };
    const total = sum(items);
    const band = total >= 3 ? 'high_risk' : 'low_risk';
    return {
      ok: true,
      result: {
        instrument: this.id,
        version: this.version,
        total,
        band,
        bandLabel: bandLabel(bands, band),
        risk: band === 'high_risk',
        items,
        threshold: { highRiskAtOrAbove: 3, source: 'default' },
      },
    };
  },
};
