import type { Queryable, Row } from '../../db/db.js';
import { toInt } from '../../db/db.js';
import type { SurveyRound } from '../../contracts/surveys.js';

/** The surveys module's SQL; it alone writes the survey_* tables. */

/** A round as the API shows it (src/contracts/surveys.ts), read straight from its row. */
export type RoundRow = SurveyRound & Row;

const ROUND_SELECT = `SELECT r.id, r.template_id AS "templateId", r.template_version AS "templateVersion",
  r.period, r.opens_on AS "opensOn", r.closes_on AS "closesOn",
  coalesce(array_agg(u.unit_id ORDER BY u.unit_id) FILTER (WHERE u.unit_id IS NOT NULL), '{}') AS "unitIds"
  FROM survey_round r LEFT JOIN survey_round_unit u ON u.round_id = r.id`;

export async function insertRound(
  q: Queryable,
  r: Omit<SurveyRound, 'id'> & { createdBy: string | null },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO survey_round (template_id, template_version, period, opens_on, closes_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [r.templateId, r.templateVersion, r.period, r.opensOn, r.closesOn, r.createdBy],
  );
  const id = (rows[0] as { id: string }).id;
  await q.query(
    `INSERT INTO survey_round_unit (round_id, unit_id) SELECT $1, u FROM unnest($2::uuid[]) AS u`,
    [id, r.unitIds],
  );
  return id;
}

export async function findRound(q: Queryable, id: string): Promise<RoundRow | undefined> {
  const { rows } = await q.query<RoundRow>(`${ROUND_SELECT} WHERE r.id = $1 GROUP BY r.id`, [id]);
  return rows[0];
}

export async function roundsOfUnits(q: Queryable, unitIds: readonly string[] | null): Promise<RoundRow[]> {
  const { rows } = await q.query<RoundRow>(
    `${ROUND_SELECT} WHERE $1::uuid[] IS NULL OR r.id IN
       (SELECT round_id FROM survey_round_unit WHERE unit_id = ANY($1::uuid[]))
     GROUP BY r.id ORDER BY r.opens_on DESC, r.id`,
    [unitIds],
  );
  return rows;
}

/** A batch of code hashes for one (round, unit), with its accountability row. */
export async function insertCodes(
  q: Queryable,
  b: { roundId: string; unitId: string; hashes: readonly Buffer[]; issuedBy: string | null },
): Promise<void> {
  await q.query(
    `INSERT INTO survey_code_batch (round_id, unit_id, codes, issued_by) VALUES ($1, $2, $3, $4)`,
    [b.roundId, b.unitId, b.hashes.length, b.issuedBy],
  );
  await q.query(
    `INSERT INTO survey_code (code_hash, round_id, unit_id)
     SELECT decode(h, 'hex'), $1, $2 FROM unnest($3::text[]) AS h`,
    [b.roundId, b.unitId, b.hashes.map((h) => h.toString('hex'))],
  );
}

/** Marks codes of a round spent at once (a synthetic round's answered codes). */
export async function markSpent(q: Queryable, roundId: string, hashes: readonly Buffer[]): Promise<void> {
  await q.query(
    `UPDATE survey_code SET spent = true
      WHERE round_id = $1 AND code_hash IN (SELECT decode(h, 'hex') FROM unnest($2::text[]) AS h)`,
    [roundId, hashes.map((h) => h.toString('hex'))],
  );
}

/**
 * Spends the code if it is unspent and belongs to the round; returns its unit. A concurrent
 * spender waits on the row lock and then sees `spent`, so a code answers at most once.
 */
export async function spendCode(
  q: Queryable,
  roundId: string,
  hash: Buffer,
  /** Staff entering paper answers may spend only their own unit's codes. */
  unitId?: string,
): Promise<{ unitId: string } | { spent: true } | undefined> {
  const unit = unitId ?? null;
  const { rows } = await q.query<{ unitId: string }>(
    `UPDATE survey_code SET spent = true
     WHERE code_hash = $1 AND round_id = $2 AND ($3::uuid IS NULL OR unit_id = $3) AND NOT spent
     RETURNING unit_id AS "unitId"`,
    [hash, roundId, unit],
  );
  if (rows[0]) return rows[0];
  const seen = await q.query(
    `SELECT 1 FROM survey_code WHERE code_hash = $1 AND round_id = $2 AND ($3::uuid IS NULL OR unit_id = $3)`,
    [hash, roundId, unit],
  );
  return seen.rows.length > 0 ? { spent: true } : undefined;
}

