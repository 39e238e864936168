import type { Queryable } from '../../db/db.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { tallyAnswers } from '../../domain/surveys/results.js';
import { surveyTable, type NodeResult } from '../../domain/surveys/table.js';
import { placementsFor } from '../indicators/publish-queries.js';
import { sharesShownFrom, withholdWhileOpen } from '../../domain/surveys/withhold.js';
import * as q from './queries.js';
import { roundOrThrow, templateOf } from './service.js';

/** A round's results as staff may read them on a day, and the first day its shares are shown. */
export interface RoundResults {
  nodes: NodeResult[];
  /** Null once the round has closed; before, the day its shares will be shown. */
  sharesFrom: string | null;
}

/**
 * A round's results per unit, municipality, region and nation, after disclosure control: a node
 * with fewer than `minimum` respondents, or one recoverable by subtraction, shows no figures; and
 * until the round has closed, no node shows its shares (answers still arrive one by one).
 */
export async function roundResults(
  db: Queryable,
  roundId: string,
  minimum: number,
  today: string,
): Promise<RoundResults> {
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
  const from = sharesShownFrom(round.closesOn);
  return {
    nodes: withholdWhileOpen(surveyTable(template, units, placements, minimum), round.closesOn, today),
    sharesFrom: today < from ? from : null,
  };
}
