import type { Condition, LeafCondition } from '../condition.js';
import type { ChoiceOption, FormDefinition, ItemDefinition } from '../definition.js';
import { indexForm } from '../form-index.js';
import {
  EXT,
  FORM_URL_BASE,
  ITEM_CONTROL_SYSTEM,
  OWN_EXT,
  UCUM,
  englishTranslation,
  jsonExtension,
} from './extensions.js';
import type {
  AnswerOption,
  Coding,
  EnableWhen,
  EnableWhenOperator,
  Extension,
  Questionnaire,
  QuestionnaireItem,
} from './types.js';

/**
 * Form definition → FHIR R4 Questionnaire. Swedish is the base language (Questionnaire.language
 * "sv"); English travels as the standard translation extension on each text. Items map as:
 * singleChoice → choice, multipleChoice → choice + repeats, number → integer | decimal with the
 * questionnaire-unit, minValue and maxValue extensions, date → date, text → string | text,
 * boolean → boolean, group → group, display → display, help → a nested display item with
 * itemControl "help". Option scores travel as ordinalValue.
 */
export function formCanonicalUrl(form: FormDefinition): string {
  return form.url ?? `${FORM_URL_BASE}${form.id}`;
}

export function toQuestionnaire(form: FormDefinition): Questionnaire {
  const index = indexForm(form);
  const extension: Extension[] = [];
  if (form.computed?.length) extension.push(jsonExtension(OWN_EXT.computed, form.computed));
  if (form.constraints?.length) extension.push(jsonExtension(OWN_EXT.constraints, form.constraints));
  if (form.previous) extension.push(jsonExtension(OWN_EXT.previous, form.previous));

  const q: Questionnaire = {
    resourceType: 'Questionnaire',
    id: form.id,
    language: 'sv',
    ...(extension.length ? { extension } : {}),
    url: formCanonicalUrl(form),
    version: String(form.version),
    name: computerName(form.id),
    title: form.title.sv,
    ...optional('_title', englishTranslation(form.title)),
    status: form.status,
    ...(form.description
      ? {
          description: form.description.sv,
          ...optional('_description', englishTranslation(form.description)),
        }
      : {}),
    ...(form.codes?.length ? { code: form.codes.map(toCoding) } : {}),
  };
  if (form.items.length) q.item = form.items.map((item) => toItem(item, (id) => index.byId.get(id)?.item));
  return q;
}

type Resolve = (id: string) => ItemDefinition | undefined;

function toItem(item: ItemDefinition, resolve: Resolve): QuestionnaireItem {
  const extension: Extension[] = [];
  const out: QuestionnaireItem = { linkId: item.id, type: 'display' };
  if (item.codes?.length) out.code = item.codes.map(toCoding);
  if (item.prefix) out.prefix = item.prefix;
  out.text = item.text.sv;
  const translation = englishTranslation(item.text);
  if (translation) out._text = translation;

  if (item.enableWhen) {
    const flat = flatEnableWhen(item.enableWhen, resolve);
    if (flat) {
      out.enableWhen = flat.list;
      if (flat.list.length > 1) out.enableBehavior = flat.behavior;
    } else extension.push(jsonExtension(OWN_EXT.enableWhen, item.enableWhen));
  }

  switch (item.type) {
    case 'group':
      out.type = 'group';
      break;
    case 'display':
      break;
    case 'singleChoice':
    case 'multipleChoice':
      out.type = 'choice';
      if (item.type === 'multipleChoice') {
        out.repeats = true;
        if (item.minSelected !== undefined)
          extension.push({ url: EXT.minOccurs, valueInteger: item.minSelected });
        if (item.maxSelected !== undefined)
          extension.push({ url: EXT.maxOccurs, valueInteger: item.maxSelected });
      }
      out.answerOption = item.options.map(toAnswerOption);
      break;
    case 'number': {
      out.type = item.numberKind;
      const key = item.numberKind === 'integer' ? 'valueInteger' : 'valueDecimal';
      if (item.unit)
        extension.push({
          url: EXT.unit,
          valueCoding: { system: UCUM, code: item.unit.code, display: item.unit.display },
        });
      if (item.min !== undefined) extension.push({ url: EXT.minValue, [key]: item.min });
      if (item.max !== undefined) extension.push({ url: EXT.maxValue, [key]: item.max });
      break;
    }
    case 'date':
      out.type = 'date';
      if (item.min !== undefined) extension.push({ url: EXT.minValue, valueDate: item.min });
      if (item.max !== undefined) extension.push({ url: EXT.maxValue, valueDate: item.max });
      break;
    case 'text':
      out.type = item.multiline ? 'text' : 'string';
      if (item.maxLength !== undefined) out.maxLength = item.maxLength;
      break;
    case 'boolean':
      out.type = 'boolean';
      break;
  }
  if (item.type !== 'group' && item.type !== 'display') {
    if (item.required === true) out.required = true;
    else if (typeof item.required === 'object')
      extension.push(jsonExtension(OWN_EXT.requiredWhen, item.required));
  }
  if (extension.length) out.extension = extension;

  const children: QuestionnaireItem[] = [];
  if (item.help) {
    children.push({
      linkId: `${item.id}.help`,
      extension: [
        {
          url: EXT.itemControl,
          valueCodeableConcept: { coding: [{ system: ITEM_CONTROL_SYSTEM, code: 'help' }] },
        },
      ],
      text: item.help.sv,
      ...optional('_text', englishTranslation(item.help)),
      type: 'display',
    });
  }
  if (item.type === 'group') children.push(...item.items.map((child) => toItem(child, resolve)));
  if (children.length) out.item = children;
  return out;
}

