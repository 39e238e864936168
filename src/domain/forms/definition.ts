import { z } from 'zod';
import { conditionSchema, type Condition } from './condition.js';
import { expressionSchema, type Expression } from './expression.js';
import { codingSchema, localizedTextSchema, type Coding, type LocalizedText } from './text.js';

/**
 * A form definition is versioned data. Versions are positive integers (1, 2, 3 …), not semver:
 * a published version never changes, any edit is a new version, and there is no notion of a
 * "compatible" change — what carries answers across versions is the explicit item mapping in
 * `previous`. Integers also map one-to-one onto FHIR Questionnaire.version ("1", "2", …).
 */
export interface FormDefinition {
  /** Stable form id, usable as a FHIR id: letters, digits, "-" and ".", at most 64. */
  id: string;
  version: number;
  status: 'draft' | 'active' | 'retired';
  title: LocalizedText;
  description?: LocalizedText;
  /** Canonical URL (FHIR Questionnaire.url). */
  url?: string;
  /** Codes for the whole form, e.g. the LOINC panel code. */
  codes?: Coding[];
  items: ItemDefinition[];
  computed?: ComputedValue[];
  constraints?: FormConstraint[];
  /** How this version's items relate to the previous version's; absent for version 1. */
  previous?: { version: number; mappings: ItemMapping[] };
}

export interface ChoiceOption {
  code: string;
  system?: string;
  text: LocalizedText;
  /** Points for scoring (FHIR ordinalValue / itemWeight). */
  score?: number;
  /** Multiple choice only: this option may not be combined with others (e.g. "none"). */
  exclusive?: boolean;
}

export interface Unit {
  /** UCUM code, e.g. "kg/m2", "cm". */
  code: string;
  display: string;
}

interface ItemBase {
  /** Unique within the form (also across groups); used as FHIR linkId and as the answers key. */
  id: string;
  text: LocalizedText;
  help?: LocalizedText;
  /** Short label printed before the text, e.g. "A" or "1.". */
  prefix?: string;
  codes?: Coding[];
  /** Shown only when this holds; hidden items must not be answered. */
  enableWhen?: Condition;
}

interface AnswerableBase extends ItemBase {
  /** true: required whenever shown; a condition: required when shown and the condition holds. */
  required?: boolean | Condition;
}

export type SingleChoiceItem = AnswerableBase & { type: 'singleChoice'; options: ChoiceOption[] };
export type MultipleChoiceItem = AnswerableBase & {
  type: 'multipleChoice';
  options: ChoiceOption[];
  minSelected?: number;
  maxSelected?: number;
};
export type NumberItem = AnswerableBase & {
  type: 'number';
  numberKind: 'integer' | 'decimal';
  unit?: Unit;
  min?: number;
  max?: number;
};
export type DateItem = AnswerableBase & { type: 'date'; min?: string; max?: string };
export type TextItem = AnswerableBase & { type: 'text'; multiline?: boolean; maxLength?: number };
export type BooleanItem = AnswerableBase & { type: 'boolean' };
export type GroupItem = ItemBase & { type: 'group'; items: ItemDefinition[] };
export type DisplayItem = ItemBase & { type: 'display' };

export type AnswerableItem =
  SingleChoiceItem | MultipleChoiceItem | NumberItem | DateItem | TextItem | BooleanItem;
export type ChoiceItem = SingleChoiceItem | MultipleChoiceItem;
export type ItemDefinition = AnswerableItem | GroupItem | DisplayItem;

export interface ComputedValue {
  id: string;
  text: LocalizedText;
  expression: Expression;
  unit?: Unit;
}

/** A rule across items: when `when` holds (or always), `assert` must hold; reported on `item`. */
export interface FormConstraint {
  id: string;
  item: string;
  when?: Condition;
  assert: Condition;
  message: LocalizedText;
}

export type ItemMapping =
  | { kind: 'renamed'; from: string; to: string }
  | { kind: 'merged'; from: string[]; to: string }
  | { kind: 'split'; from: string; to: string[] }
  | { kind: 'removed'; from: string }
  | { kind: 'added'; to: string };

