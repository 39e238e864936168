import { z } from 'zod';

/**
 * Arithmetic for computed values. Every operand that is missing (unanswered, hidden, or a
 * division by zero) makes the whole expression missing (null), except inside `coalesce`, which
 * takes its first non-missing operand. A missing answer therefore never turns into 0 by
 * accident; a form that wants 0 must say so with `coalesce`.
 */
export type Expression =
  | { const: number }
  /** The numeric answer of a number item. */
  | { answer: string }
  /** The option score of a choice item (multiple choice: the sum over selected options). */
  | { score: string }
  /** Another computed value, defined earlier in the form's `computed` list. */
  | { computed: string }
  | { sum: Expression[] }
  | { product: Expression[] }
  | { subtract: [Expression, Expression] }
  | { divide: [Expression, Expression] }
  | { coalesce: Expression[] }
  | { round: Expression; digits: number };

export const expressionSchema: z.ZodType<Expression> = z.lazy(() =>
  z.union([
    z.strictObject({ const: z.number() }),
    z.strictObject({ answer: z.string().min(1) }),
    z.strictObject({ score: z.string().min(1) }),
    z.strictObject({ computed: z.string().min(1) }),
    z.strictObject({ sum: z.array(expressionSchema).min(1) }),
    z.strictObject({ product: z.array(expressionSchema).min(1) }),
    z.strictObject({ subtract: z.tuple([expressionSchema, expressionSchema]) }),
    z.strictObject({ divide: z.tuple([expressionSchema, expressionSchema]) }),
    z.strictObject({ coalesce: z.array(expressionSchema).min(1) }),
    z.strictObject({ round: expressionSchema, digits: z.number().int().min(0).max(6) }),
  ]),
);

export type ExpressionRef = { kind: 'answer' | 'score' | 'computed'; id: string };

/** Every item or computed value an expression reads. */
export function expressionRefs(e: Expression): ExpressionRef[] {
  if ('const' in e) return [];
  if ('answer' in e) return [{ kind: 'answer', id: e.answer }];
  if ('score' in e) return [{ kind: 'score', id: e.score }];
  if ('computed' in e) return [{ kind: 'computed', id: e.computed }];
  if ('sum' in e) return e.sum.flatMap(expressionRefs);
  if ('product' in e) return e.product.flatMap(expressionRefs);
  if ('subtract' in e) return e.subtract.flatMap(expressionRefs);
  if ('divide' in e) return e.divide.flatMap(expressionRefs);
  if ('coalesce' in e) return e.coalesce.flatMap(expressionRefs);
  return expressionRefs(e.round);
}

export interface ExpressionContext {
  answer(itemId: string): number | null;
  score(itemId: string): number | null;
  computed(id: string): number | null;
}

export function evaluateExpression(e: Expression, ctx: ExpressionContext): number | null {
  if ('const' in e) return e.const;
  if ('answer' in e) return ctx.answer(e.answer);
  if ('score' in e) return ctx.score(e.score);
  if ('computed' in e) return ctx.computed(e.computed);
  if ('coalesce' in e) {
    for (const part of e.coalesce) {
      const v = evaluateExpression(part, ctx);
      if (v !== null) return v;
    }
    return null;
  }
  if ('round' in e) {
    const v = evaluateExpression(e.round, ctx);
    return v === null ? null : roundHalfUp(v, e.digits);
  }
  const parts = (
    'sum' in e ? e.sum : 'product' in e ? e.product : 'subtract' in e ? e.subtract : e.divide
  ).map((p) => evaluateExpression(p, ctx));
  if (parts.some((p) => p === null)) return null;
  const values = parts as number[];
  if ('sum' in e) return values.reduce((a, b) => a + b, 0);
  if ('product' in e) return values.reduce((a, b) => a * b, 1);
  const [a, b] = values as [number, number];
  if ('subtract' in e) return a - b;
  return b === 0 ? null : a / b;
}

/** Rounds half away from zero at `digits` decimals, robust to binary representation (1.005 → 1.01). */
export function roundHalfUp(value: number, digits: number): number {
  const factor = 10 ** digits;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}
