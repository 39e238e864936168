import { z } from 'zod';
import type {
  IssuedCodes,
  RoundUnitList,
  SurveyForm,
  SurveyResults,
  SurveyRound,
  SurveyRoundList,
  SurveyTemplateList,
  UnitOverview,
} from '../../contracts/surveys.js';
import { PICTOGRAMS, SURVEY_KINDS } from '../../domain/surveys/template.js';
import { form } from './v1-schemas-instruments.js';

/**
 * Response schemas of the /api/v1/surveys operations (see v1-responses.ts). Each is checked
 * against its contract at compile time.
 */
const text = z.object({ sv: z.string(), en: z.string() });
const int = z.number().int();
const theme = z.object({ id: z.string(), title: text, items: z.array(z.string()) });

export const round = z.object({
  id: z.string(),
  templateId: z.string(),
  templateVersion: int,
  period: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  unitIds: z.array(z.string()),
}) satisfies z.ZodType<SurveyRound>;
export const roundList = z.object({ rounds: z.array(round) }) satisfies z.ZodType<SurveyRoundList>;

export const templateList = z.object({
  templates: z.array(z.object({ id: z.string(), version: int, kind: z.enum(SURVEY_KINDS), title: text })),
}) satisfies z.ZodType<SurveyTemplateList>;

export const surveyForm = z.object({
  roundId: z.string(),
  open: z.boolean(),
  kind: z.enum(SURVEY_KINDS),
  form,
  themes: z.array(theme),
  easyRead: z.record(z.string(), z.string()),
  pictures: z.record(z.string(), z.enum(PICTOGRAMS)).nullable(),
}) satisfies z.ZodType<SurveyForm>;

export const issuedCodes = z.object({
  roundId: z.string(),
  unitId: z.string(),
  codes: z.array(z.string()),
  answerUrl: z.string(),
}) satisfies z.ZodType<IssuedCodes>;

const share = z.record(z.string(), z.number().nullable());
const nodeResult = z.object({
  node: z.string(),
  level: z.enum(['nation', 'region', 'municipality', 'unit']),
  code: z.string(),
  hidden: z.boolean(),
  codesIssued: int,
  respondents: int.nullable(),
  responseRate: z.number().nullable(),
  shares: share,
  answered: share,
});

export const results = z.object({
  roundId: z.string(),
  minimumRespondents: int,
  themes: z.array(theme),
  nodes: z.array(nodeResult),
}) satisfies z.ZodType<SurveyResults>;

export const unitOverview = z.object({
  unitId: z.string(),
  surveys: z.array(
    z.object({
      roundId: z.string(),
      templateId: z.string(),
      title: text,
      period: z.string(),
      themes: z.array(theme),
      result: nodeResult.nullable(),
      municipality: nodeResult.nullable(),
    }),
  ),
  register: z.array(
    z.object({
      indicator: z.string(),
      title: text,
      period: z.string(),
      rate: z.number().nullable(),
      denominator: z.number().nullable(),
      status: z.string(),
    }),
  ),
}) satisfies z.ZodType<UnitOverview>;

export const roundUnits = z.object({
  roundId: z.string(),
  minimumRespondents: int,
  units: z.array(
    z.object({
      unitId: z.string(),
      codesIssued: int,
      respondents: int.nullable(),
      responseRate: z.number().nullable(),
      hidden: z.boolean(),
      mayIssue: z.boolean(),
      mayEnter: z.boolean(),
    }),
  ),
}) satisfies z.ZodType<RoundUnitList>;
