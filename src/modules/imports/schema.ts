import { z } from 'zod';
import { IMPORT_REGISTERS } from '../../domain/imports/columns.js';

/** Request shapes of the import routes; the file itself is the raw body. */
const registerNames = Object.keys(IMPORT_REGISTERS) as [
  keyof typeof IMPORT_REGISTERS,
  ...Array<keyof typeof IMPORT_REGISTERS>,
];

export const SOURCE_PATTERN = /^[a-z0-9._-]{1,64}$/;
/** The source system when the sender names none: re-sending a file stays idempotent. */
export const DEFAULT_SOURCE = 'import';

export const sourceSystem = z
  .string()
  .regex(SOURCE_PATTERN, 'must be 1–64 lower-case letters, digits, ".", "_" or "-" (the sending system)');

export const importQuery = z
  .object({
    register: z.enum(registerNames, { error: `must be ${registerNames.join(', ')}` }),
    dryRun: z
      .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    source: sourceSystem.default(DEFAULT_SOURCE),
    fileName: z.string().trim().min(1).max(255, 'must be at most 255 characters').optional(),
  })
  .strict();

export const jobParams = z.object({ id: z.uuid('must be an import job id (uuid)') });
