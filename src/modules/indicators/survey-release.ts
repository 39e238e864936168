import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import type { PublishedValue } from '../../domain/indicators/publish.js';
import type { Placement } from '../../domain/indicators/rollup.js';
import { publishSurveyTables, type SurveyCountRow } from '../../domain/indicators/survey-publish.js';

/**
 * The survey tables of a release: per survey kind and period, from the settled counts of closed
 * rounds (survey-counts.ts), one suppression pattern for every measure of the kind. Pure: the
 * release reads the counts and placements (release.ts) and computes this with the rest
 * (release-compute.ts).
 *
 * No cell key noise: the counts are of answers, not of keyed persons (an answer has no pseudonym
 * by design), and a settled round is final, so consecutive releases publish the same table and
 * there is nothing to difference.
 */
export const releasedSurveyDefinitions = (definitions: readonly IndicatorDefinition[]) =>
  definitions.filter((d) => d.survey && d.openComparisons);

/** The periods of the settled counts whose placements the survey tables need. */
export const surveyPeriods = (rows: readonly SurveyCountRow[]): string[] =>
  [...new Set(rows.map((r) => r.period))].sort().filter((period) => parsePeriod(period));

export function surveyReleaseTables(
  definitions: readonly IndicatorDefinition[],
  rows: readonly SurveyCountRow[],
  placementsOf: (period: string) => ReadonlyMap<string, Placement>,
  threshold: number,
): Array<{ indicatorId: string; version: number; period: string; values: PublishedValue[] }> {
  const surveyDefs = releasedSurveyDefinitions(definitions);
  if (surveyDefs.length === 0) return [];
  const kinds = [...new Set(surveyDefs.map((d) => d.survey?.kind))];
  const out: ReturnType<typeof publishSurveyTables> = [];
  for (const period of surveyPeriods(rows)) {
    const placements = placementsOf(period);
    for (const kind of kinds) {
      const defs = surveyDefs.filter((d) => d.survey?.kind === kind);
      const ids = new Set(defs.map((d) => d.id));
      const own = rows.filter((r) => r.period === period && ids.has(r.indicatorId));
      if (own.length === 0) continue;
      out.push(...publishSurveyTables(defs, period, own, placements, threshold));
    }
  }
  return out;
}
