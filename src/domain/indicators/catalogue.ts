import type { Condition, FactFilter } from './filter.js';
import type { IndicatorDefinitionInput } from './definition.js';
import { surveyIndicatorCatalogue } from './survey-catalogue.js';

/**
 * The indicators Kunskapsnav ships (version 1). Targets are Socialstyrelsen's national target
 * levels for the palliative register as published 2017 (DOMAIN.md §3); the 70 % coverage rule
 * for open comparisons is configurable data, not code.
 */
const SOCIALSTYRELSEN_2017 =
  'Socialstyrelsen, nationella målnivåer för palliativ vård i livets slutskede (2017)';

/** Instrument ids as registered in the instrument library. */
export const INSTRUMENT = {
  norton: 'modified-norton',
  mnaSf: 'mna-sf',
  downton: 'downton',
  roag: 'roag',
  alcoholAudit: 'audit',
  dudit: 'dudit',
  icf: 'icf-ibic',
} as const;

const sa = (kind: FactFilter['kind'], ...where: Condition[]): FactFilter => ({
  register: 'senior_alert',
  kind,
  where,
});
const pal = (...where: Condition[]): FactFilter => ({
  register: 'palliative',
  kind: 'death_registration',
  where,
});
const fu = (...where: Condition[]): FactFilter => ({ register: 'followup', kind: 'followup_measure', where });

const expected: Condition = { attr: 'expected', eq: true };
const atTwelveMonths: Condition = { attr: 'phase', eq: '12m' };

type Base = Omit<IndicatorDefinitionInput, 'id' | 'title' | 'description' | 'denominator' | 'numerator'>;

const seniorAlert: Base = {
  version: 1,
  operatingArea: 'elderly_care',
  qualityArea: 'safe',
  type: 'process',
  population: { minAge: 65 },
  periodTypes: ['year', 'quarter', 'month'],
  direction: 'higher',
  target: null,
  minCoverage: null,
  openComparisons: true,
  breakdown: null,
};

const palliative: Base = {
  ...seniorAlert,
  qualityArea: 'person_centred',
  population: {},
  periodTypes: ['year', 'quarter'],
  minCoverage: { indicator: 'K20007', value: 0.7 },
};

const followup: Base = {
  ...seniorAlert,
  operatingArea: 'individual_family_care',
  qualityArea: 'knowledge_based',
  type: 'outcome',
  population: {},
  periodTypes: ['year'],
  breakdown: 'interventionCode',
};

function riskShare(id: string, instrument: string, sv: string, en: string): IndicatorDefinitionInput {
  const assessed = sa('risk_assessment', { attr: 'instrument', eq: instrument });
  return {
    ...seniorAlert,
    id,
    type: 'outcome',
    direction: 'none',
    title: { sv: `Andel riskbedömda med ${sv}`, en: `Share of risk-assessed persons with ${en}` },
    description: {
      sv: `Bland personer 65 år och äldre som riskbedömts med instrumentet under perioden, andelen som bedömdes ha ${sv}.`,
      en: `Among persons aged 65 or older assessed with the instrument in the period, the share assessed as having ${en}.`,
    },
    denominator: assessed,
    numerator: { ...assessed, where: [...assessed.where, { attr: 'risk', eq: true }] },
  };
}

function actionShare(
  id: string,
  instrument: string,
  riskArea: string,
  sv: string,
  en: string,
): IndicatorDefinitionInput {
  return {
    ...seniorAlert,
    id,
    title: {
      sv: `Andel med ${sv} som har planerade åtgärder`,
      en: `Share with ${en} who have planned actions`,
    },
    description: {
      sv: `Bland personer 65+ bedömda med ${sv} under perioden, andelen med minst en planerad förebyggande åtgärd inom området.`,
      en: `Among persons 65+ assessed with ${en} in the period, the share with at least one planned preventive action in that area.`,
    },
    denominator: sa('risk_assessment', { attr: 'instrument', eq: instrument }, { attr: 'risk', eq: true }),
    numerator: sa('planned_action', { attr: 'riskArea', eq: riskArea }),
  };
}

