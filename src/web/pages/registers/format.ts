/**
 * Register data in words: code lists through the message catalogue, instrument answers through
 * the instrument's form definition, and server errors as the field's label and our own rule text.
 */
import type { FormDefinition } from '../../../domain/forms/definition';
import { indexForm } from '../../../domain/forms/form-index';
import { getInstrument } from '../../../domain/instruments/index';
import type { ProblemField } from '../../api';
import type { I18n } from '../../i18n/I18n';
import { isMessageKey, type Lang } from '../../i18n/messages';
import { ruleKey } from '../instruments/model';
import { isRecord, str } from './model';

type T = I18n['t'];

export type CodeGroup =
  | 'register'
  | 'kind'
  | 'riskArea'
  | 'action'
  | 'cause'
  | 'event'
  | 'outcome'
  | 'closure'
  | 'place'
  | 'phase'
  | 'goalMet';

/** A code in words; a code we have no words for is shown as it is. */
export function codeLabel(t: T, group: CodeGroup, code: string): string {
  const key = `registers.${group}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

export function instrumentTitle(id: string, lang: Lang): string {
  return getInstrument(id)?.title[lang] ?? id;
}

export function formOf(instrumentId: string | null): FormDefinition | undefined {
  return instrumentId ? getInstrument(instrumentId)?.form : undefined;
}

/** An instrument item's label: its prefix and question. */
export function itemLabel(form: FormDefinition | undefined, itemId: string, lang: Lang): string {
  const item = form ? indexForm(form).byId.get(itemId)?.item : undefined;
  return item ? `${item.prefix ? `${item.prefix} ` : ''}${item.text[lang]}` : itemId;
}

/** An instrument answer in words: option texts for codes, Ja/Nej for booleans. */
export function answerText(
  t: T,
  lang: Lang,
  form: FormDefinition | undefined,
  itemId: string,
  value: unknown,
): string {
  if (value === undefined || value === null || value === '') return t('registers.history.empty');
  if (typeof value === 'boolean') return value ? t('instruments.yes') : t('instruments.no');
  const item = form ? indexForm(form).byId.get(itemId)?.item : undefined;
  const option = (code: unknown): string => {
    if (item && (item.type === 'singleChoice' || item.type === 'multipleChoice')) {
      const found = item.options.find((o) => o.code === code);
      if (found) return found.text[lang];
    }
    return String(code);
  };
  if (Array.isArray(value)) return value.map(option).join(', ');
  if (typeof value === 'number') return value.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');
  return option(value);
}

const CODED: Record<string, CodeGroup> = {
  riskArea: 'riskArea',
  actionCode: 'action',
  eventType: 'event',
  outcome: 'outcome',
  reason: 'closure',
  place: 'place',
  phase: 'phase',
};

/** A top-level data value in words (everything but the answers). */
export function dataValueText(t: T, lang: Lang, key: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('registers.history.empty');
  if (key === 'instrument' && typeof value === 'string') return instrumentTitle(value, lang);
  const group = CODED[key];
  if (group && typeof value === 'string') return codeLabel(t, group, value);
  if (key === 'causes' && Array.isArray(value))
    return value.length
      ? value.map((c) => codeLabel(t, 'cause', String(c))).join(', ')
      : t('registers.history.empty');
  if (key === 'goals' && Array.isArray(value))
    return value.length
      ? value
          .filter(isRecord)
          .map((g) => {
            const met = typeof g['met'] === 'string' ? ` (${codeLabel(t, 'goalMet', g['met'])})` : '';
            return `${str(g['text'])}${met}`;
          })
          .join('; ')
      : t('registers.history.empty');
  if (key === 'ksi' && isRecord(value))
    return [value['target'], value['actionType'], value['method']].map(str).join('.');
  if (key === 'grade' && typeof value === 'number') return t('registers.event.gradeValue', { grade: value });
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** The label of a server field path, as the form names it. */
export function fieldLabel(t: T, lang: Lang, field: string, form?: FormDefinition): string {
  if (field === 'reason') return t('registers.field.changeReason');
  if (field.startsWith('data.answers.')) return itemLabel(form, field.slice('data.answers.'.length), lang);
  const goal = /^data\.goals\.(\d+)\.(text|met)$/.exec(field);
  if (goal)
    return t(goal[2] === 'met' ? 'registers.field.goalMet' : 'registers.field.goalText', {
      n: Number(goal[1]) + 1,
    });
  if (field.startsWith('data.ksi.')) {
    const key = `registers.field.${field.slice('data.'.length)}`;
    return `${t('registers.field.ksi')}: ${isMessageKey(key) ? t(key) : field}`;
  }
  const key = `registers.field.${field.replace(/^data\./, '')}`;
  return isMessageKey(key) ? t(key) : field;
}

const FIELD_RULES = new Set(['custom', 'invalid', 'invalid_format']);

/** Our words for a server error: the field's own rule text, a rule we know, or the server's text. */
export function errorText(t: T, e: ProblemField, form?: FormDefinition): string {
  if (e.field.startsWith('data.answers.')) {
    const item = form ? indexForm(form).byId.get(e.field.slice('data.answers.'.length))?.item : undefined;
    const key = ruleKey(e.rule, item);
    if (key) return t(key);
  }
  if (e.field === 'reason') return t('registers.rule.reason');
  const byField = `registers.rule.${e.field}`;
  if (FIELD_RULES.has(e.rule) && isMessageKey(byField)) return t(byField);
  for (const key of [`registers.rule.${e.rule}`, `rule.${e.rule}`]) if (isMessageKey(key)) return t(key);
  return e.message;
}
