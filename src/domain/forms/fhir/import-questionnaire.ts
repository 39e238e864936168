import type { FormDefinition, ItemDefinition, Unit } from '../definition.js';
import { FORM_ID_PATTERN } from '../definition.js';
import { parseFormDefinition } from '../parse.js';
import type { Coding as FormCoding } from '../text.js';
import { EXT, FORM_URL_BASE, ITEM_CONTROL_SYSTEM, OWN_EXT, findExtension } from './extensions.js';
import { readEnableWhen, readRequired } from './import-conditions.js';
import { ImportContext, type ImportIssue, type ImportOptions, type ImportWarning } from './import-context.js';
import { readOptions } from './import-options.js';
import { validateQuestionnaire } from './r4-questionnaire.js';
import type { Coding, QuestionnaireItem } from './types.js';

export type { ImportIssue, ImportOptions, ImportWarning } from './import-context.js';

/**
 * FHIR R4 Questionnaire → a new form definition. Reads items, answer options (inline or from a
 * contained ValueSet) with their ordinalValue / itemWeight scores, enableWhen / enableBehavior,
 * required, repeats, units, min/max, translations and our own extensions. What it cannot
 * represent is refused with an issue naming the linkId; what it leaves out is listed as a warning.
 */
export type ImportResult =
  { ok: true; form: FormDefinition; warnings: ImportWarning[] } | { ok: false; issues: ImportIssue[] };

const ITEM_EXTENSIONS = new Set<string>([
  EXT.minValue,
  EXT.maxValue,
  EXT.unit,
  EXT.unitOption,
  EXT.minOccurs,
  EXT.maxOccurs,
  OWN_EXT.enableWhen,
  OWN_EXT.requiredWhen,
]);
const FORM_EXTENSIONS = new Set<string>([OWN_EXT.computed, OWN_EXT.constraints, OWN_EXT.previous]);

export function fromQuestionnaire(json: unknown, options: ImportOptions = {}): ImportResult {
  const checked = validateQuestionnaire(json);
  if (!checked.ok) {
    const issues = checked.issues.map((i) => ({
      item: null,
      path: i.path,
      rule: 'fhir_structure',
      message: `${i.path}: ${i.message}`,
    }));
    return { ok: false, issues };
  }
  const ctx = new ImportContext(checked.value, options);
  const q = ctx.q;
  const id =
    q.id && FORM_ID_PATTERN.test(q.id) ? q.id : slug(q.name ?? q.title ?? '') || 'imported-questionnaire';
  const version = q.version && /^[1-9][0-9]{0,8}$/.test(q.version) ? Number(q.version) : 1;
  if (q.version && version === 1 && q.version !== '1')
    ctx.warn(null, `version "${q.version}" is not a whole number; the form starts at version 1`);
  const form: FormDefinition = {
    id,
    version,
    status: q.status === 'unknown' ? 'draft' : q.status,
    title: ctx.text(q.title ?? q.name ?? id, q._title),
    ...(q.description ? { description: ctx.text(q.description, q._description) } : {}),
    ...(q.url && q.url !== `${FORM_URL_BASE}${id}` ? { url: q.url } : {}),
    ...codes(q.code),
    items: (q.item ?? []).flatMap((item, n) => readItem(ctx, item, `item[${n}]`)),
  };
  for (const ext of q.extension ?? [])
    if (!FORM_EXTENSIONS.has(ext.url)) ctx.ignore(ext.url, '(questionnaire)');
  const computed = ctx.json(findExtension(q.extension, OWN_EXT.computed), null);
  if (computed !== undefined) form.computed = computed as FormDefinition['computed'];
  const constraints = ctx.json(findExtension(q.extension, OWN_EXT.constraints), null);
  if (constraints !== undefined) form.constraints = constraints as FormDefinition['constraints'];
  const previous = ctx.json(findExtension(q.extension, OWN_EXT.previous), null);
  if (previous !== undefined) form.previous = previous as FormDefinition['previous'];
  if (ctx.issues.length) return { ok: false, issues: ctx.issues };

  // The result must pass the same checks as any form definition (e.g. enableWhen targets).
  const parsed = parseFormDefinition(form);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  return { ok: true, form: parsed.form, warnings: ctx.finish() };
}

