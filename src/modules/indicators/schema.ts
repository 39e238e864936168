import { z } from 'zod';
import { INDICATOR_ID } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';

/** DHIS2-style dimensions, semicolon-separated: dx (indicators), ou (org units), pe (periods). */
const list = <T extends string>(name: string, item: z.ZodType<T, string>, max: number) =>
  z
    .string()
    .transform((s) =>
      s
        .split(';')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(item)
        .min(1, `${name} needs at least one value`)
        .max(max, `${name} takes at most ${max} values`),
    );

const orgItem = z
  .string()
  .regex(
    /^(0000|[0-9]{2}|[0-9]{4}|[0-9a-f-]{36}|LEVEL-(region|municipality|unit))$/,
    'must be 0000 (nation), a county code, a municipality code, a unit id or LEVEL-region|municipality|unit',
  );

export const analyticsQuery = z.object({
  dx: list('dx', z.string().regex(INDICATOR_ID, 'must be an indicator id such as K10001'), 50),
  ou: list('ou', orgItem, 400).default(['0000']),
  pe: list(
    'pe',
    z.string().refine((p) => parsePeriod(p) !== undefined, 'must be a period: 2024, 2024-Q1 or 2024-03'),
    60,
  ).optional(),
  sex: list('sex', z.enum(['T', 'K', 'M']), 3).default(['T']),
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000),
});
