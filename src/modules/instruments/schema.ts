import { z } from 'zod';
import { jsonDepthExceeds } from '../../domain/json-depth.js';

export const instrumentParams = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be an instrument id such as "audit"'),
});

/** Answers stay as sent (no copying): the domain validates every item itself. */
const answers = z.custom<Record<string, unknown>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  { message: 'must be an object of answers keyed by item id' },
);

export const scoreInput = z
  .object({
    answers,
    sex: z.enum(['K', 'M'], { message: 'must be "K" (woman) or "M" (man)' }).optional(),
  })
  .strict();
export type ScoreInputBody = z.infer<typeof scoreInput>;

/** A FHIR resource arrives as any JSON object; its structure is checked by the FHIR import. */
/** JSON levels a FHIR resource may nest (a Questionnaire item level is two: the item and its array). */
export const MAX_FHIR_DEPTH = 100;

export const fhirResource = z
  .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
    message: 'must be a FHIR Questionnaire (a JSON object)',
  })
  .refine((v) => !jsonDepthExceeds(v, MAX_FHIR_DEPTH), {
    message: `must not nest deeper than ${MAX_FHIR_DEPTH} levels`,
  });
