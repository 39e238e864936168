import type { Queryable } from '../../db/db.js';
import type { UnitOverview } from '../../contracts/surveys.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { municipalityNode, unitNode } from '../../domain/indicators/rollup.js';
import { publishedValues } from '../indicators/analytics-queries.js';
import { activeDefinitions } from '../indicators/engine.js';
import { placementsFor } from '../indicators/publish-queries.js';
import * as q from './queries.js';
import { roundResults } from './results.js';
import { templateOf } from './service.js';

/**
 * The three sources side by side for a unit's staff: each survey round's disclosed result for the
 * unit and its municipality, and the unit's published register indicators (sex T), both already through disclosure control.
 */
export async function unitOverview(db: Queryable, unitId: string, minimum: number): Promise<UnitOverview> {
  // Oldest first: the rounds of one template read as a series over time.
  const rounds = (await q.roundsOfUnits(db, [unitId])).sort(
    (a, b) => a.period.localeCompare(b.period) || a.opensOn.localeCompare(b.opensOn),
  );
  const municipalityOf = new Map<string, string | undefined>();
  const surveys = [];
  for (const round of rounds) {
    const template = templateOf(round);
    const nodes = await roundResults(db, round.id, minimum);
    if (!municipalityOf.has(round.period)) {
      const period = parsePeriod(round.period);
      const placement = period ? (await placementsFor(db, period)).get(unitId) : undefined;
      municipalityOf.set(round.period, placement?.municipalityCode);
    }
    const code = municipalityOf.get(round.period);
    surveys.push({
      roundId: round.id,
      templateId: round.templateId,
      title: template.form.title,
      period: round.period,
      themes: template.themes,
      result: nodes.find((n) => n.node === unitNode(unitId)) ?? null,
      municipality: code ? (nodes.find((n) => n.node === municipalityNode(code)) ?? null) : null,
    });
  }
  const definitions = await activeDefinitions(db);
  const values = await publishedValues(db, {
    indicators: definitions.map((d) => d.id),
    periods: null,
    sexes: ['T'],
    codes: { nation: false, regions: [], municipalities: [], units: [unitId] },
    allOf: [],
    limit: 500,
  });
  const titles = new Map(definitions.map((d) => [d.id, d.title]));
  const register = values.map((v) => ({
    indicator: v.indicator,
    title: titles.get(v.indicator) ?? { sv: v.indicator, en: v.indicator },
    period: v.period,
    rate: v.rate,
    denominator: v.denominator,
    status: v.status,
  }));
  return { unitId, surveys, register };
}
