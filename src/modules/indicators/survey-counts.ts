import type { Queryable } from '../../db/db.js';
import { surveyIndicatorCatalogue } from '../../domain/indicators/survey-catalogue.js';
import type { SurveyCountRow } from '../../domain/indicators/survey-publish.js';

/**
 * The indicators module's writer of survey counts (issue #13): the surveys module hands it every
 * count of the rounds it settles, and the rows of those rounds are replaced in the caller's
 * transaction. Settlement runs only after a round has closed, so its counts are final and public
 * values change only at the next release. Never call this from a submission (see
 * src/modules/surveys/README.md, "Unlinkability").
 */
export interface SettledRound {
  roundId: string;
  period: string;
  counts: ReadonlyArray<Omit<SurveyCountRow, 'roundId' | 'period'>>;
}

const SURVEY_IDS = new Set(surveyIndicatorCatalogue().map((d) => d.id));

export async function replaceSurveyCounts(tx: Queryable, rounds: readonly SettledRound[]): Promise<void> {
  if (rounds.length === 0) return;
  const rows = rounds.flatMap((r) => r.counts.map((c) => ({ ...c, roundId: r.roundId, period: r.period })));
  const unknown = rows.find((r) => !SURVEY_IDS.has(r.indicatorId));
  if (unknown) throw new Error(`${unknown.indicatorId} is not a survey indicator`);
  await tx.query('DELETE FROM indicator_survey_count WHERE round_id = ANY($1::uuid[])', [
    rounds.map((r) => r.roundId),
  ]);
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO indicator_survey_count (round_id, period, unit_id, indicator_id, respondents, numerator, denominator)
     SELECT r."roundId", r.period, r."unitId", r."indicatorId", r.respondents, r.numerator, r.denominator
       FROM json_to_recordset($1::json) AS r("roundId" uuid, period text, "unitId" uuid, "indicatorId" text,
         respondents integer, numerator integer, denominator integer)`,
    [JSON.stringify(rows)],
  );
}

/** Which of the rounds have been settled. */
export async function settledSurveyRounds(q: Queryable, roundIds: readonly string[]): Promise<Set<string>> {
  if (roundIds.length === 0) return new Set();
  const { rows } = await q.query<{ round_id: string }>(
    'SELECT DISTINCT round_id FROM indicator_survey_count WHERE round_id = ANY($1::uuid[])',
    [[...roundIds]],
  );
  return new Set(rows.map((r) => r.round_id));
}

/** Every settled count, for a release. */
export async function surveyCountRows(q: Queryable): Promise<SurveyCountRow[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT round_id, period, unit_id, indicator_id, respondents, numerator, denominator
       FROM indicator_survey_count ORDER BY period, indicator_id, unit_id, round_id`,
  );
  return rows.map((r) => ({
    roundId: String(r['round_id']),
    period: String(r['period']),
    unitId: String(r['unit_id']),
    indicatorId: String(r['indicator_id']),
    respondents: Number(r['respondents']),
    numerator: Number(r['numerator']),
    denominator: Number(r['denominator']),
  }));
}
