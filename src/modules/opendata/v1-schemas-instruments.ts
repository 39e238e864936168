import { z } from 'zod';
import type {
  FhirImportAnswer,
  InstrumentDetail,
  InstrumentList,
  ScoreAnswer,
} from '../../contracts/instruments.js';
import type { FormDefinition } from '../../domain/forms/definition.js';

/**
 * Response schemas of the /api/v1 instrument operations (see v1-responses.ts). Each is checked
 * against its contract at compile time. A form definition is recursive and validated by its own
 * schema (src/domain/forms/definition.ts), and a score's extra fields depend on the instrument
 * (the instruments' own tests check them): both are described here by their common fields.
 */
const text = z.object({ sv: z.string(), en: z.string() });

export const form = z
  .object({ id: z.string(), version: z.number().int(), title: text, items: z.array(z.unknown()) })
  .catchall(z.unknown()) as unknown as z.ZodType<FormDefinition>;

const summaryFields = {
  id: z.string(),
  version: z.number().int(),
  title: text,
  description: text,
  requiresSex: z.boolean(),
  sources: z.array(z.object({ citation: z.string(), url: z.string().optional() })),
  bands: z.array(z.object({ code: z.string(), label: text })),
  items: z.array(z.object({ id: z.string(), prefix: z.string().optional(), type: z.string(), text })),
};

export const instrumentList = z.object({
  instruments: z.array(z.object(summaryFields)),
}) satisfies z.ZodType<InstrumentList>;

export const instrumentDetail = z.object({
  ...summaryFields,
  thresholds: z.object({}).catchall(z.unknown()),
  form,
}) satisfies z.ZodType<InstrumentDetail>;

export const scoreAnswer = z
  .object({
    instrument: z.string(),
    version: z.number().int(),
    total: z.number().nullable(),
    band: z.string(),
    bandLabel: text,
    risk: z.boolean(),
    items: z.record(z.string(), z.number()),
    threshold: z.object({ source: z.enum(['default', 'configured']) }).catchall(z.unknown()),
    contactDentalCare: z.unknown().optional(),
    indicators: z.unknown().optional(),
    domains: z.unknown().optional(),
  })
  // Instruments add fields of their own (AUDIT's `sex`, ICF's `areas`, MNA-SF's `measure`).
  .catchall(z.unknown()) as unknown as z.ZodType<ScoreAnswer>;

export const fhirImport = z.object({
  form,
  warnings: z.array(z.object({ item: z.string().nullable(), message: z.string() })),
}) satisfies z.ZodType<FhirImportAnswer>;

/** A FHIR R4 Questionnaire (application/fhir+json); its own tests check it against FHIR. */
export const questionnaireSchema = {
  type: 'object',
  required: ['resourceType'],
  properties: { resourceType: { type: 'string', enum: ['Questionnaire'] } },
} as const;
