import { z } from 'zod';
import { isIsoDate } from '../../domain/org/validity.js';

const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD', params: { rule: 'iso_date' } });
const uuid = z.uuid({ message: 'must be a uuid' });

export const roundParams = z.object({ id: uuid });
export const unitParams = z.object({ unitId: uuid });

export const createRoundBody = z.strictObject({
  templateId: z.string().min(1).max(64),
  templateVersion: z.number().int().min(1),
  period: z.string().regex(/^\d{4}$/, 'must be a year such as 2026'),
  opensOn: isoDate,
  closesOn: isoDate,
  unitIds: z.array(uuid).min(1, 'name at least one unit').max(500),
});

export const issueCodesBody = z.strictObject({
  unitId: uuid,
  count: z.number().int().min(1).max(5000, 'must be at most 5000 per batch'),
  format: z.enum(['json', 'csv', 'pdf']).default('json'),
});

const answers = z.record(z.string(), z.unknown());

export const answerBody = z.strictObject({
  code: z.string().min(1, 'must not be empty').max(64),
  answers,
});

export const paperBody = z.strictObject({ unitId: uuid, code: z.string().min(1).max(64), answers });
