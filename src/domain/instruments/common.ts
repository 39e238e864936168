import { answerValue, rawAnswer, type Answers } from '../forms/answers.js';
import type { ChoiceOption, FormDefinition, SingleChoiceItem } from '../forms/definition.js';
import { itemPoints } from '../forms/scoring.js';
import type { LocalizedText } from '../forms/text.js';
import { validateAnswers, type AnswerIssue } from '../forms/validate.js';
import type { BandDefinition, Sex } from './types.js';

export const t = (sv: string, en: string): LocalizedText => ({ sv, en });

/** Options whose code is the printed point value, as on the paper forms ("0" … "4"). */
export function pointOptions(rows: [points: number, sv: string, en: string][]): ChoiceOption[] {
  return rows.map(([points, sv, en]) => ({ code: String(points), text: { sv, en }, score: points }));
}

export function singleChoice(
  id: string,
  prefix: string | undefined,
  text: LocalizedText,
  options: ChoiceOption[],
): SingleChoiceItem {
  return { id, type: 'singleChoice', ...(prefix ? { prefix } : {}), text, required: true, options };
}

export function bandLabel(bands: BandDefinition[], code: string): LocalizedText {
  const band = bands.find((b) => b.code === code);
  if (!band) throw new RangeError(`unknown band ${code}`);
  return band.label;
}

/** Validation plus the sex check for instruments that need it. */
export function checkInput(
  form: FormDefinition,
  answers: Answers,
  sex?: { required: boolean; value: unknown },
): AnswerIssue[] {
  const issues = validateAnswers(form, answers);
  if (sex?.required) {
    if (sex.value === undefined || sex.value === null)
      issues.push({
        item: 'sex',
        rule: 'required',
        message: '"sex" is required: the cut-offs differ for women (K) and men (M)',
      });
    else if (sex.value !== 'K' && sex.value !== 'M')
      issues.push({ item: 'sex', rule: 'not_an_option', message: '"sex" must be "K" (woman) or "M" (man)' });
  }
  return issues;
}

export const isSex = (v: unknown): v is Sex => v === 'K' || v === 'M';

/** Points per scored choice item (validation must have passed). */
export function pointsOf(form: FormDefinition, answers: Answers): Record<string, number> {
  return itemPoints(form, answers);
}

export function sum(points: Record<string, number>): number {
  return Object.values(points).reduce((a, b) => a + b, 0);
}

export function answerOf(answers: Answers, id: string): ReturnType<typeof answerValue> {
  return answerValue(rawAnswer(answers, id));
}

/** Options merged over the defaults, and whether anything differs from them. */
export function resolveOptions<O extends object>(
  defaults: O,
  given: Partial<O> | undefined,
): { options: O; source: 'default' | 'configured' } {
  const options: O = { ...defaults, ...(given ?? {}) };
  const same = JSON.stringify(options) === JSON.stringify(defaults);
  return { options, source: same ? 'default' : 'configured' };
}

export function assertInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
}