function palliativeShare(
  id: string,
  attr: string,
  target: number,
  sv: string,
  en: string,
): IndicatorDefinitionInput {
  return {
    ...palliative,
    id,
    target: { value: target, comparison: '>=', source: SOCIALSTYRELSEN_2017 },
    title: { sv, en },
    description: {
      sv: `${sv}: andel av förväntade dödsfall registrerade i palliativregistret där detta gjordes under sista levnadsveckan.`,
      en: `${en}: share of expected deaths registered in the palliative register where this was done in the last week of life.`,
    },
    denominator: pal(expected),
    numerator: pal(expected, { attr, eq: true }),
  };
}

function improvedBand(id: string, instrument: string, sv: string, en: string): IndicatorDefinitionInput {
  const measured = fu({ attr: 'instrument', eq: instrument }, atTwelveMonths, {
    attr: 'improved',
    present: true,
  });
  return {
    ...followup,
    id,
    title: { sv: `Andel klienter med ${sv} vid 12 månader`, en: `Share of clients with ${en} at 12 months` },
    description: {
      sv: `Bland klienter med baslinjemätning och 12-månadersuppföljning, andelen med ${sv}.`,
      en: `Among clients with a baseline and a 12-month follow-up measure, the share with ${en}.`,
    },
    denominator: measured,
    numerator: { ...measured, where: [...measured.where.slice(0, 2), { attr: 'improved', eq: true }] },
  };
}

