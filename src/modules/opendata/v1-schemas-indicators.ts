import { z } from 'zod';
import type { AnalyticsAnswer, IndicatorList, ReleaseMade } from '../../contracts/indicators.js';
import { indicatorDefinitionSchema } from '../../domain/indicators/definition.js';

/**
 * Response schemas of the /api/v1 indicator, analytics and release operations (see
 * v1-responses.ts). Each is checked against its contract at compile time.
 */
const num = z.number().nullable();

const releasedCell = z.object({
  status: z.enum(['ok', 'suppressed', 'low_coverage']),
  numerator: num,
  denominator: num,
  rate: num,
});

const analyticsRow = z.object({
  indicator: z.string(),
  version: z.number().int(),
  period: z.string(),
  level: z.string(),
  code: z.string(),
  name: z.string().nullable(),
  sex: z.string(),
  numerator: num,
  denominator: num,
  rate: num,
  ciLower: num,
  ciUpper: num,
  coverage: num,
  status: z.string(),
  computedAt: z.string(),
  unsuppressed: z
    .object({
      numerator: z.number(),
      denominator: z.number(),
      rate: num,
      ciLower: num,
      ciUpper: num,
    })
    .optional(),
  // anyOf with a null member: OpenAPI 3.0 allows `nullable` only beside `type`.
  released: z.union([releasedCell, z.object({ status: z.literal('absent') }), z.null()]),
});

export const analytics = z.object({
  dimensions: z.object({
    dx: z.array(z.string()),
    ou: z.array(z.string()),
    pe: z.array(z.string()).nullable(),
    sex: z.array(z.string()),
  }),
  live: z.literal(true),
  public_release: z.object({ version: z.string(), made_at: z.string() }).nullable(),
  rows: z.array(analyticsRow),
  truncated: z.boolean(),
}) satisfies z.ZodType<AnalyticsAnswer>;

export const indicatorList = z.object({
  indicators: z.array(indicatorDefinitionSchema),
}) satisfies z.ZodType<IndicatorList>;

export const releaseMade = z.object({
  version: z.string(),
  made_at: z.string(),
  tables: z.number().int(),
  cells: z.number().int(),
  suppressed: z.number().int(),
}) satisfies z.ZodType<ReleaseMade>;
