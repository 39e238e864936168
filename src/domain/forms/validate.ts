import { isAnswered, rawAnswer, type Answers } from './answers.js';
import { describeCondition, evaluateCondition } from './condition.js';
import { isAnswerable, type AnswerableItem, type FormDefinition, type ItemDefinition } from './definition.js';
import { indexForm } from './form-index.js';
import { computeVisibility, isRequired, type Visibility } from './visibility.js';

/** One bad answer: the item, the machine-readable rule it broke, and an English explanation. */
export interface AnswerIssue {
  item: string;
  /** An AnswerRule, or the id of the form constraint that failed. */
  rule: string;
  message: string;
}

/** Rules of validateAnswers; a form constraint reports its own id as the rule. */
export type AnswerRule =
  | 'unknown_item'
  | 'required'
  | 'hidden_answered'
  | 'wrong_type'
  | 'not_an_option'
  | 'duplicate_option'
  | 'exclusive_option'
  | 'too_few_selected'
  | 'too_many_selected'
  | 'not_integer'
  | 'out_of_range'
  | 'invalid_date'
  | 'too_long';

/**
 * Checks answers against a form: every bad item is reported, at most once, with the first rule
 * it broke. A missing required item is an issue ("required"), never a zero.
 */
export function validateAnswers(form: FormDefinition, answers: Answers): AnswerIssue[] {
  const index = indexForm(form);
  const visibility = computeVisibility(form, answers);
  const issues: AnswerIssue[] = [];

  for (const key of Object.keys(answers)) {
    const entry = index.byId.get(key);
    if (!entry || !isAnswerable(entry.item)) {
      if (!isAnswered(answers[key])) continue;
      const why = entry
        ? `"${key}" is a ${entry.item.type} and takes no answer`
        : `the form has no item "${key}"`;
      issues.push({ item: key, rule: 'unknown_item', message: why });
    }
  }

  for (const { item } of index.all) {
    if (!isAnswerable(item)) continue;
    const raw = rawAnswer(answers, item.id);
    const issue = isAnswered(raw)
      ? checkAnswered(item, raw, visibility, form)
      : checkMissing(item, visibility);
    if (issue) issues.push(issue);
  }

  const flagged = new Set(issues.map((i) => i.item));
  for (const c of form.constraints ?? []) {
    if (flagged.has(c.item)) continue;
    if (c.when && !evaluateCondition(c.when, visibility.effective)) continue;
    if (!evaluateCondition(c.assert, visibility.effective)) {
      issues.push({ item: c.item, rule: c.id, message: c.message.en });
      flagged.add(c.item);
    }
  }
  return issues;
}

function checkMissing(item: AnswerableItem, visibility: Visibility): AnswerIssue | null {
  if (!isRequired(item, visibility)) return null;
  return { item: item.id, rule: 'required', message: `"${item.id}" is required and has no answer` };
}

