import { z } from 'zod';

/** Query parameters of the Kolada-compatible API (path id lists are parsed separately). */
export const MAX_PER_PAGE = 5000;

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(MAX_PER_PAGE),
});

export const metaQuery = pageQuery.extend({
  title: z.string().trim().min(1).max(200).optional(),
});

export const municipalityQuery = metaQuery.extend({
  region_type: z.enum(['K', 'L']).optional(),
});

export const ouQuery = metaQuery.extend({
  municipality: z
    .string()
    .regex(/^[0-9]{4}(,[0-9]{4}){0,24}$/, 'comma list of at most 25 municipality codes')
    .optional(),
});

export const dataQuery = pageQuery.extend({
  from_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'a date YYYY-MM-DD or an ISO date-time')
    .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date')
    .optional(),
});

export type PageQuery = z.output<typeof pageQuery>;

/** Ids accepted in each path segment. */
export const ID_PATTERN = {
  kpi: /^[A-Z][0-9]{5}$/,
  municipality: /^([0-9]{4}|G[0-9]+)$/,
  year: /^[0-9]{4}$/,
  ou: /^[A-Z0-9]{1,20}$/,
  group: /^[A-Z0-9]{1,20}$/,
} as const;
