import { z } from 'zod';
import { DEFAULT_SOURCE, sourceSystem } from '../../contracts/imports.js';
import { IMPORT_REGISTERS } from '../../domain/imports/columns.js';

/** Request shapes of the import routes; the file itself is the raw body. */
const registerNames = Object.keys(IMPORT_REGISTERS) as [
  keyof typeof IMPORT_REGISTERS,
  ...Array<keyof typeof IMPORT_REGISTERS>,
];

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
