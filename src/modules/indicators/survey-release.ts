import type { Queryable } from '../../db/db.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { publishSurveyTables } from '../../domain/indicators/survey-publish.js';
import type { PublishedValue } from '../../domain/indicators/publish.js';
import { placementsFor } from './publish-queries.js';
import { surveyCountRows } from './survey-counts.js';

/**
 * The survey tables of a release: per survey kind and period, from the settled counts of closed
 * rounds (survey-counts.ts), one suppression pattern for every measure of the kind.
 *
 * No cell key noise: the counts are of answers, not of keyed persons (an answer has no pseudonym
 * by design), and a settled round is final, so consecutive releases publish the same table and
 * there is nothing to difference.
 */
export async function computeSurveyTables(
  q: Queryable,
  definitions: readonly IndicatorDefinition[],
  threshold: number,
): Promise<Array<{ indicatorId: string; version: number; period: string; values: PublishedValue[] }>> {
  const surveyDefs = definitions.filter((d) => d.survey && d.openComparisons);
  if (surveyDefs.length === 0) return [];
  const rows = await surveyCountRows(q);
  const kinds = [...new Set(surveyDefs.map((d) => d.survey?.kind))];
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const out: Awaited<ReturnType<typeof publishSurveyTables>> = [];
  for (const period of periods) {
    const parsed = parsePeriod(period);
    if (!parsed) continue;
    const placements = await placementsFor(q, parsed);
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
