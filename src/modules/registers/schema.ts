import { z } from 'zod';
import { PSEUDONYM_PATTERN } from '../../domain/persons/pseudonym.js';
import { isoDate } from '../../domain/dates/iso-date.js';

/** Request shapes of the register routes; the entry data itself is checked per kind in the service. */
export const personParams = z.object({
  pseudonym: z.string().regex(PSEUDONYM_PATTERN, 'must be a pseudonym: 64 lower-case hex digits'),
});

export const entryParams = z.object({ id: z.uuid('must be an entry id (uuid)') });

export const timelineQuery = z
  .object({ register: z.enum(['senior_alert', 'palliative', 'followup']).optional() })
  .strict();

export const newEntryInput = z
  .object({
    register: z.enum(['senior_alert', 'palliative', 'followup']),
    kind: z.string().regex(/^[a-z_]{2,40}$/, 'must be an entry kind such as risk_assessment'),
    unitId: z.uuid('must be a unit id (uuid)'),
    occurredOn: isoDate,
    data: z.record(z.string(), z.unknown(), { error: 'must be an object with the entry data' }),
  })
  .strict();

export const correctionInput = z
  .object({
    occurredOn: isoDate.optional(),
    data: z.record(z.string(), z.unknown(), { error: 'must be an object with the corrected entry data' }),
    reason: z
      .string({ error: 'must be given: why the entry is corrected' })
      .trim()
      .min(3, 'must say why the entry is corrected')
      .max(1000, 'must be at most 1000 characters'),
  })
  .strict();