function readItem(ctx: ImportContext, qi: QuestionnaireItem, path: string): ItemDefinition[] {
  const fail = (rule: string, message: string): ItemDefinition[] => {
    ctx.issue(qi.linkId, path, rule, message);
    return [];
  };
  const helpItems = (qi.item ?? []).filter(isHelp);
  const nested = (qi.item ?? []).filter((c) => !isHelp(c));
  if (nested.length && qi.type !== 'group')
    return fail('unsupported_nesting', `items nested under a ${qi.type} item are not supported`);
  for (const ext of qi.extension ?? []) if (!ITEM_EXTENSIONS.has(ext.url)) ctx.ignore(ext.url, qi.linkId);
  if (qi.text === undefined && qi.type !== 'group')
    ctx.warn(qi.linkId, 'the item has no text; its linkId is shown instead');
  warnDropped(ctx, qi);

  const help = helpItems[0];
  const base = {
    id: qi.linkId,
    text: ctx.text(qi.text ?? qi.linkId, qi._text),
    ...(help?.text ? { help: ctx.text(help.text, help._text) } : {}),
    ...(qi.prefix ? { prefix: qi.prefix } : {}),
    ...codes(qi.code),
  };
  const enableWhen = readEnableWhen(ctx, qi, path);
  const required = readRequired(ctx, qi);
  if (enableWhen === null || required === null) return [];
  const shown = enableWhen ? { ...base, enableWhen } : base;
  const answerable = required === undefined ? shown : { ...shown, required };
  const ext = qi.extension;
  const num = (url: string) => findExtension(ext, url)?.valueInteger ?? findExtension(ext, url)?.valueDecimal;
  const range = <T>(min: T | undefined, max: T | undefined) => ({
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
  });

  switch (qi.type) {
    case 'group':
      return [
        { ...shown, type: 'group', items: nested.flatMap((c, n) => readItem(ctx, c, `${path}.item[${n}]`)) },
      ];
    case 'display':
      return [{ ...shown, type: 'display' }];
    case 'boolean':
      return [{ ...answerable, type: 'boolean' }];
    case 'integer':
    case 'decimal':
    case 'quantity': {
      if (qi.type === 'quantity')
        ctx.warn(qi.linkId, 'a quantity item is imported as a decimal number in its (first) unit');
      const unit = toUnit(
        findExtension(ext, EXT.unit)?.valueCoding ?? findExtension(ext, EXT.unitOption)?.valueCoding,
      );
      const numberKind = qi.type === 'integer' ? 'integer' : 'decimal';
      return [
        {
          ...answerable,
          type: 'number',
          numberKind,
          ...(unit ? { unit } : {}),
          ...range(num(EXT.minValue), num(EXT.maxValue)),
        },
      ];
    }
    case 'date': {
      const min = findExtension(ext, EXT.minValue)?.valueDate;
      const max = findExtension(ext, EXT.maxValue)?.valueDate;
      return [{ ...answerable, type: 'date', ...range(min, max) }];
    }
    case 'string':
    case 'text': {
      const multiline = qi.type === 'text' ? { multiline: true } : {};
      return [
        {
          ...answerable,
          type: 'text',
          ...multiline,
          ...(qi.maxLength !== undefined ? { maxLength: qi.maxLength } : {}),
        },
      ];
    }
    case 'choice': {
      const options = readOptions(ctx, qi);
      if (!options)
        return fail('empty_options', 'a choice item needs answerOption or a contained answerValueSet');
      if (!qi.repeats) return [{ ...answerable, type: 'singleChoice', options }];
      const minSelected = findExtension(ext, EXT.minOccurs)?.valueInteger;
      const maxSelected = findExtension(ext, EXT.maxOccurs)?.valueInteger;
      return [
        {
          ...answerable,
          type: 'multipleChoice',
          options,
          ...(minSelected !== undefined ? { minSelected } : {}),
          ...(maxSelected !== undefined ? { maxSelected } : {}),
        },
      ];
    }
    default:
      return fail('unsupported_type', `item type "${qi.type}" is not supported`);
  }
}

/**
 * What the form model cannot hold is reported, never dropped silently: readOnly (our items are
 * all answerable), repeats on anything but a choice (one answer per item), and initial values
 * (initial[x] and answerOption.initialSelected: forms start empty).
 */
function warnDropped(ctx: ImportContext, qi: QuestionnaireItem): void {
  if (qi.readOnly) ctx.warn(qi.linkId, 'readOnly is not kept: the item can be answered');
  if (qi.repeats && qi.type !== 'choice')
    ctx.warn(qi.linkId, `repeats is not kept: a ${qi.type} item takes one answer`);
  if (qi.initial?.length)
    ctx.warn(
      qi.linkId,
      `initial ${qi.initial.length === 1 ? 'value is' : 'values are'} not kept: the item starts empty`,
    );
  if (qi.answerOption?.some((o) => o.initialSelected))
    ctx.warn(qi.linkId, 'initialSelected is not kept: no option is selected at the start');
}

function isHelp(item: QuestionnaireItem): boolean {
  const control = findExtension(item.extension, EXT.itemControl)?.valueCodeableConcept?.coding;
  return (
    item.type === 'display' && !!control?.some((c) => c.system === ITEM_CONTROL_SYSTEM && c.code === 'help')
  );
}

function codes(list: Coding[] | undefined): { codes?: FormCoding[] } {
  const out = (list ?? []).flatMap((c) =>
    c.code
      ? [
          {
            ...(c.system ? { system: c.system } : {}),
            code: c.code,
            ...(c.display ? { display: c.display } : {}),
          },
        ]
      : [],
  );
  return out.length ? { codes: out } : {};
}

function toUnit(c: Coding | undefined): Unit | undefined {
  const code = c?.code ?? c?.display;
  return code ? { code, display: c?.display ?? code } : undefined;
}

function slug(s: string): string {
  const ascii = s.toLowerCase().normalize('NFKD');
  return ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}
