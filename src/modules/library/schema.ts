import { z } from 'zod';
import { EVIDENCE_LEVELS } from '../../domain/library/evidence.js';
import { TRANSITIONS, STATUSES } from '../../domain/library/workflow.js';
import {
  ENTRY_KINDS,
  KSI_CODE,
  OPERATING_AREAS,
  PROBLEMS,
  REFERENCE_KINDS,
  TARGET_GROUPS,
} from '../../domain/library/vocabulary.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { isIsoDate } from '../../domain/org/validity.js';

const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD', params: { rule: 'iso_date' } });
const indicatorId = z.string().regex(/^[A-Z][0-9]{5}$/, 'must be an indicator id such as K10006');
const period = z.string().refine((p) => parsePeriod(p) !== undefined, {
  message: 'must be a period such as 2024',
  params: { rule: 'period' },
});
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const reference = z
  .object({
    kind: z.enum(REFERENCE_KINDS),
    title: text(300),
    year: z.number().int().min(1900, 'must be 1900 or later').max(2100, 'must be 2100 or earlier'),
    url: z.url({ protocol: /^https?$/, message: 'must be an http(s) link' }),
  })
  .strict();

const example = z
  .object({
    municipalityCode: z.string().regex(/^[0-9]{4}$/, 'must be a four-digit municipality code such as "0180"'),
    indicatorId,
    before: period,
    after: period,
  })
  .strict()
  .refine((e) => e.before < e.after, {
    path: ['after'],
    message: 'must be a later period than before',
    params: { rule: 'after_before' },
  });

export const entryContent = z
  .object({
    title: text(200),
    summary: text(2000),
    body: z.string().trim().max(20000, 'must be at most 20000 characters').default(''),
    ksiCode: z
      .string()
      .regex(KSI_CODE, 'must be a KSI code such as "PHA.AE.MI" (target, action type, method)')
      .nullish(),
    instrumentId: z.string().trim().min(1).max(60).nullish(),
    targetGroups: z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length).default([]),
    operatingAreas: z.array(z.enum(OPERATING_AREAS)).max(OPERATING_AREAS.length).default([]),
    problems: z.array(z.enum(PROBLEMS)).max(PROBLEMS.length).default([]),
    evidence: z.enum(EVIDENCE_LEVELS),
    outcomeIndicators: z.array(indicatorId).max(20, 'at most 20 indicators').default([]),
    references: z.array(reference).max(30, 'at most 30 references').default([]),
    example: example.nullish(),
    reviewDue: isoDate.nullish(),
  })
  .strict()
  .transform((c) => ({
    ...c,
    ksiCode: c.ksiCode ?? null,
    instrumentId: c.instrumentId ?? null,
    example: c.example ?? null,
    reviewDue: c.reviewDue ?? null,
    targetGroups: [...new Set(c.targetGroups)],
    operatingAreas: [...new Set(c.operatingAreas)],
    problems: [...new Set(c.problems)],
    outcomeIndicators: [...new Set(c.outcomeIndicators)],
    sampleWrittenOn: null,
  }));

const changeNote = z.string().trim().max(1000, 'must be at most 1000 characters').default('');

export const createBody = z.object({ kind: z.enum(ENTRY_KINDS), content: entryContent, changeNote }).strict();
export const versionBody = z
  .object({ content: entryContent, changeNote, expectedVersion: z.number().int().min(1).optional() })
  .strict();
export const transitionBody = z
  .object({ transition: z.enum(TRANSITIONS), note: z.string().trim().max(1000).default('') })
  .strict();

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter((x) => x !== ''))
    .pipe(z.array(z.enum(values)).max(values.length));

export const searchQuery = z.object({
  q: z.string().max(200, 'must be at most 200 characters').default(''),
  area: list(OPERATING_AREAS).optional(),
  group: list(TARGET_GROUPS).optional(),
  evidence: z.enum(EVIDENCE_LEVELS).optional(),
  kind: list(ENTRY_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10000).default(0),
});

export const relatedQuery = z.object({
  ksi: z
    .string()
    .transform((s) => s.split(',').filter((x) => x !== ''))
    .pipe(z.array(z.string().regex(KSI_CODE, 'must be KSI codes such as "PHA.AE.MI"')).max(50))
    .default([]),
  problem: list(PROBLEMS).default([]),
});

export const slugParams = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be an entry slug'),
});
export const idParams = z.object({ id: z.uuid('must be an entry id (UUID)') });
export const indicatorParams = z.object({ id: indicatorId });
export const listQuery = z.object({
  status: z.enum(STATUSES).optional(),
  stale: z.enum(['true', 'false']).optional(),
});
