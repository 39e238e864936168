import { z } from 'zod';
import type { BackupMade, InstallationMeta, LogoutEverywhere } from '../../contracts/identity.js';
import type { GroupList } from '../../contracts/org.js';
import type { EndServiceResult, PersonSex } from '../../contracts/persons.js';
import { group, servicePeriod } from './v1-schemas-people.js';

/**
 * Response schemas of the smaller /api/v1 operations: installation meta, logout, org groups and
 * the person changes (see v1-responses.ts). Each is checked against its contract at compile time.
 */
const sex = z.enum(['K', 'M']);

export const meta = z.object({
  database: z.enum(['pglite', 'postgres']),
  demo: z.boolean(),
  hasSyntheticData: z.boolean(),
}) satisfies z.ZodType<InstallationMeta>;

export const logoutEverywhere = z.object({ ended: z.number().int() }) satisfies z.ZodType<LogoutEverywhere>;

export const groupList = z.object({ groups: z.array(group) }) satisfies z.ZodType<GroupList>;

export const personSex = z.object({
  pseudonym: z.string(),
  legalSex: sex,
  sex,
  sexOverride: z.object({ sex, reason: z.string() }).nullable(),
  changed: z.boolean(),
}) satisfies z.ZodType<PersonSex>;

export const endService = z.object({
  service: servicePeriod,
  changed: z.boolean(),
}) satisfies z.ZodType<EndServiceResult>;

export const backupMade = z.object({
  file: z.string(),
  bytes: z.number().int(),
  madeAt: z.string(),
}) satisfies z.ZodType<BackupMade>;
