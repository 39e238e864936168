import type { Db, Queryable } from '../../db/db.js';
import { ConflictError } from '../../domain/errors.js';
import { swedishDate } from '../../domain/identity/session.js';
import { tallyAnswers } from '../../domain/surveys/results.js';
import { unitIndicatorCounts } from '../../domain/surveys/settle.js';
import { replaceSurveyCounts, settledSurveyRounds } from '../indicators/survey-counts.js';
import * as q from './queries.js';
import { roundOrThrow, templateOf } from './service.js';

/**
 * Settlement: a closed round's counts go to the indicator engine through its own writer, all
 * units and measures of the round at once, in one transaction of their own. Never from a
 * submission: a count row written there would carry that submission's xmin and so link the
 * answer (README.md, "Unlinkability"). Only after the round has closed: answers are refused from
 * then on, so the counts are final and the public sees them from the next release.
 */
async function settleIn(tx: Queryable, roundId: string, today: string): Promise<{ units: number }> {
  const round = await roundOrThrow(tx, roundId);
  if (today <= round.closesOn)
    throw new ConflictError('Omgången är inte avslutad. / The round has not closed yet.');
  const template = templateOf(round);
  const [totals, answers] = await Promise.all([q.unitTotals(tx, round.id), q.answersOfRound(tx, round.id)]);
  const counts = totals.flatMap((t) =>
    unitIndicatorCounts(
      template,
      t.unitId,
      t.codes,
      tallyAnswers(
        template,
        answers.filter((a) => a.unitId === t.unitId).map((a) => a.answers),
      ),
    ),
  );
  await replaceSurveyCounts(tx, [{ roundId: round.id, period: round.period, counts }]);
  return { units: totals.length };
}

/** Settles one closed round now (again, if it was): an administrator's on-demand settlement. */
export async function settleRound(db: Db, roundId: string, now: Date): Promise<{ units: number }> {
  return db.transaction((tx) => settleIn(tx, roundId, swedishDate(now)));
}

/** Settles every closed round not settled yet; returns how many (the leader job, before a release). */
export async function settleClosedRounds(db: Db, now: Date): Promise<number> {
  const today = swedishDate(now);
  const closed = await q.closedRoundIds(db, today);
  const settled = await settledSurveyRounds(db, closed);
  const due = closed.filter((id) => !settled.has(id));
  for (const id of due) await db.transaction((tx) => settleIn(tx, id, today));
  return due.length;
}