export const FORM_ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;
/** FHIR linkIds are free strings; we allow the characters seen in practice ("q1", "/44250-9", "1.2"). */
export const ITEM_ID_PATTERN = /^[A-Za-z0-9_./-]{1,255}$/;
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype']);

const itemId = z
  .string()
  .regex(ITEM_ID_PATTERN, { message: 'must be 1–255 letters, digits, "_", ".", "/" or "-"' })
  .refine((s) => !RESERVED_IDS.has(s), { message: 'is a reserved name' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD' });

const unitSchema = z.strictObject({ code: z.string().min(1), display: z.string().min(1) });
const optionSchema = z.strictObject({
  code: z.string().regex(/^\S(.*\S)?$/, { message: 'must be a code without surrounding spaces' }),
  system: z.string().min(1).optional(),
  text: localizedTextSchema,
  score: z.number().optional(),
  exclusive: z.boolean().optional(),
});

const base = {
  id: itemId,
  text: localizedTextSchema,
  help: localizedTextSchema.optional(),
  prefix: z.string().min(1).optional(),
  codes: z.array(codingSchema).optional(),
  enableWhen: conditionSchema.optional(),
};
const answerable = { ...base, required: z.union([z.boolean(), conditionSchema]).optional() };
const count = z.number().int().min(0);

export const itemSchema: z.ZodType<ItemDefinition> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ ...answerable, type: z.literal('singleChoice'), options: z.array(optionSchema) }),
    z.strictObject({
      ...answerable,
      type: z.literal('multipleChoice'),
      options: z.array(optionSchema),
      minSelected: count.optional(),
      maxSelected: count.optional(),
    }),
    z.strictObject({
      ...answerable,
      type: z.literal('number'),
      numberKind: z.enum(['integer', 'decimal']),
      unit: unitSchema.optional(),
      min: z.number().optional(),
      max: z.number().optional(),
    }),
    z.strictObject({
      ...answerable,
      type: z.literal('date'),
      min: isoDate.optional(),
      max: isoDate.optional(),
    }),
    z.strictObject({
      ...answerable,
      type: z.literal('text'),
      multiline: z.boolean().optional(),
      maxLength: z.number().int().min(1).optional(),
    }),
    z.strictObject({ ...answerable, type: z.literal('boolean') }),
    z.strictObject({ ...base, type: z.literal('group'), items: z.array(itemSchema) }),
    z.strictObject({ ...base, type: z.literal('display') }),
  ]),
);

const mappingSchema: z.ZodType<ItemMapping> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('renamed'), from: itemId, to: itemId }),
  z.strictObject({ kind: z.literal('merged'), from: z.array(itemId).min(2), to: itemId }),
  z.strictObject({ kind: z.literal('split'), from: itemId, to: z.array(itemId).min(2) }),
  z.strictObject({ kind: z.literal('removed'), from: itemId }),
  z.strictObject({ kind: z.literal('added'), to: itemId }),
]);

export const formDefinitionSchema: z.ZodType<FormDefinition> = z.strictObject({
  id: z.string().regex(FORM_ID_PATTERN, { message: 'must be 1–64 letters, digits, "-" or "."' }),
  version: z.number().int().min(1),
  status: z.enum(['draft', 'active', 'retired']),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  url: z.string().min(1).optional(),
  codes: z.array(codingSchema).optional(),
  items: z.array(itemSchema),
  computed: z
    .array(
      z.strictObject({
        id: itemId,
        text: localizedTextSchema,
        expression: expressionSchema,
        unit: unitSchema.optional(),
      }),
    )
    .optional(),
  constraints: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'must be snake_case' }),
        item: itemId,
        when: conditionSchema.optional(),
        assert: conditionSchema,
        message: localizedTextSchema,
      }),
    )
    .optional(),
  previous: z.strictObject({ version: z.number().int().min(1), mappings: z.array(mappingSchema) }).optional(),
});

export function isAnswerable(item: ItemDefinition): item is AnswerableItem {
  return item.type !== 'group' && item.type !== 'display';
}

export function isChoice(item: ItemDefinition): item is ChoiceItem {
  return item.type === 'singleChoice' || item.type === 'multipleChoice';
}
