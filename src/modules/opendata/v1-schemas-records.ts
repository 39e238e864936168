import { z } from 'zod';
import type { ReviewPage } from '../../contracts/audit.js';
import type { Account } from '../../contracts/identity.js';
import type { ImportFormats } from '../../contracts/imports.js';
import type { ScoreAnswer } from '../../contracts/instruments.js';
import type { Entry, EntryVersions, Timeline } from '../../contracts/registers.js';
import { AUDIT_FLAGS } from '../../domain/audit/flags.js';
import { ENTRY_SCHEMAS, type EntryRegister } from '../../domain/registers/entries.js';
import { assignment } from './v1-schemas-people.js';

/**
 * Response schemas of the /api/v1 register, audit, account and import operations (see
 * v1-responses.ts). Each is checked against its contract at compile time.
 */
const registers = Object.keys(ENTRY_SCHEMAS) as [EntryRegister, ...EntryRegister[]];
// A score's shape depends on the instrument (the instruments' own tests check it): any object here.
const derived = (z.record(z.string(), z.unknown()) as unknown as z.ZodType<ScoreAnswer>).nullable();

const versionFields = {
  version: z.number().int(),
  occurredOn: z.string(),
  data: z.record(z.string(), z.unknown()),
  derived,
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
  changeReason: z.string().nullable(),
};

export const entry = z.object({
  id: z.string(),
  register: z.enum(registers),
  kind: z.string(),
  personPseudonym: z.string(),
  unitId: z.string(),
  municipalityCode: z.string(),
  firstSubmittedAt: z.string(),
  sourceSystem: z.string().nullable(),
  sourceRecordId: z.string().nullable(),
  ...versionFields,
}) satisfies z.ZodType<Entry>;

export const timeline = z.object({
  pseudonym: z.string(),
  entries: z.array(entry),
}) satisfies z.ZodType<Timeline>;
export const entryVersions = z.object({
  versions: z.array(z.object(versionFields)),
}) satisfies z.ZodType<EntryVersions>;

export const reviewPage = z.object({
  entries: z.array(
    z.object({
      seq: z.number().int(),
      occurredAt: z.string(),
      occurredAtLocal: z.string(),
      actorUserId: z.string().nullable(),
      actorUsername: z.string().nullable(),
      action: z.string(),
      outcome: z.enum(['allowed', 'denied', 'failed']),
      personPseudonym: z.string().nullable(),
      unitId: z.string().nullable(),
      municipalityCode: z.string().nullable(),
      recordType: z.string().nullable(),
      recordId: z.string().nullable(),
      purpose: z.string().nullable(),
      breakGlass: z.boolean(),
      clientAddress: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
      flags: z.array(z.enum(AUDIT_FLAGS)),
      hash: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
}) satisfies z.ZodType<ReviewPage>;

const account = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  oidcSubject: z.string().nullable(),
  assignments: z.array(assignment),
}) satisfies z.ZodType<Account>;
export const accountList = z.object({ accounts: z.array(account) });
export { account };

export const importFormats = z.object({
  registers: z.array(z.string()),
  commonColumns: z.array(z.string()),
  kinds: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  contentTypes: z.record(z.string(), z.string()),
}) satisfies z.ZodType<ImportFormats>;
