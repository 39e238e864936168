import type { Queryable } from '../../db/db.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { tallyAnswers } from '../../domain/surveys/results.js';
import { surveyTable, type NodeResult } from '../../domain/surveys/table.js';
import { placementsFor } from '../indicators/publish-queries.js';
import * as q from './queries.js';
import { roundOrThrow, templateOf } from './service.js';

/**
 * A round's results per unit, municipality, region and nation, after disclosure control: a node
 * with fewer than `minimum` respondents, or one recoverable by subtraction, shows no figures.
 */
export async function roundResults(db: Queryable, roundId: string, minimum: number): Promise<NodeResult[]> {
  const round = await roundOrThrow(db, roundId);
  const template = templateOf(round);
  const period = parsePeriod(round.period);
  if (!period) throw new Error(`round ${round.id} has an unreadable period ${round.period}`);
  const [totals, answers, placements] = await Promise.all([
    q.unitTotals(db, round.id),
    q.answersOfRound(db, round.id),
    placementsFor(db, period),
  ]);
  const units = totals.map((t) => ({
    unitId: t.unitId,
    codesIssued: t.codes,
    counts: tallyAnswers(
      template,
      answers.filter((a) => a.unitId === t.unitId).map((a) => a.answers),
    ),
  }));
  return surveyTable(template, units, placements, minimum);
}
