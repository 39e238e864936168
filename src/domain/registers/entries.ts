import { z } from 'zod';

/**
 * What a professional registers, per register and kind, as validated data. The server scores
 * every assessment itself (derive.ts); the client's scores are never trusted.
 *
 * Senior Alert (DOMAIN.md §3): risk assessment → underlying causes → planned actions → events →
 * follow-up → closure. Palliative register: the death (coverage denominator) and the end-of-life
 * registration. Individual-based follow-up (§4): measures at baseline, 6 and 12 months with the
 * client's own view, and KSI-coded interventions.
 */
import { RISK_AREAS, type RiskArea } from './risk-areas.js';

export { RISK_AREAS, type RiskArea } from './risk-areas.js';

/** Which Senior Alert risk area each instrument assesses. */
export const RISK_AREA_OF_INSTRUMENT = {
  'modified-norton': 'pressure_ulcer',
  'mna-sf': 'malnutrition',
  downton: 'falls',
  roag: 'oral_health',
} as const satisfies Record<string, RiskArea>;
export type RiskInstrument = keyof typeof RISK_AREA_OF_INSTRUMENT;

/** Coded preventive actions per risk area ("other" needs a text). */
export const ACTION_CODES = {
  pressure_ulcer: ['repositioning', 'pressure_relieving_mattress', 'skin_care', 'nutrition_support', 'other'],
  malnutrition: ['meal_plan', 'supplement', 'dietitian_referral', 'weight_monitoring', 'other'],
  falls: ['exercise', 'medication_review', 'walking_aid', 'home_environment', 'hip_protector', 'other'],
  oral_health: ['daily_oral_care', 'dental_referral', 'saliva_substitute', 'other'],
} as const satisfies Record<RiskArea, readonly string[]>;

export const UNDERLYING_CAUSES = [
  'illness',
  'medication',
  'cognitive_impairment',
  'reduced_mobility',
  'pain',
  'low_appetite',
  'swallowing_difficulty',
  'vision_or_hearing',
  'other',
] as const;

export const EVENT_TYPES = ['fall', 'pressure_ulcer', 'weight_loss', 'oral_problem'] as const;
export const FOLLOWUP_INSTRUMENTS = ['audit', 'dudit', 'icf-ibic'] as const;
export type FollowupInstrument = (typeof FOLLOWUP_INSTRUMENTS)[number];
export const PHASES = ['baseline', '6m', '12m'] as const;
export type Phase = (typeof PHASES)[number];

const answers = z.record(z.string(), z.unknown());
const note = z.string().trim().max(2000, 'must be at most 2000 characters').optional();

const riskAssessment = z
  .object({
    instrument: z.enum(Object.keys(RISK_AREA_OF_INSTRUMENT) as [RiskInstrument, ...RiskInstrument[]], {
      error: 'must be modified-norton, mna-sf, downton or roag',
    }),
    answers,
    causes: z.array(z.enum(UNDERLYING_CAUSES)).max(UNDERLYING_CAUSES.length).default([]),
    note,
  })
  .strict();

const plannedAction = z
  .object({
    riskArea: z.enum(RISK_AREAS),
    actionCode: z.string(),
    text: z.string().trim().max(500, 'must be at most 500 characters').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const codes: readonly string[] = ACTION_CODES[v.riskArea];
    if (!codes.includes(v.actionCode))
      ctx.addIssue({ code: 'custom', path: ['actionCode'], message: `must be one of ${codes.join(', ')}` });
    if (v.actionCode === 'other' && !v.text)
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'is required when actionCode is other' });
  });

const event = z
  .object({
    eventType: z.enum(EVENT_TYPES),
    // EPUAP category 1–4; only for pressure ulcers, and required there.
    grade: z.number().int('must be a whole number').min(1, 'must be 1–4').max(4, 'must be 1–4').optional(),
    note,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.eventType === 'pressure_ulcer' && v.grade === undefined)
      ctx.addIssue({ code: 'custom', path: ['grade'], message: 'is required for a pressure ulcer' });
    if (v.eventType !== 'pressure_ulcer' && v.grade !== undefined)
      ctx.addIssue({ code: 'custom', path: ['grade'], message: 'is only given for a pressure ulcer' });
  });