function toAnswerOption(option: ChoiceOption): AnswerOption {
  const extension: Extension[] = [];
  if (option.score !== undefined) extension.push({ url: EXT.ordinalValue, valueDecimal: option.score });
  if (option.exclusive) extension.push({ url: EXT.optionExclusive, valueBoolean: true });
  const coding: Coding = {
    ...(option.system ? { system: option.system } : {}),
    code: option.code,
    display: option.text.sv,
  };
  const translation = englishTranslation(option.text);
  if (translation) coding._display = translation;
  return { ...(extension.length ? { extension } : {}), valueCoding: coding };
}

function toCoding(c: { system?: string; code: string; display?: string }): Coding {
  return {
    ...(c.system ? { system: c.system } : {}),
    code: c.code,
    ...(c.display ? { display: c.display } : {}),
  };
}

const OPERATORS: Record<Exclude<LeafCondition['op'], 'in'>, EnableWhenOperator> = {
  exists: 'exists',
  equals: '=',
  notEquals: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
};

/** A condition as a flat enableWhen list with one behaviour, or null when FHIR cannot say it. */
function flatEnableWhen(
  condition: Condition,
  resolve: Resolve,
): { list: EnableWhen[]; behavior: 'all' | 'any' } | null {
  const group: { leaves: Condition[]; behavior: 'all' | 'any' } =
    'all' in condition
      ? { leaves: condition.all, behavior: 'all' }
      : 'any' in condition
        ? { leaves: condition.any, behavior: 'any' }
        : { leaves: [condition], behavior: 'any' };
  const list: EnableWhen[] = [];
  for (const leaf of group.leaves) {
    if ('all' in leaf || 'any' in leaf) return null;
    if (leaf.op === 'in') {
      if (group.behavior === 'all' && leaf.values.length > 1 && group.leaves.length > 1) return null;
      for (const value of leaf.values) list.push(enableWhen(leaf.item, '=', value, resolve));
      if (group.leaves.length === 1) return { list, behavior: 'any' };
    } else list.push(enableWhen(leaf.item, OPERATORS[leaf.op], leaf.value, resolve));
  }
  return { list, behavior: group.behavior };
}

function enableWhen(
  question: string,
  operator: EnableWhenOperator,
  value: string | number | boolean,
  resolve: Resolve,
): EnableWhen {
  const target = resolve(question);
  const out: EnableWhen = { question, operator };
  if (operator === 'exists' || typeof value === 'boolean') out.answerBoolean = value as boolean;
  else if (target && (target.type === 'singleChoice' || target.type === 'multipleChoice')) {
    const system = target.options.find((o) => o.code === value)?.system;
    out.answerCoding = { ...(system ? { system } : {}), code: String(value) };
  } else if (target?.type === 'number') {
    if (target.numberKind === 'integer' && Number.isInteger(value)) out.answerInteger = value as number;
    else out.answerDecimal = value as number;
  } else if (target?.type === 'date') out.answerDate = String(value);
  else out.answerString = String(value);
  return out;
}

/** A name usable as an identifier (FHIR que-0): "modified-norton" → "ModifiedNorton". */
function computerName(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
  return /^[A-Z]/.test(name) ? name : `Form${name}`;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
