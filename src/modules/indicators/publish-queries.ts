import type { Queryable } from '../../db/db.js';
import type { PublishedValue } from '../../domain/indicators/publish.js';
import type { Placement, UnitSexCount } from '../../domain/indicators/rollup.js';
import type { Period } from '../../domain/indicators/period.js';

type Raw = Record<string, unknown>;

export async function unitCounts(
  q: Queryable,
  indicatorId: string,
  version: number,
  period: string,
): Promise<UnitSexCount[]> {
  const { rows } = await q.query<Raw>(
    `SELECT unit_id, sex, numerator, denominator FROM indicator_count
      WHERE indicator_id = $1 AND version = $2 AND period = $3 ORDER BY unit_id, sex`,
    [indicatorId, version, period],
  );
  return rows.map((r) => ({
    unitId: r['unit_id'] as string,
    sex: r['sex'] as 'K' | 'M',
    numerator: Number(r['numerator']),
    denominator: Number(r['denominator']),
  }));
}

/**
 * Where each unit belongs for a period: the latest unit version overlapping the period (the
 * one valid on its last day when there is one), and that municipality's region then.
 */
export async function placementsFor(q: Queryable, period: Period): Promise<Map<string, Placement>> {
  const { rows } = await q.query<Raw>(
    'SELECT unit_id, municipality_code, region_code FROM org_units_during($1, $2)',
    [period.from, period.to],
  );
  return new Map(
    rows.map((r) => [
      r['unit_id'] as string,
      { municipalityCode: r['municipality_code'] as string, regionCode: r['region_code'] as string },
    ]),
  );
}

/** Published values as the JSON rows the value tables' json_to_recordset inserts read. */
export function valueRowsJson(values: readonly PublishedValue[]): string {
  return JSON.stringify(
    values.map((v) => ({
      indicator_id: v.indicatorId,
      version: v.version,
      period: v.period,
      level: v.level,
      code: v.code,
      sex: v.sex,
      numerator: v.numerator,
      denominator: v.denominator,
      rate: v.rate,
      ci_lower: v.ciLower,
      ci_upper: v.ciUpper,
      coverage: v.coverage,
      status: v.status,
    })),
  );
}

/**
 * Makes the stored table equal `values`, writing only the differences: cells gone are deleted,
 * new or changed cells upserted, unchanged rows left alone (a write at one unit changes a handful
 * of cells, not the national table). So computed_at is when a cell last changed; the
 * publication row says when the table was last published.
 */
export async function replacePublished(
  q: Queryable,
  indicatorId: string,
  period: string,
  values: readonly PublishedValue[],
  at: Date,
): Promise<void> {
  await q.query(
    `WITH v AS (
       SELECT * FROM json_to_recordset($1::json) AS v(indicator_id text, version integer, period text, level text,
         code text, sex text, numerator integer, denominator integer, rate double precision,
         ci_lower double precision, ci_upper double precision, coverage double precision, status text)
     ), gone AS (
       DELETE FROM published_value p WHERE p.indicator_id = $3 AND p.period = $4
          AND NOT EXISTS (SELECT 1 FROM v WHERE v.level = p.level AND v.code = p.code AND v.sex = p.sex)
     )
     INSERT INTO published_value AS p (indicator_id, version, period, level, code, sex, numerator, denominator, rate,
       ci_lower, ci_upper, coverage, status, computed_at)
     SELECT v.indicator_id, v.version, v.period, v.level, v.code, v.sex, v.numerator, v.denominator, v.rate,
       v.ci_lower, v.ci_upper, v.coverage, v.status, $2
       FROM v
     ON CONFLICT (indicator_id, period, level, code, sex) DO UPDATE
       SET version = EXCLUDED.version, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
           rate = EXCLUDED.rate, ci_lower = EXCLUDED.ci_lower, ci_upper = EXCLUDED.ci_upper,
           coverage = EXCLUDED.coverage, status = EXCLUDED.status, computed_at = EXCLUDED.computed_at
       WHERE (p.version, p.numerator, p.denominator, p.rate, p.ci_lower, p.ci_upper, p.coverage, p.status)
             IS DISTINCT FROM (EXCLUDED.version, EXCLUDED.numerator, EXCLUDED.denominator, EXCLUDED.rate,
               EXCLUDED.ci_lower, EXCLUDED.ci_upper, EXCLUDED.coverage, EXCLUDED.status)`,
    [valueRowsJson(values), at, indicatorId, period],
  );
}

