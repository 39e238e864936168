import type { FormDefinition, ItemDefinition } from '../../../domain/forms/definition';
import { visibleItems } from '../../../domain/forms/visibility';
import type { MessageKey } from '../../i18n/messages';

export type Answers = Record<string, unknown>;

/**
 * A number as typed: Swedish decimal comma or point, spaces allowed. Unparseable text stays a
 * string, so validation reports it instead of it silently becoming empty.
 */
export function parseNumberText(text: string): number | string | undefined {
  const compact = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (compact === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(compact) ? Number(compact) : text;
}

/** Only the answers to items that are shown: hidden answers are kept in state, never sent. */
export function shownAnswers(form: FormDefinition, answers: Answers): Answers {
  const shown = new Set(visibleItems(form, answers).map((i) => i.id));
  return Object.fromEntries(Object.entries(answers).filter(([id, v]) => shown.has(id) && v !== undefined));
}

/** A DOM id for an item id (item ids may hold "/" and "." from imported questionnaires). */
export function domId(prefix: string, itemId: string): string {
  return `${prefix}-${itemId.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0)}`)}`;
}

const RULE_KEYS = new Set([
  'required',
  'hidden_answered',
  'wrong_type',
  'not_an_option',
  'duplicate_option',
  'exclusive_option',
  'too_few_selected',
  'too_many_selected',
  'not_integer',
  'out_of_range',
  'invalid_date',
  'too_long',
  'unknown_item',
]);

/** The catalogue key for a validation rule, or null (then the server's message is shown). */
export function ruleKey(rule: string, item: ItemDefinition | undefined): MessageKey | null {
  if (rule === 'wrong_type' && item?.type === 'number') return 'instruments.rule.not_a_number';
  return RULE_KEYS.has(rule) ? (`instruments.rule.${rule}` as MessageKey) : null;
}
