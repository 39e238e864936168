import { isChoice } from '../forms/definition.js';
import { flattenItems } from '../forms/form-index.js';
import type { Random } from '../random.js';
import type { SurveyTemplate } from '../surveys/template.js';

/** How a synthetic unit's users answer: the chance of a positive answer differs between units. */
export interface SyntheticSurveyUnit {
  codesIssued: number;
  answers: Record<string, string>[];
}

const SKIP = 0.04;
const DONT_KNOW = 0.06;

/**
 * One unit's synthetic answers to a survey: a response rate between 45 and 85 %, a unit-wide
 * propensity for positive answers between 55 and 95 %, and on every question a small chance of
 * no answer or "don't know". Every answer set answers at least one question, as the real page
 * requires.
 */
export function syntheticSurveyUnit(
  template: SurveyTemplate,
  random: Random,
  codesIssued: number,
): SyntheticSurveyUnit {
  const rate = 0.45 + 0.4 * random.next();
  const respondents = Math.round(codesIssued * rate);
  const positiveChance = 0.55 + 0.4 * random.next();
  const positive = new Set(template.positive);
  const dontKnow = new Set(template.dontKnow);
  const questions = new Set(template.themes.flatMap((t) => t.items));
  const items = flattenItems(template.form.items).filter((item) => questions.has(item.id) && isChoice(item));
  const answers: Record<string, string>[] = [];
  for (let i = 0; i < respondents; i++) {
    const set: Record<string, string> = {};
    for (const item of items) {
      if (!isChoice(item) || random.chance(SKIP)) continue;
      const codes = item.options.map((o) => o.code);
      const unsure = codes.filter((c) => dontKnow.has(c));
      const good = codes.filter((c) => positive.has(c));
      const bad = codes.filter((c) => !positive.has(c) && !dontKnow.has(c));
      const pool =
        unsure.length > 0 && random.chance(DONT_KNOW) ? unsure : random.chance(positiveChance) ? good : bad;
      if (pool.length > 0) set[item.id] = random.pick(pool);
    }
    if (Object.keys(set).length === 0 && items[0] && isChoice(items[0])) {
      set[items[0].id] = random.pick(items[0].options.map((o) => o.code));
    }
    answers.push(set);
  }
  return { codesIssued, answers };
}
