import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import { parseInput } from '../../server/problem.js';

/** Query parameters of the Kolada-compatible API (path id lists are parsed separately). */
export const MAX_PER_PAGE = 5000;

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(MAX_PER_PAGE),
});

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'a date YYYY-MM-DD or an ISO date-time')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');

/** An id filter as the Kolada clients send it: one id or a comma list (checked per entity). */
const idFilter = z.string().min(1).max(2000);
const regionType = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.enum(['K', 'L']));

export const metaQuery = pageQuery.extend({
  id: idFilter.optional(),
  title: z.string().trim().min(1).max(200).optional(),
});

export const kpiQuery = metaQuery.extend({
  municipality_type: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.enum(['K', 'L', 'A']))
    .optional(),
  operating_area: z.string().trim().min(1).max(200).optional(),
  publ_period: z
    .string()
    .regex(/^[0-9]{4}$/, 'a year (four digits)')
    .optional(),
  from_date: date.optional(),
});

export const municipalityQuery = metaQuery.extend({
  type: regionType.optional(),
  region_type: regionType.optional(),
});

export const ouQuery = metaQuery.extend({
  municipality: z
    .string()
    .regex(/^[0-9]{4}(,[0-9]{4}){0,24}$/, 'comma list of at most 25 municipality codes')
    .optional(),
});

export const dataQuery = pageQuery.extend({
  from_date: date.optional(),
  kpi_id: idFilter.optional(),
  municipality_id: idFilter.optional(),
  year: idFilter.optional(),
});

export const ouDataQuery = pageQuery.extend({
  from_date: date.optional(),
  kpi_id: idFilter.optional(),
  ou_id: idFilter.optional(),
  year: idFilter.optional(),
});

/**
 * Parses a query with `schema`, and refuses any parameter the schema does not name with 400
 * naming it (a filter that is silently ignored gives a client wrong data without a word).
 */
export function parseKoladaQuery<S extends z.ZodObject>(schema: S, query: unknown): z.output<S> {
  const known = Object.keys(schema.shape);
  const unknown = Object.keys((query ?? {}) as Record<string, unknown>).filter((k) => !known.includes(k));
  if (unknown.length) {
    throw new ValidationError(
      unknown.map((field) => ({
        field,
        rule: 'unsupported_parameter',
        message: `not a parameter of this endpoint (supported: ${known.join(', ')})`,
      })),
      'query',
    );
  }
  return parseInput(schema, query, 'query');
}

export type PageQuery = z.output<typeof pageQuery>;

/** Ids accepted in each path segment. */
export const ID_PATTERN = {
  kpi: /^[A-Z][0-9]{5}$/,
  municipality: /^([0-9]{4}|G[0-9]+)$/,
  year: /^[0-9]{4}$/,
  ou: /^[A-Z0-9]{1,20}$/,
  group: /^[A-Z0-9]{1,20}$/,
} as const;
