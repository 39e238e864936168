import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../domain/audit/entry.js';
import { swedishDayEnd, swedishDayStart } from '../../domain/audit/swedish-time.js';

/** Query parameters of GET /api/v1/audit and /api/v1/audit/export.csv. */

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_PAGE_SIZE = 500;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (a Swedish calendar day) or an instant with its offset; `edge` picks the day's start or end. */
function dateBound(edge: 'start' | 'end') {
  return z
    .string()
    .trim()
    .refine((s) => {
      if (ISO_DATE.test(s)) {
        try {
          swedishDayStart(s);
          return true;
        } catch {
          return false;
        }
      }
      return ISO_DATE_TIME.test(s) && !Number.isNaN(Date.parse(s));
    }, 'must be a date (YYYY-MM-DD, a Swedish calendar day) or a date-time with offset (2026-03-01T08:00:00Z)')
    .transform((s) => {
      if (!ISO_DATE.test(s)) return new Date(s);
      // A "to" date includes the whole day: the bound is the start of the next one (exclusive).
      if (edge === 'start') return swedishDayStart(s);
      // The day after 9999-12-31 has no four-digit year: its Swedish start is 9999-12-31T23:00Z (CET).
      return s === '9999-12-31' ? new Date(Date.UTC(9999, 11, 31, 23)) : swedishDayEnd(s);
    });
}

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((s) => s === 'true' || s === '1' || s === 'yes');

const seqCursor = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'must be the nextCursor of a previous page')
  .transform(Number);

const filterFields = z.object({
  user: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._@-]{2,64}$|^[0-9a-fA-F-]{36}$/, 'must be an account id (uuid) or a username')
    .optional(),
  person: z.string().trim().min(1).max(200, 'must be a pseudonym of at most 200 characters').optional(),
  unit: z.string().trim().regex(UUID_PATTERN, 'must be a unit id (uuid)').optional(),
  from: dateBound('start').optional(),
  to: dateBound('end').optional(),
  action: z.enum(AUDIT_ACTIONS, { message: `must be one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
  flagged: flag.optional(),
});

function fromBeforeTo(q: { from?: Date | undefined; to?: Date | undefined }): boolean {
  return !q.from || !q.to || q.from < q.to;
}
const FROM_BEFORE_TO = { path: ['to'], message: 'must be after from', params: { rule: 'before_from' } };

export const auditFilterQuery = filterFields.refine(fromBeforeTo, FROM_BEFORE_TO);
export type AuditFilterQuery = z.output<typeof auditFilterQuery>;

export const auditPageQuery = filterFields
  .extend({
    limit: z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
      .default(100),
    cursor: seqCursor.optional(),
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);
export type AuditPageQuery = z.output<typeof auditPageQuery>;
