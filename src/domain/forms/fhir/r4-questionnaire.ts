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
import type { Questionnaire, QuestionnaireItemType } from './types.js';

/**
 * Structural validation of a FHIR R4 Questionnaire (hl7.org/fhir/R4/questionnaire.html):
 * element names and cardinalities, value sets of status / item.type / enableWhen.operator /
 * enableBehavior, the single answer[x] of enableWhen and value[x] of answerOption, and the
 * invariants que-1 … que-13 that can be checked without terminology services.
 */
const ITEM_TYPES = [
  'group',
  'display',
  'boolean',
  'decimal',
  'integer',
  'date',
  'dateTime',
  'time',
  'string',
  'text',
  'url',
  'choice',
  'open-choice',
  'attachment',
  'reference',
  'quantity',
] as const satisfies readonly QuestionnaireItemType[];
const MAX_LENGTH_TYPES = new Set(['boolean', 'decimal', 'integer', 'string', 'text', 'url', 'open-choice']);

const enableWhenSchema = z
  .strictObject({
    ...elementBase(true),
    question: fhirString,
    operator: z.enum(['exists', '=', '!=', '>', '<', '>=', '<=']),
    answerBoolean: fhirBoolean.optional(),
    answerDecimal: fhirDecimal.optional(),
    answerInteger: fhirInteger.optional(),
    answerDate: fhirDate.optional(),
    answerDateTime: fhirDateTime.optional(),
    answerTime: fhirTime.optional(),
    answerString: fhirString.optional(),
    answerCoding: codingSchema.optional(),
    answerQuantity: opaque.optional(),
    answerReference: opaque.optional(),
  })
  .superRefine((ew, ctx) => {
    exactlyOne(ew, 'answer', ctx);
    if (ew.operator === 'exists' && ew.answerBoolean === undefined)
      ctx.addIssue({
        code: 'custom',
        message: "que-7: with operator 'exists' the answer must be answerBoolean",
      });
  });

const answerOptionSchema = z
  .strictObject({
    ...elementBase(true),
    valueInteger: fhirInteger.optional(),
    valueDate: fhirDate.optional(),
    valueTime: fhirTime.optional(),
    valueString: fhirString.optional(),
    valueCoding: codingSchema.optional(),
    valueReference: opaque.optional(),
    initialSelected: fhirBoolean.optional(),
  })
  .superRefine((o, ctx) => exactlyOne(o, 'value', ctx));

const initialSchema = z
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
  })
  .superRefine((o, ctx) => exactlyOne(o, 'value', ctx));

interface ItemShape {
  type: string;
  code?: unknown[];
  enableWhen?: unknown[];
  enableBehavior?: string;
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  answerValueSet?: string;
  answerOption?: unknown[];
  initial?: unknown[];
  item?: ItemShape[];
  linkId: string;
}

const itemSchema: z.ZodType<ItemShape> = z.lazy(() =>
  z
    .strictObject({
      ...elementBase(true),
      linkId: fhirString,
      definition: fhirUri.optional(),
      code: z.array(codingSchema).min(1).optional(),
      prefix: fhirString.optional(),
      text: fhirString.optional(),
      type: z.enum(ITEM_TYPES),
      enableWhen: z.array(enableWhenSchema).min(1).optional(),
      enableBehavior: z.enum(['all', 'any']).optional(),
      required: fhirBoolean.optional(),
      repeats: fhirBoolean.optional(),
      readOnly: fhirBoolean.optional(),
      maxLength: fhirInteger.optional(),
      answerValueSet: fhirUri.optional(),
      answerOption: z.array(answerOptionSchema).min(1).optional(),
      initial: z.array(initialSchema).min(1).optional(),
      item: z.array(itemSchema).min(1).optional(),
      ...primitiveSiblings(['text', 'prefix', 'linkId']),
    })
    .superRefine((item, ctx) => {
      const fail = (message: string): void =>
        ctx.addIssue({ code: 'custom', message: `item "${item.linkId}": ${message}` });
      const t = item.type;
      if (t === 'group' && !item.item?.length) fail('que-1: a group must have nested items');
      if (t === 'display' && item.item?.length) fail('que-1: a display item cannot have nested items');
      if (t === 'display' && item.code) fail('que-3: a display item cannot have a code');
      if (item.answerOption && item.answerValueSet)
        fail('que-4: answerOption and answerValueSet cannot both be present');
      if ((item.answerOption || item.answerValueSet) && t !== 'choice' && t !== 'open-choice')
        fail('que-5: only choice and open-choice items can have answerOption or answerValueSet');
      if (t === 'display' && (item.required !== undefined || item.repeats !== undefined))
        fail('que-6: required and repeats are not permitted on display items');
      if ((t === 'group' || t === 'display') && item.initial)
        fail('que-8: groups and display items cannot have initial values');
      if (t === 'display' && item.readOnly !== undefined)
        fail('que-9: readOnly is not permitted on display items');
      if (item.maxLength !== undefined && !MAX_LENGTH_TYPES.has(t))
        fail(`que-10: maxLength is not permitted on ${t} items`);
      if (item.answerOption && item.initial)
        fail('que-11: initial must be absent when answerOption is present');
      if ((item.enableWhen?.length ?? 0) > 1 && !item.enableBehavior)
        fail('que-12: enableBehavior is required when there is more than one enableWhen');
      if ((item.initial?.length ?? 0) > 1 && !item.repeats)
        fail('que-13: only repeating items can have several initial values');
    }),
);

export const questionnaireSchema = z
  .strictObject({
    resourceType: z.literal('Questionnaire'),
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
    url: fhirUri.optional(),
    identifier: z.array(opaque).min(1).optional(),
    version: fhirString.optional(),
    name: fhirString.optional(),
    title: fhirString.optional(),
    derivedFrom: z.array(fhirUri).min(1).optional(),
    status: z.enum(['draft', 'active', 'retired', 'unknown']),
    experimental: fhirBoolean.optional(),
    subjectType: z.array(fhirCode).min(1).optional(),
    date: fhirDateTime.optional(),
    publisher: fhirString.optional(),
    contact: z.array(opaque).min(1).optional(),
    description: fhirString.optional(),
    useContext: z.array(opaque).min(1).optional(),
    jurisdiction: z.array(opaque).min(1).optional(),
    purpose: fhirString.optional(),
    copyright: fhirString.optional(),
    approvalDate: fhirDate.optional(),
    lastReviewDate: fhirDate.optional(),
    effectivePeriod: opaque.optional(),
    code: z.array(codingSchema).min(1).optional(),
    item: z.array(itemSchema).min(1).optional(),
    ...primitiveSiblings([
      'title',
      'description',
      'name',
      'publisher',
      'purpose',
      'copyright',
      'status',
      'version',
    ]),
  })
  .superRefine((q, ctx) => {
    const seen = new Set<string>();
    const walk = (items: ItemShape[] | undefined): void => {
      for (const item of items ?? []) {
        if (seen.has(item.linkId))
          ctx.addIssue({ code: 'custom', message: `que-2: linkId "${item.linkId}" is not unique` });
        seen.add(item.linkId);
        walk(item.item);
      }
    };
    walk(q.item);
  });

export function validateQuestionnaire(json: unknown): FhirValidation<Questionnaire> {
  const result = questionnaireSchema.safeParse(json);
  return result.success
    ? { ok: true, value: json as Questionnaire }
    : { ok: false, issues: toFhirIssues(result.error) };
}
