import { RESPONSE_RATE_MEASURE, surveyIndicatorId, themeMeasureOf } from '../indicators/survey-catalogue.js';
import { themeMeasure, type SurveyCounts } from './results.js';
import type { SurveyTemplate } from './template.js';

/** One settled count of a unit: the survey indicator, its respondents, numerator and denominator. */
export interface UnitSurveyCount {
  unitId: string;
  indicatorId: string;
  respondents: number;
  numerator: number;
  denominator: number;
}

/**
 * A unit's counts as survey indicators: the response rate (answers / codes issued) and each theme's
 * positive answers among those that took a stand. Themes without an indicator id are skipped.
 */
export function unitIndicatorCounts(
  template: SurveyTemplate,
  unitId: string,
  codesIssued: number,
  counts: SurveyCounts,
): UnitSurveyCount[] {
  const out: UnitSurveyCount[] = [];
  const rateId = surveyIndicatorId(template.kind, RESPONSE_RATE_MEASURE);
  const respondents = counts.respondents;
  if (rateId)
    out.push({ unitId, indicatorId: rateId, respondents, numerator: respondents, denominator: codesIssued });
  for (const theme of template.themes) {
    const id = surveyIndicatorId(template.kind, themeMeasureOf(theme.id));
    const tally = counts.measures[themeMeasure(theme.id)];
    if (!id || !tally) continue;
    out.push({
      unitId,
      indicatorId: id,
      respondents,
      numerator: tally.positive,
      denominator: tally.answered,
    });
  }
  return out;
}