function checkAnswered(
  item: AnswerableItem,
  raw: unknown,
  visibility: Visibility,
  form: FormDefinition,
): AnswerIssue | null {
  if (!visibility.isVisible(item.id)) {
    const reason = hidingCondition(item, form, visibility);
    return {
      item: item.id,
      rule: 'hidden_answered',
      message: `"${item.id}" is answered although it is hidden: it applies only when ${reason}`,
    };
  }
  const fail = failOf(item);
  switch (item.type) {
    case 'singleChoice': {
      const codes = optionCodes(item);
      if (typeof raw !== 'string')
        return fail('wrong_type', `must be one option code as a string: ${listCodes(codes)}`);
      return codes.includes(raw)
        ? null
        : fail('not_an_option', `has no option ${JSON.stringify(raw)}; options: ${listCodes(codes)}`);
    }
    case 'multipleChoice': {
      const codes = optionCodes(item);
      if (!Array.isArray(raw) || !raw.every((v): v is string => typeof v === 'string'))
        return fail('wrong_type', `must be an array of option codes: ${listCodes(codes)}`);
      const selected: string[] = raw;
      const unknown = selected.find((v) => !codes.includes(v));
      if (unknown !== undefined)
        return fail(
          'not_an_option',
          `has no option ${JSON.stringify(unknown)}; options: ${listCodes(codes)}`,
        );
      if (new Set(selected).size !== selected.length)
        return fail('duplicate_option', 'lists the same option twice');
      const exclusive = item.options.find((o) => o.exclusive && selected.includes(o.code));
      if (exclusive && selected.length > 1)
        return fail(
          'exclusive_option',
          `option ${JSON.stringify(exclusive.code)} cannot be combined with other options`,
        );
      if (item.minSelected !== undefined && selected.length < item.minSelected)
        return fail('too_few_selected', `needs at least ${item.minSelected} options, got ${selected.length}`);
      if (item.maxSelected !== undefined && selected.length > item.maxSelected)
        return fail(
          'too_many_selected',
          `allows at most ${item.maxSelected} options, got ${selected.length}`,
        );
      return null;
    }
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail('wrong_type', 'must be a number');
      if (item.numberKind === 'integer' && !Number.isInteger(raw))
        return fail('not_integer', `must be a whole number, got ${raw}`);
      return outOfRange(raw, item.min, item.max, fail, item.unit?.display);
    }
    case 'date': {
      if (typeof raw !== 'string') return fail('wrong_type', 'must be a date string YYYY-MM-DD');
      if (!isCalendarDate(raw))
        return fail('invalid_date', `must be a real date written YYYY-MM-DD, got ${JSON.stringify(raw)}`);
      return outOfRange(raw, item.min, item.max, fail);
    }
    case 'text': {
      if (typeof raw !== 'string') return fail('wrong_type', 'must be a string');
      if (item.maxLength !== undefined && raw.length > item.maxLength)
        return fail('too_long', `must be at most ${item.maxLength} characters, got ${raw.length}`);
      return null;
    }
    case 'boolean':
      return typeof raw === 'boolean' ? null : fail('wrong_type', 'must be true or false');
  }
}

type Fail = (rule: AnswerRule, message: string) => AnswerIssue;

// Per item, not per answer: every imported row checks the same items again.
const fails = new WeakMap<AnswerableItem, Fail>();
const codesOf = new WeakMap<AnswerableItem, string[]>();

function failOf(item: AnswerableItem): Fail {
  let fail = fails.get(item);
  if (!fail) {
    fail = (rule, message) => ({ item: item.id, rule, message: `"${item.id}" ${message}` });
    fails.set(item, fail);
  }
  return fail;
}

function optionCodes(item: AnswerableItem & { options: ReadonlyArray<{ code: string }> }): string[] {
  let codes = codesOf.get(item);
  if (!codes) {
    codes = item.options.map((o) => o.code);
    codesOf.set(item, codes);
  }
  return codes;
}

function outOfRange<T extends number | string>(
  value: T,
  min: T | undefined,
  max: T | undefined,
  fail: (rule: AnswerRule, message: string) => AnswerIssue,
  unit?: string,
): AnswerIssue | null {
  if ((min === undefined || value >= min) && (max === undefined || value <= max)) return null;
  const u = unit ? ` ${unit}` : '';
  const range =
    min !== undefined && max !== undefined
      ? `between ${min} and ${max}${u}`
      : min !== undefined
        ? `at least ${min}${u}`
        : `at most ${max}${u}`;
  return fail('out_of_range', `must be ${range}, got ${value}${u}`);
}

function listCodes(codes: string[]): string {
  return codes.map((c) => JSON.stringify(c)).join(', ');
}

export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The condition (own or an enclosing group's) that hides an item, for the message. */
function hidingCondition(item: ItemDefinition, form: FormDefinition, visibility: Visibility): string {
  const index = indexForm(form);
  let current: ItemDefinition | undefined = item;
  while (current) {
    const entry = index.byId.get(current.id);
    const parentVisible = !entry?.parent || visibility.isVisible(entry.parent);
    if (parentVisible && current.enableWhen) return describeCondition(current.enableWhen);
    current = entry?.parent ? index.byId.get(entry.parent)?.item : undefined;
  }
  return 'its condition holds';
}
