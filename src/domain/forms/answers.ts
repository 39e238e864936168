/**
 * Answers as they arrive (parsed JSON, keyed by item id) and the normalised value of one answer.
 *
 * Value per item type: single choice → option code (string); multiple choice → array of option
 * codes; number → JSON number; date → "YYYY-MM-DD"; text → string; yes/no → boolean.
 * "Not answered" is a missing key, null, a blank string or an empty array; it is never 0.
 */
export type AnswerValue = string | number | boolean | string[];

export type Answers = Readonly<Record<string, unknown>>;

/** The raw value for an item, read only from the object's own keys (no prototype lookups). */
export function rawAnswer(answers: Answers, itemId: string): unknown {
  return Object.hasOwn(answers, itemId) ? answers[itemId] : undefined;
}

/** True when the raw value counts as an answer at all (whatever its type). */
export function isAnswered(raw: unknown): boolean {
  if (raw === undefined || raw === null) return false;
  if (typeof raw === 'string') return raw.trim().length > 0;
  if (Array.isArray(raw)) return raw.length > 0;
  return true;
}

/** The answer as a well-typed value, or undefined when it is missing or of no answer type. */
export function answerValue(raw: unknown): AnswerValue | undefined {
  if (!isAnswered(raw)) return undefined;
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (Array.isArray(raw) && raw.every((v): v is string => typeof v === 'string')) return raw;
  return undefined;
}
