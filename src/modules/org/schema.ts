import { z } from 'zod';
import { OPERATING_AREAS, PROVIDER_TYPES, UNIT_TYPES } from '../../domain/org/codes.js';
import { isoDate } from '../../domain/dates/iso-date.js';

const municipalityCode = z
  .string()
  .regex(/^[0-9]{4}$/, 'must be a four-digit municipality code such as "0114"');
const regionCode = z.string().regex(/^[0-9]{2}$/, 'must be a two-digit county code such as "01"');
const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const unitVersionInput = z
  .object({
    name,
    municipalityCode,
    providerType: z.enum(PROVIDER_TYPES),
    operatingArea: z.enum(OPERATING_AREAS),
    unitType: z.enum(UNIT_TYPES),
    validFrom: isoDate,
    validTo: isoDate.nullish(),
  })
  .strict()
  .refine((v) => !v.validTo || v.validFrom < v.validTo, {
    path: ['validTo'],
    message: 'must be after validFrom',
    params: { rule: 'after_valid_from' },
  });
export type UnitVersionInput = z.infer<typeof unitVersionInput>;

export const unitChangeInput = z
  .object({
    effectiveFrom: isoDate,
    name: name.optional(),
    municipalityCode: municipalityCode.optional(),
    providerType: z.enum(PROVIDER_TYPES).optional(),
    operatingArea: z.enum(OPERATING_AREAS).optional(),
    unitType: z.enum(UNIT_TYPES).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 1, {
    path: ['effectiveFrom'],
    message: 'name at least one attribute to change',
    params: { rule: 'nothing_to_change' },
  });
export type UnitChangeInput = z.infer<typeof unitChangeInput>;

export const unitCloseInput = z.object({ validTo: isoDate }).strict();

export const asOfQuery = z.object({ asOf: isoDate.optional() });

export const municipalityQuery = asOfQuery.extend({
  region: regionCode.optional(),
  q: z.string().trim().min(1).max(100).optional(),
});

export const unitQuery = asOfQuery.extend({
  municipality: municipalityCode.optional(),
  region: regionCode.optional(),
  operatingArea: z.enum(OPERATING_AREAS).optional(),
  providerType: z.enum(PROVIDER_TYPES).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const groupQuery = z.object({
  kind: z.enum(['skr', 'similar', 'other']).optional(),
  municipality: municipalityCode.optional(),
  operatingArea: z.string().trim().min(1).max(60).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});

export const unitIdParams = z.object({ id: z.uuid('must be a unit id (UUID)') });
export const codeParams = z.object({
  code: z.string().regex(/^[0-9]{2}([0-9]{2})?$/, 'must be a county or municipality code'),
});
