import type { SurveyRound, SurveyTemplateSummary } from '../../../contracts/surveys';

/** A round's survey title in the language, or its template id when the template is unknown. */
export function templateTitle(
  templates: readonly SurveyTemplateSummary[],
  round: Pick<SurveyRound, 'templateId' | 'templateVersion'>,
  lang: 'sv' | 'en',
): string {
  const found = templates.find((x) => x.id === round.templateId && x.version === round.templateVersion);
  return found ? found.title[lang] : round.templateId;
}

/** "..": the statistical convention for a value hidden by disclosure control. */
export const HIDDEN = '..';

/** A share as a whole percent, ".." when hidden or without a denominator. */
export function percentText(v: number | null, formatNumber: (n: number, digits?: number) => string): string {
  return v === null ? HIDDEN : `${formatNumber(v * 100, 0)} %`;
}
