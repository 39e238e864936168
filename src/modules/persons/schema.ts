import { z } from 'zod';
import { PSEUDONYM_PATTERN } from '../../domain/persons/pseudonym.js';
import { isoDate } from '../../domain/dates/iso-date.js';

/**
 * Request shapes of /api/v1/persons. The personnummer is checked in the service (its century
 * depends on today's date); here it only has to be a short string.
 */
const personnummer = z
  .string({ error: 'must be a personnummer or samordningsnummer as a string, e.g. "19640823-3234"' })
  .max(20, 'must be at most 20 characters');

const pseudonym = z.string().regex(PSEUDONYM_PATTERN, 'must be a pseudonym: 64 lower-case hex digits');

export const newPersonInput = z
  .object({
    personnummer,
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    unitId: z.uuid('must be a unit id (uuid)'),
    servedFrom: isoDate,
  })
  .strict();

export const lookupInput = z.object({ personnummer }).strict();

export const pseudonymParams = z.object({ pseudonym });

export const listQuery = z
  .object({
    limit: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 500')
      .max(500, 'must be between 1 and 500')
      .default(100),
    offset: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .default(0),
  })
  .strict();

export const breakGlassInput = z
  .object({
    personnummer: personnummer.optional(),
    pseudonym: pseudonym.optional(),
    reason: z
      .string({ error: 'must be given: why you need to open this person' })
      .trim()
      .min(10, 'must be at least 10 characters: say why you need to open this person')
      .max(1000, 'must be at most 1000 characters'),
  })
  .strict()
  .refine((v) => (v.personnummer === undefined) !== (v.pseudonym === undefined), {
    path: ['personnummer'],
    message: 'give either personnummer or pseudonym (exactly one)',
    params: { rule: 'one_of' },
  });

export const serviceParams = z.object({
  pseudonym,
  serviceId: z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be the id of a service period (a whole number)'),
});

export const endServiceInput = z.object({ servedTo: isoDate }).strict();

export const sexOverrideInput = z
  .object({
    sex: z.enum(['K', 'M'], { error: 'must be "K" or "M"' }),
    reason: z
      .string({ error: 'must be given: why the sex used in statistics differs from the legal sex' })
      .trim()
      .min(1, 'must not be empty')
      .max(500, 'must be at most 500 characters'),
  })
  .strict();
