import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/db.js';
import { replaceSurveyCounts } from '../../src/modules/indicators/survey-counts.js';

interface UnitRow extends Record<string, unknown> {
  unit_id: string;
}

/**
 * A settled survey round of one measure over every elderly-care unit, as the surveys module's
 * settlement writes it, so a T-only survey indicator has values in the next release. Sizes vary by
 * unit (10–16 respondents, 5–9 positive), all above the threshold.
 */
export async function settleSurveyEverywhere(db: Db, indicatorId: string, year: number): Promise<void> {
  const { rows } = await db.query<UnitRow>(
    `SELECT unit_id FROM org_unit_version
      WHERE operating_area = 'elderly_care' AND valid_from <= $1 AND $1 < valid_to
      ORDER BY unit_id`,
    [`${year}-03-01`],
  );
  const counts = rows.map((r, i) => ({
    unitId: r.unit_id,
    indicatorId,
    respondents: 10 + (i % 7),
    numerator: 5 + (i % 5),
    denominator: 10 + (i % 7),
  }));
  await db.transaction((tx) =>
    replaceSurveyCounts(tx, [{ roundId: randomUUID(), period: String(year), counts }]),
  );
}