export const INDICATOR_CATALOGUE: IndicatorDefinitionInput[] = [
  {
    ...seniorAlert,
    id: 'K10001',
    qualityArea: 'knowledge_based',
    title: { sv: 'Andel personer 65+ som riskbedömts', en: 'Share of persons 65+ who were risk-assessed' },
    description: {
      sv: 'Bland personer 65 år och äldre som enheten gav insatser under perioden, andelen med minst en riskbedömning.',
      en: 'Among persons aged 65 or older served by the unit in the period, the share with at least one risk assessment.',
    },
    denominator: sa('served'),
    numerator: sa('risk_assessment'),
  },
  {
    ...seniorAlert,
    id: 'K10002',
    title: { sv: 'Andel med risk som har planerade åtgärder', en: 'Share at risk with planned actions' },
    description: {
      sv: 'Bland personer 65+ som bedömts ha någon risk under perioden, andelen med minst en planerad förebyggande åtgärd.',
      en: 'Among persons 65+ assessed as at risk in the period, the share with at least one planned preventive action.',
    },
    denominator: sa('risk_assessment', { attr: 'risk', eq: true }),
    numerator: sa('planned_action'),
  },
  {
    ...seniorAlert,
    id: 'K10003',
    title: {
      sv: 'Andel med planerade åtgärder som följts upp',
      en: 'Share with planned actions that were followed up',
    },
    description: {
      sv: 'Bland personer 65+ med planerade åtgärder under perioden, andelen där åtgärderna följts upp.',
      en: 'Among persons 65+ with planned actions in the period, the share whose actions were followed up.',
    },
    denominator: sa('planned_action'),
    numerator: sa('follow_up'),
  },
  riskShare('K10004', INSTRUMENT.norton, 'risk för trycksår', 'a risk of pressure ulcers'),
  riskShare('K10005', INSTRUMENT.mnaSf, 'risk för undernäring', 'a risk of malnutrition'),
  riskShare('K10006', INSTRUMENT.downton, 'hög fallrisk', 'a high risk of falls'),
  riskShare('K10007', INSTRUMENT.roag, 'ohälsa i munnen', 'oral ill-health'),
  {
    ...seniorAlert,
    id: 'K10008',
    type: 'outcome',
    direction: 'lower',
    title: { sv: 'Andel personer 65+ som fallit', en: 'Share of persons 65+ who fell' },
    description: {
      sv: 'Bland personer 65+ som enheten gav insatser under perioden, andelen med minst ett registrerat fall.',
      en: 'Among persons 65+ served by the unit in the period, the share with at least one recorded fall.',
    },
    denominator: sa('served'),
    numerator: sa('event', { attr: 'eventType', eq: 'fall' }),
  },
  {
    ...seniorAlert,
    id: 'K10009',
    type: 'outcome',
    direction: 'lower',
    title: {
      sv: 'Andel personer 65+ med trycksår kategori 2–4',
      en: 'Share of persons 65+ with pressure ulcers grade 2–4',
    },
    description: {
      sv: 'Bland personer 65+ som enheten gav insatser under perioden, andelen med trycksår av kategori 2, 3 eller 4.',
      en: 'Among persons 65+ served by the unit in the period, the share with a pressure ulcer of grade 2, 3 or 4.',
    },
    denominator: sa('served'),
    numerator: sa('event', { attr: 'eventType', eq: 'pressure_ulcer' }, { attr: 'grade', gte: 2 }),
  },
  actionShare(
    'K10010',
    INSTRUMENT.norton,
    'pressure_ulcer',
    'risk för trycksår',
    'a risk of pressure ulcers',
  ),
  actionShare('K10011', INSTRUMENT.mnaSf, 'malnutrition', 'risk för undernäring', 'a risk of malnutrition'),
  actionShare('K10012', INSTRUMENT.downton, 'falls', 'fallrisk', 'a risk of falls'),
  palliativeShare(
    'K20001',
    'oralHealthAssessed',
    0.9,
    'Munhälsobedömning sista veckan',
    'Oral health assessed in the last week',
  ),
  palliativeShare(
    'K20002',
    'painAssessedValidated',
    1,
    'Smärtskattning med validerat instrument',
    'Pain assessed with a validated instrument',
  ),
  palliativeShare(
    'K20003',
    'prnOpioid',
    0.98,
    'Vid behovsordination av opioid injektion',
    'As-needed opioid injection prescribed',
  ),
  palliativeShare(
    'K20004',
    'prnAnxiolytic',
    0.98,
    'Vid behovsordination av ångestdämpande injektion',
    'As-needed anxiolytic injection prescribed',
  ),
  palliativeShare('K20005', 'freeOfPressureUlcers', 0.9, 'Fri från trycksår', 'Free of pressure ulcers'),
  palliativeShare(
    'K20006',
    'breakpointConversation',
    0.98,
    'Brytpunktssamtal',
    'Break-point conversation held',
  ),
  {
    ...palliative,
    id: 'K20007',
    qualityArea: 'knowledge_based',
    type: 'structure',
    minCoverage: null,
    openComparisons: true,
    title: { sv: 'Täckningsgrad i palliativregistret', en: 'Palliative register coverage' },
    description: {
      sv: 'Andel av dödsfallen vid enheten under perioden som registrerats i palliativregistret. Över 70 % krävs för att övriga resultat ska publiceras.',
      en: 'Share of the deaths at the unit in the period that were registered in the palliative register. Above 70 % is required before other results are published.',
    },
    denominator: { register: 'palliative', kind: 'death', where: [] },
    numerator: pal(),
  },
  improvedBand('K30001', INSTRUMENT.alcoholAudit, 'förbättrad AUDIT-nivå', 'an improved AUDIT band'),
  improvedBand('K30002', INSTRUMENT.dudit, 'förbättrad DUDIT-nivå', 'an improved DUDIT band'),
  improvedBand(
    'K30003',
    INSTRUMENT.icf,
    'förbättrad funktionsnivå (ICF, IBIC)',
    'an improved functioning level (ICF, IBIC)',
  ),
  {
    ...followup,
    id: 'K30004',
    qualityArea: 'person_centred',
    title: {
      sv: 'Andel klienter som själva anser att målen nåtts',
      en: 'Share of clients who consider their goals met',
    },
    description: {
      sv: 'Bland klienter som vid 12-månadersuppföljningen gett sin egen bedömning, andelen som anser att deras mål nåtts.',
      en: 'Among clients who gave their own view at the 12-month follow-up, the share who consider their goals met.',
    },
    denominator: fu(atTwelveMonths, { attr: 'goalsMet', present: true }),
    numerator: fu(atTwelveMonths, { attr: 'goalsMet', eq: true }),
  },
  // User surveys (issue #13): counted from settled rounds, not from facts.
  ...surveyIndicatorCatalogue(),
];
