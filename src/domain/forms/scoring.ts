import type { Answers } from './answers.js';
import { isChoice, type ChoiceItem, type FormDefinition } from './definition.js';
import { evaluateExpression } from './expression.js';
import { indexForm } from './form-index.js';
import { validateAnswers, type AnswerIssue } from './validate.js';
import { computeVisibility, type Visibility } from './visibility.js';

/**
 * Points of one choice item for the effective answers: the selected option's score (multiple
 * choice: the sum over the selected options), or null when unanswered, hidden or unscored.
 */
export function optionPoints(item: ChoiceItem, visibility: Visibility): number | null {
  const answer = visibility.effective(item.id);
  if (answer === undefined) return null;
  const codes = Array.isArray(answer) ? answer : [answer];
  let total = 0;
  for (const code of codes) {
    const score = item.options.find((o) => o.code === code)?.score;
    if (score === undefined) return null;
    total += score;
  }
  return total;
}

/** Points per scored choice item that has an effective answer. */
export function itemPoints(form: FormDefinition, answers: Answers): Record<string, number> {
  const visibility = computeVisibility(form, answers);
  const points: Record<string, number> = {};
  for (const { item } of indexForm(form).all) {
    if (!isChoice(item) || !item.options.some((o) => o.score !== undefined)) continue;
    const p = optionPoints(item, visibility);
    if (p !== null) points[item.id] = p;
  }
  return points;
}

/** Every computed value of the form; null where an operand is missing. */
export function computeValues(form: FormDefinition, answers: Answers): Record<string, number | null> {
  const index = indexForm(form);
  const visibility = computeVisibility(form, answers);
  const values: Record<string, number | null> = {};
  const ctx = {
    answer(id: string): number | null {
      const v = visibility.effective(id);
      return typeof v === 'number' ? v : null;
    },
    score(id: string): number | null {
      const item = index.byId.get(id)?.item;
      return item && isChoice(item) ? optionPoints(item, visibility) : null;
    },
    computed(id: string): number | null {
      return Object.hasOwn(values, id) ? (values[id] ?? null) : null;
    },
  };
  for (const c of form.computed ?? []) values[c.id] = evaluateExpression(c.expression, ctx);
  return values;
}

/** A band over a closed interval of totals, with a stable machine code. */
export interface BandRange<Code extends string = string> {
  code: Code;
  min: number;
  max: number;
}

/** The band whose closed interval [min, max] contains the total; throws when none does. */
export function bandFor<Code extends string>(
  total: number,
  bands: readonly BandRange<Code>[],
): BandRange<Code> {
  const band = bands.find((b) => total >= b.min && total <= b.max);
  if (!band) throw new RangeError(`no band contains ${total}`);
  return band;
}

export type SumResult =
  { ok: true; total: number; items: Record<string, number> } | { ok: false; issues: AnswerIssue[] };

/**
 * Generic scoring for forms without an instrument of their own (e.g. an imported FHIR
 * questionnaire): validates the answers, then requires an answer to every shown item that has
 * scored options (even when the form marks it optional) and sums the option scores. A missing
 * scored answer is an issue, never 0.
 */
export function sumScoredItems(form: FormDefinition, answers: Answers): SumResult {
  const issues = validateAnswers(form, answers);
  const visibility = computeVisibility(form, answers);
  const flagged = new Set(issues.map((i) => i.item));
  const items: Record<string, number> = {};
  for (const { item } of indexForm(form).all) {
    if (!isChoice(item) || !item.options.some((o) => o.score !== undefined) || !visibility.isVisible(item.id))
      continue;
    const points = optionPoints(item, visibility);
    if (points !== null) items[item.id] = points;
    else if (!flagged.has(item.id))
      issues.push({
        item: item.id,
        rule: 'required',
        message: `"${item.id}" is needed for the score and has no scored answer`,
      });
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, total: Object.values(items).reduce((a, b) => a + b, 0), items };
}
