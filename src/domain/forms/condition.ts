import { z } from 'zod';
import type { AnswerValue } from './answers.js';

/**
 * Skip-logic conditions. A leaf compares another item's answer; `all` / `any` combine conditions.
 *
 * Semantics (aligned with FHIR R4 enableWhen):
 * - an unanswered item, or one hidden by its own condition, has no answer;
 * - `equals` on a multiple-choice item holds when the code is among the selected ones;
 * - `notEquals` is the negation of `equals`, so it holds when there is no answer;
 * - `in`, `gt`, `gte`, `lt`, `lte` never hold without an answer;
 * - `exists: true` holds when answered, `exists: false` when not;
 * - comparisons work on numbers, and on ISO dates ("YYYY-MM-DD") for date items.
 */
export type Condition =
  | { item: string; op: 'equals' | 'notEquals'; value: string | number | boolean }
  | { item: string; op: 'in'; values: (string | number)[] }
  | { item: string; op: 'exists'; value: boolean }
  | { item: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number | string }
  | { all: Condition[] }
  | { any: Condition[] };

export type ComparisonOp = 'gt' | 'gte' | 'lt' | 'lte';

const itemRef = z.string().min(1);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({
      item: itemRef,
      op: z.enum(['equals', 'notEquals']),
      value: z.union([z.string().min(1), z.number(), z.boolean()]),
    }),
    z.strictObject({
      item: itemRef,
      op: z.literal('in'),
      values: z.array(z.union([z.string().min(1), z.number()])).min(1),
    }),
    z.strictObject({ item: itemRef, op: z.literal('exists'), value: z.boolean() }),
    z.strictObject({
      item: itemRef,
      op: z.enum(['gt', 'gte', 'lt', 'lte']),
      value: z.union([z.number(), z.string().min(1)]),
    }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
  ]),
);

export type LeafCondition = Extract<Condition, { item: string }>;

/** Every leaf of a condition, left to right. */
export function conditionLeaves(condition: Condition): LeafCondition[] {
  if ('all' in condition) return condition.all.flatMap(conditionLeaves);
  if ('any' in condition) return condition.any.flatMap(conditionLeaves);
  return [condition];
}

/** Looks up the effective answer of an item (undefined when unanswered or hidden). */
export type AnswerLookup = (itemId: string) => AnswerValue | undefined;

export function evaluateCondition(condition: Condition, lookup: AnswerLookup): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, lookup));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, lookup));
  const answer = lookup(condition.item);
  switch (condition.op) {
    case 'exists':
      return (answer !== undefined) === condition.value;
    case 'equals':
      return matches(answer, condition.value);
    case 'notEquals':
      return !matches(answer, condition.value);
    case 'in':
      return condition.values.some((v) => matches(answer, v));
    default:
      return compare(answer, condition.op, condition.value);
  }
}

function matches(answer: AnswerValue | undefined, value: string | number | boolean): boolean {
  if (answer === undefined) return false;
  if (Array.isArray(answer)) return answer.includes(value as string);
  return answer === value;
}

function compare(answer: AnswerValue | undefined, op: ComparisonOp, value: number | string): boolean {
  if (answer === undefined || Array.isArray(answer) || typeof answer === 'boolean') return false;
  if (typeof answer !== typeof value) return false;
  switch (op) {
    case 'gt':
      return answer > value;
    case 'gte':
      return answer >= value;
    case 'lt':
      return answer < value;
    case 'lte':
      return answer <= value;
  }
}

const OP_WORDS: Record<LeafCondition['op'], string> = {
  equals: '=',
  notEquals: '≠',
  in: 'in',
  exists: 'exists',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
};

/** A short English rendering for error messages, e.g. `"bmi" has no answer`. */
export function describeCondition(condition: Condition): string {
  if ('all' in condition) return condition.all.map(describeCondition).join(' and ');
  if ('any' in condition) return `(${condition.any.map(describeCondition).join(' or ')})`;
  const item = JSON.stringify(condition.item);
  switch (condition.op) {
    case 'exists':
      return condition.value ? `${item} is answered` : `${item} has no answer`;
    case 'in':
      return `${item} is one of ${condition.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${item} ${OP_WORDS[condition.op]} ${JSON.stringify(condition.value)}`;
  }
}
