import { z } from 'zod';
import {
  codingSchema,
  elementBase,
  exactlyOne,
  fhirBoolean,
  fhirCode,
  fhirDate,
  fhirDateTime,
  fhirDecimal,
  fhirId,
  fhirInteger,
  fhirString,
  fhirTime,
  fhirUri,
  opaque,
  primitiveSiblings,
  toFhirIssues,
  type FhirValidation,
} from './r4-primitives.js';
import type { QuestionnaireResponse } from './types.js';

/** Structural validation of a FHIR R4 QuestionnaireResponse (hl7.org/fhir/R4/questionnaireresponse.html). */
interface ResponseItemShape {
  linkId: string;
  answer?: { item?: ResponseItemShape[] }[];
  item?: ResponseItemShape[];
}

const responseItemSchema: z.ZodType<ResponseItemShape> = z.lazy(() =>
  z
    .strictObject({
      ...elementBase(true),
      linkId: fhirString,
      definition: fhirUri.optional(),
      text: fhirString.optional(),
      answer: z
        .array(
          z
            .strictObject({
              ...elementBase(true),
              valueBoolean: fhirBoolean.optional(),
              valueDecimal: fhirDecimal.optional(),
              valueInteger: fhirInteger.optional(),
              valueDate: fhirDate.optional(),
              valueDateTime: fhirDateTime.optional(),
              valueTime: fhirTime.optional(),
              valueString: fhirString.optional(),
              valueUri: fhirUri.optional(),
              valueAttachment: opaque.optional(),
              valueCoding: codingSchema.optional(),
              valueQuantity: opaque.optional(),
              valueReference: opaque.optional(),
              item: z.array(responseItemSchema).min(1).optional(),
            })
            .superRefine((a, ctx) => exactlyOne(a, 'value', ctx, false)),
        )
        .min(1)
        .optional(),
      item: z.array(responseItemSchema).min(1).optional(),
      ...primitiveSiblings(['text', 'linkId']),
    })
    .superRefine((item, ctx) => {
      if (item.answer && item.item)
        ctx.addIssue({
          code: 'custom',
          message: `item "${item.linkId}": qrs-1: nested items cannot sit beneath both item and answer`,
        });
    }),
);

export const questionnaireResponseSchema = z.strictObject({
  resourceType: z.literal('QuestionnaireResponse'),
  ...elementBase(true),
  id: fhirId.optional(),
  meta: opaque.optional(),
  implicitRules: fhirUri.optional(),
  language: fhirCode.optional(),
  text: opaque.optional(),
  contained: z
    .array(z.object({ resourceType: fhirString }).catchall(z.unknown()))
    .min(1)
    .optional(),
  identifier: opaque.optional(),
  basedOn: z.array(opaque).min(1).optional(),
  partOf: z.array(opaque).min(1).optional(),
  questionnaire: fhirUri.optional(),
  status: z.enum(['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped']),
  subject: opaque.optional(),
  encounter: opaque.optional(),
  authored: fhirDateTime.optional(),
  author: opaque.optional(),
  source: opaque.optional(),
  item: z.array(responseItemSchema).min(1).optional(),
});

export function validateQuestionnaireResponse(json: unknown): FhirValidation<QuestionnaireResponse> {
  const result = questionnaireResponseSchema.safeParse(json);
  return result.success
    ? { ok: true, value: json as QuestionnaireResponse }
    : { ok: false, issues: toFhirIssues(result.error) };
}