const followUp = z
  .object({
    riskArea: z.enum(RISK_AREAS),
    outcome: z.enum(['improved', 'unchanged', 'worse']),
    note,
  })
  .strict();

const closure = z
  .object({ reason: z.enum(['no_longer_at_risk', 'moved', 'deceased', 'declined', 'other']), note })
  .strict();

const death = z
  .object({ place: z.enum(['special_housing', 'short_term', 'hospital', 'hospice', 'home', 'other']) })
  .strict();

const deathRegistration = z.object({ answers }).strict();

const measure = z
  .object({
    phase: z.enum(PHASES),
    instrument: z.enum(FOLLOWUP_INSTRUMENTS),
    answers,
    // The client's own view, in their words, and whether they consider each goal met.
    goals: z
      .array(
        z
          .object({
            text: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
            met: z.enum(['yes', 'partly', 'no']).optional(),
          })
          .strict(),
      )
      .max(10, 'at most 10 goals')
      .default([]),
    clientView: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.phase === 'baseline' && v.goals.some((g) => g.met !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['goals'],
        message: 'goals are judged at follow-up, not at baseline',
      });
  });

/** KSI follows ICHI: target (3 characters), action type (2), means/method. */
const intervention = z
  .object({
    ksi: z
      .object({
        target: z.string().regex(/^[A-Z0-9]{3}$/, 'must be a three-character KSI target such as "PHA"'),
        actionType: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter KSI action type such as "AE"'),
        method: z.string().regex(/^[A-Z0-9]{1,6}$/, 'must be a KSI means/method code of 1–6 characters'),
      })
      .strict(),
    endDate: z.iso.date('must be a date YYYY-MM-DD').optional(),
    note,
  })
  .strict();

export const ENTRY_SCHEMAS = {
  senior_alert: {
    risk_assessment: riskAssessment,
    planned_action: plannedAction,
    event,
    follow_up: followUp,
    closure,
  },
  palliative: { death, death_registration: deathRegistration },
  followup: { measure, intervention },
} as const;

export type EntryRegister = keyof typeof ENTRY_SCHEMAS;
export type EntryKind = { [R in EntryRegister]: keyof (typeof ENTRY_SCHEMAS)[R] }[EntryRegister];
export type EntryData<R extends EntryRegister, K extends keyof (typeof ENTRY_SCHEMAS)[R]> =
  (typeof ENTRY_SCHEMAS)[R][K] extends z.ZodType<infer T> ? T : never;

export type RiskAssessmentData = z.infer<typeof riskAssessment>;
export type PlannedActionData = z.infer<typeof plannedAction>;
export type EventData = z.infer<typeof event>;
export type FollowUpData = z.infer<typeof followUp>;
export type ClosureData = z.infer<typeof closure>;
export type DeathData = z.infer<typeof death>;
export type DeathRegistrationData = z.infer<typeof deathRegistration>;
export type MeasureData = z.infer<typeof measure>;
export type InterventionData = z.infer<typeof intervention>;

export function ksiCode(k: InterventionData['ksi']): string {
  return `${k.target}.${k.actionType}.${k.method}`;
}

/** The schema of one (register, kind), or undefined when the pair does not exist. */
export function entrySchema(register: string, kind: string): z.ZodType | undefined {
  const byKind: Record<string, z.ZodType> | undefined = (
    ENTRY_SCHEMAS as Record<string, Record<string, z.ZodType>>
  )[register];
  return byKind && Object.hasOwn(byKind, kind) ? byKind[kind] : undefined;
}

export const ENTRY_KINDS: ReadonlyArray<{ register: EntryRegister; kind: string }> = Object.entries(
  ENTRY_SCHEMAS,
).flatMap(([register, kinds]) =>
  Object.keys(kinds).map((kind) => ({ register: register as EntryRegister, kind })),
);
