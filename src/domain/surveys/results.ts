import type { Answers } from '../forms/index.js';
import type { SurveyTemplate } from './template.js';

/** Positive answers among those who took a stand; "don't know" is in neither count. */
export interface Tally {
  positive: number;
  answered: number;
}

/** One node's counts (a unit, or a sum of units): respondents and a tally per measure. */
export interface SurveyCounts {
  respondents: number;
  /** Key: `q:<item id>` per question, `t:<theme id>` per theme (pooled answers of its questions). */
  measures: Record<string, Tally>;
}

export const questionMeasure = (itemId: string): string => `q:${itemId}`;
export const themeMeasure = (themeId: string): string => `t:${themeId}`;

/** Every measure key of a template, questions first, in form order. */
export function measureKeys(template: SurveyTemplate): string[] {
  return [
    ...template.themes.flatMap((t) => t.items.map(questionMeasure)),
    ...template.themes.map((t) => themeMeasure(t.id)),
  ];
}

export function emptyCounts(template: SurveyTemplate): SurveyCounts {
  const measures: Record<string, Tally> = {};
  for (const key of measureKeys(template)) measures[key] = { positive: 0, answered: 0 };
  return { respondents: 0, measures };
}

/** Counts the answer sets of one unit. An unanswered question or "don't know" counts nowhere. */
export function tallyAnswers(template: SurveyTemplate, answerSets: readonly Answers[]): SurveyCounts {
  const counts = emptyCounts(template);
  const positive = new Set(template.positive);
  const dontKnow = new Set(template.dontKnow);
  for (const answers of answerSets) {
    counts.respondents += 1;
    for (const theme of template.themes) {
      for (const item of theme.items) {
        const value = answers[item];
        if (typeof value !== 'string' || dontKnow.has(value)) continue;
        const hit = positive.has(value) ? 1 : 0;
        for (const key of [questionMeasure(item), themeMeasure(theme.id)]) {
          const tally = counts.measures[key] as Tally;
          tally.answered += 1;
          tally.positive += hit;
        }
      }
    }
  }
  return counts;
}

/** Sum of counts (a municipality of its units): exact, so disclosure control can rely on it. */
export function addCounts(a: SurveyCounts, b: SurveyCounts): SurveyCounts {
  const measures: Record<string, Tally> = {};
  for (const key of new Set([...Object.keys(a.measures), ...Object.keys(b.measures)])) {
    const x = a.measures[key] ?? { positive: 0, answered: 0 };
    const y = b.measures[key] ?? { positive: 0, answered: 0 };
    measures[key] = { positive: x.positive + y.positive, answered: x.answered + y.answered };
  }
  return { respondents: a.respondents + b.respondents, measures };
}

/** The share of positive answers, or null when nobody took a stand. */
export function positiveShare(t: Tally): number | null {
  return t.answered === 0 ? null : t.positive / t.answered;
}

/** Response rate = answers / codes issued; null before any code is issued. */
export function responseRate(answers: number, codesIssued: number): number | null {
  return codesIssued === 0 ? null : answers / codesIssued;
}
