import type { OperatingArea } from '../org/codes.js';
import { SURVEY_TEMPLATES } from '../surveys/templates.js';
import type { SurveyKind } from '../surveys/template.js';
import type { IndicatorDefinitionInput } from './definition.js';
import type { FactFilter } from './filter.js';

/**
 * User-survey measures as indicators (issue #13): per national survey kind, the response rate and
 * the share of positive answers of each theme. Ids are fixed here, never derived from the order of
 * themes, so a new template version keeps them. Counts come from settled rounds
 * (src/modules/indicators/survey-counts.ts), not from facts; the filters below match no fact.
 */
export const RESPONSE_RATE_MEASURE = 'response_rate';
export const themeMeasureOf = (themeId: string) => `theme:${themeId}`;

interface SurveySeries {
  operatingArea: OperatingArea;
  responseRate: string;
  themes: Record<string, string>;
}

export const SURVEY_SERIES: Readonly<Record<SurveyKind, SurveySeries>> = {
  elderly_care: {
    operatingArea: 'elderly_care',
    responseRate: 'K41000',
    themes: {
      treatment: 'K41001',
      safety: 'K41002',
      influence: 'K41003',
      accessibility: 'K41004',
      meals: 'K41005',
      social: 'K41006',
      loneliness: 'K41007',
      overall: 'K41008',
    },
  },
  functional_impairment: {
    operatingArea: 'disability',
    responseRate: 'K42000',
    themes: { self_determination: 'K42001', treatment: 'K42002', safety: 'K42003', wellbeing: 'K42004' },
  },
  individual_family_care: {
    operatingArea: 'individual_family_care',
    responseRate: 'K43000',
    themes: { influence: 'K43001', change: 'K43002', overall: 'K43003' },
  },
};

const KIND_TITLE: Readonly<Record<SurveyKind, { sv: string; en: string }>> = {
  elderly_care: { sv: 'brukarundersökningen äldreomsorg', en: 'the elderly care user survey' },
  functional_impairment: {
    sv: 'brukarundersökningen funktionshindersomsorg',
    en: 'the functional impairment user survey',
  },
  individual_family_care: {
    sv: 'brukarundersökningen individ- och familjeomsorg',
    en: 'the individual and family care user survey',
  },
};

/** The indicator id of a measure ("response_rate" or "theme:<id>") of a survey kind, if it has one. */
export function surveyIndicatorId(kind: SurveyKind, measure: string): string | undefined {
  const series = SURVEY_SERIES[kind];
  if (measure === RESPONSE_RATE_MEASURE) return series.responseRate;
  return measure.startsWith('theme:') ? series.themes[measure.slice('theme:'.length)] : undefined;
}

const never = (): FactFilter => ({ register: 'survey', kind: 'survey_answer', where: [] });

function surveyIndicator(
  kind: SurveyKind,
  id: string,
  measure: string,
  title: { sv: string; en: string },
  description: { sv: string; en: string },
): IndicatorDefinitionInput {
  return {
    id,
    version: 1,
    title,
    description,
    operatingArea: SURVEY_SERIES[kind].operatingArea,
    qualityArea: 'person_centred',
    type: measure === RESPONSE_RATE_MEASURE ? 'structure' : 'outcome',
    population: {},
    denominator: never(),
    numerator: never(),
    periodTypes: ['year'],
    direction: 'higher',
    target: null,
    minCoverage: null,
    openComparisons: true,
    breakdown: null,
    survey: { kind, measure },
  };
}

/** The survey indicators of every kind: the response rate, then each theme in form order. */
export function surveyIndicatorCatalogue(): IndicatorDefinitionInput[] {
  return (Object.keys(SURVEY_SERIES) as SurveyKind[]).flatMap((kind) => {
    const survey = KIND_TITLE[kind];
    const themes = new Map<string, { sv: string; en: string }>();
    for (const t of SURVEY_TEMPLATES.filter((x) => x.kind === kind))
      for (const theme of t.themes) themes.set(theme.id, theme.title);
    return [
      surveyIndicator(
        kind,
        SURVEY_SERIES[kind].responseRate,
        RESPONSE_RATE_MEASURE,
        { sv: `Svarsfrekvens i ${survey.sv}`, en: `Response rate in ${survey.en}` },
        {
          sv: `Andel av de utdelade svarskoderna i ${survey.sv} som använts för ett svar (webb eller papper).`,
          en: `Share of the access codes issued in ${survey.en} that were used for an answer (web or paper).`,
        },
      ),
      ...[...themes].flatMap(([themeId, title]) => {
        const id = SURVEY_SERIES[kind].themes[themeId];
        if (!id) return [];
        return [
          surveyIndicator(
            kind,
            id,
            themeMeasureOf(themeId),
            { sv: `${title.sv}: andel positiva svar`, en: `${title.en}: share of positive answers` },
            {
              sv: `Andel positiva svar på frågorna om ${title.sv.toLocaleLowerCase('sv')} i ${survey.sv}; "vet inte / ingen åsikt" räknas inte i nämnaren.`,
              en: `Share of positive answers to the questions on ${title.en.toLocaleLowerCase('en')} in ${survey.en}; "don't know / no opinion" is left out of the denominator.`,
            },
          ),
        ];
      }),
    ];
  });
}
