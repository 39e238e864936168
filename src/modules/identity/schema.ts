import { z } from 'zod';
import { ROLES } from '../../domain/policy/principal.js';
import { isoDate } from '../../domain/dates/iso-date.js';

export const loginInput = z
  .object({
    username: z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
    password: z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
  })
  .strict();

export const newAccountInput = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._@-]{2,64}$/, 'must be 2–64 characters of a–z, 0–9, ".", "_", "@" or "-"'),
    displayName: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    password: z.string().max(1024, 'must be at most 1024 characters').optional(),
    oidcSubject: z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters').optional(),
  })
  .strict();

export const scopeInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), unitId: z.uuid('must be a unit id (uuid)') }).strict(),
  z
    .object({
      kind: z.literal('municipality'),
      code: z.string().regex(/^[0-9]{4}$/, 'must be a four-digit municipality code such as "0114"'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('region'),
      code: z.string().regex(/^[0-9]{2}$/, 'must be a two-digit county code such as "01"'),
    })
    .strict(),
  z.object({ kind: z.literal('nation') }).strict(),
]);

export const newAssignmentInput = z
  .object({
    role: z.enum(ROLES),
    scope: scopeInput,
    validFrom: isoDate.optional(),
    validTo: isoDate.nullish(),
  })
  .strict();

export const accountParams = z.object({ id: z.uuid('must be an account id (uuid)') });
export const assignmentParams = z.object({
  id: z.uuid('must be an account id (uuid)'),
  assignmentId: z.uuid('must be a role assignment id (uuid)'),
});