export async function recordPublication(
  q: Queryable,
  p: {
    indicatorId: string;
    version: number;
    period: string;
    at: Date;
    cells: number;
    primary: number;
    secondary: number;
    secondaryLossShare: number;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO publication (indicator_id, version, period, published_at, cells, suppressed_primary, suppressed_secondary, secondary_loss_share)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (indicator_id, period) DO UPDATE SET version = EXCLUDED.version, published_at = EXCLUDED.published_at,
       cells = EXCLUDED.cells, suppressed_primary = EXCLUDED.suppressed_primary,
       suppressed_secondary = EXCLUDED.suppressed_secondary, secondary_loss_share = EXCLUDED.secondary_loss_share`,
    [p.indicatorId, p.version, p.period, p.at, p.cells, p.primary, p.secondary, p.secondaryLossShare],
  );
}

/**
 * What a write queues. A table the publisher has taken but not yet stored is queued again
 * (taken_at cleared), since its counts moved after they were read; otherwise nothing is written.
 */
export const REQUEUE_TAKEN = `ON CONFLICT (indicator_id, period) DO UPDATE SET taken_at = NULL
     WHERE publication_queue.taken_at IS NOT NULL`;

export async function enqueue(
  q: Queryable,
  pairs: ReadonlyArray<{ indicatorId: string; period: string }>,
): Promise<void> {
  if (pairs.length === 0) return;
  await q.query(
    `INSERT INTO publication_queue (indicator_id, period)
     SELECT p.indicator_id, p.period FROM json_to_recordset($1::json) AS p(indicator_id text, period text)
     ${REQUEUE_TAKEN}`,
    [JSON.stringify(pairs.map((p) => ({ indicator_id: p.indicatorId, period: p.period })))],
  );
}

/** A taken table not stored within this long (the publisher died) is taken again. */
const TAKEN_EXPIRES = '5 minutes';

/**
 * Marks up to `limit` queued tables taken at `at`; they stay queued until finishTaken, so a
 * publisher that dies in between loses nothing. Tables queued together (a rebuild's backlog) are
 * taken a period at a time: a batch reads the org's placements once per period it holds, and by
 * indicator a batch of 50 held ~30 periods (the synthetic nation: 220 reads of 15 ms, 17 % of its CPU).
 */
export async function takeQueued(
  q: Queryable,
  limit: number,
  at: Date,
): Promise<Array<{ indicatorId: string; period: string }>> {
  const { rows } = await q.query<Raw>(
    `UPDATE publication_queue SET taken_at = $2 WHERE (indicator_id, period) IN (
       SELECT indicator_id, period FROM publication_queue
        WHERE taken_at IS NULL OR taken_at < $2::timestamptz - interval '${TAKEN_EXPIRES}'
        ORDER BY queued_at, period, indicator_id LIMIT $1
       FOR UPDATE SKIP LOCKED)
     RETURNING indicator_id, period`,
    [limit, at],
  );
  return rows
    .map((r) => ({ indicatorId: r['indicator_id'] as string, period: r['period'] as string }))
    .sort((a, b) => a.indicatorId.localeCompare(b.indicatorId) || a.period.localeCompare(b.period));
}

/** Ends the turn of tables published from counts read at `at`, unless a write queued them again. */
export async function finishTaken(
  q: Queryable,
  pairs: ReadonlyArray<{ indicatorId: string; period: string }>,
  at: Date,
): Promise<void> {
  if (pairs.length === 0) return;
  await q.query(
    `DELETE FROM publication_queue q USING json_to_recordset($1::json) AS p(indicator_id text, period text)
      WHERE q.indicator_id = p.indicator_id AND q.period = p.period AND q.taken_at = $2`,
    [JSON.stringify(pairs.map((p) => ({ indicator_id: p.indicatorId, period: p.period }))), at],
  );
}