/** Serialises pool rewrites of one (round, unit): later statements then see the committed pool. */
export async function lockPool(q: Queryable, roundId: string, unitId: string): Promise<void> {
  await q.query(`SELECT 1 FROM survey_round_unit WHERE round_id = $1 AND unit_id = $2 FOR UPDATE`, [
    roundId,
    unitId,
  ]);
}

export async function poolAnswers(
  q: Queryable,
  roundId: string,
  unitId: string,
): Promise<Record<string, unknown>[]> {
  const { rows } = await q.query<{ answers: Record<string, unknown> }>(
    `SELECT answers FROM survey_answer WHERE round_id = $1 AND unit_id = $2`,
    [roundId, unitId],
  );
  return rows.map((r) => r.answers);
}

/** Replaces the pool with the given answers, inserted in the given (already shuffled) order. */
export async function rewritePool(
  q: Queryable,
  roundId: string,
  unitId: string,
  answers: readonly Record<string, unknown>[],
): Promise<void> {
  await q.query(`DELETE FROM survey_answer WHERE round_id = $1 AND unit_id = $2`, [roundId, unitId]);
  await q.query(
    `INSERT INTO survey_answer (round_id, unit_id, answers)
     SELECT $1, $2, a.value FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS a(value, n) ORDER BY a.n`,
    [roundId, unitId, JSON.stringify(answers)],
  );
}

export async function recordFailure(
  q: Queryable,
  clientAddress: string,
  roundId: string,
  at: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO survey_code_failure (client_address, round_id, attempted_at) VALUES ($1, $2, $3)`,
    [clientAddress, roundId, at],
  );
}

/** Failures since `since` per address and per round (count and latest), after dropping older ones. */
export async function failuresSince(
  q: Queryable,
  clientAddress: string,
  roundId: string,
  since: Date,
): Promise<{
  address: { count: number; latest: Date | null };
  round: { count: number; latest: Date | null };
}> {
  await q.query(`DELETE FROM survey_code_failure WHERE attempted_at < $1`, [since]);
  const { rows } = await q.query<{ key: string; n: unknown; latest: Date | null }>(
    `SELECT 'address' AS key, count(*) AS n, max(attempted_at) AS latest FROM survey_code_failure WHERE client_address = $1
     UNION ALL
     SELECT 'round', count(*), max(attempted_at) FROM survey_code_failure WHERE round_id = $2`,
    [clientAddress, roundId],
  );
  const of = (key: string) => {
    const r = rows.find((x) => x.key === key);
    return { count: r ? toInt(r.n) : 0, latest: r?.latest ?? null };
  };
  return { address: of('address'), round: of('round') };
}

/** Codes issued and answers given per unit of a round (the response rate's two counts). */
export async function unitTotals(
  q: Queryable,
  roundId: string,
): Promise<{ unitId: string; codes: number; answers: number }[]> {
  const { rows } = await q.query<{ unitId: string; codes: unknown; answers: unknown }>(
    `SELECT u.unit_id AS "unitId",
       (SELECT count(*) FROM survey_code c WHERE c.round_id = u.round_id AND c.unit_id = u.unit_id) AS codes,
       (SELECT count(*) FROM survey_answer a WHERE a.round_id = u.round_id AND a.unit_id = u.unit_id) AS answers
     FROM survey_round_unit u WHERE u.round_id = $1 ORDER BY u.unit_id`,
    [roundId],
  );
  return rows.map((r) => ({ unitId: r.unitId, codes: toInt(r.codes), answers: toInt(r.answers) }));
}

export async function answersOfRound(
  q: Queryable,
  roundId: string,
): Promise<{ unitId: string; answers: Record<string, unknown> }[]> {
  const { rows } = await q.query<{ unitId: string; answers: Record<string, unknown> }>(
    `SELECT unit_id AS "unitId", answers FROM survey_answer WHERE round_id = $1`,
    [roundId],
  );
  return rows;
}

/** Rounds whose last answering day is before `today` (a Swedish date): closed for good. */
export async function closedRoundIds(q: Queryable, today: string): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    'SELECT id FROM survey_round WHERE closes_on < $1::date ORDER BY closes_on, id',
    [today],
  );
  return rows.map((r) => r.id);
}
