import type { Queryable } from '../../db/db.js';
import type { AgreementContent } from '../../domain/agreements/agreement.js';
import type { DecisionResult, GrantSnapshot, SnapshotValue } from '../../domain/agreements/engine.js';
import type { GrantRuleContent } from '../../domain/agreements/rules.js';
import type {
  AgreementVersion,
  DecisionSummary,
  GrantDecision,
  GrantRule,
  Proposal,
} from '../../contracts/agreements.js';

/**
 * SQL of the agreements module. Writes take batches (one row is a batch of one) as JSON records,
 * so a seed of many rows is one statement.
 */
type Raw = Record<string, unknown>;
const iso = (d: unknown): string => (d instanceof Date ? d.toISOString() : String(d));

const versionOf = (r: Raw): AgreementVersion => ({
  year: Number(r['year']),
  version: Number(r['version']),
  status: r['status'] as AgreementVersion['status'],
  title: r['title'] as string,
  parties: r['parties'] as string[],
  total: Number(r['total']),
  areas: r['areas'] as string[],
  goals: r['goals'] as AgreementContent['goals'],
  funding: r['funding'] as AgreementContent['funding'],
  createdAt: iso(r['created_at']),
  signedAt: r['signed_at'] ? iso(r['signed_at']) : null,
});

export async function agreementVersions(q: Queryable, year: number): Promise<AgreementVersion[]> {
  const { rows } = await q.query<Raw>('SELECT * FROM agreement_version WHERE year = $1 ORDER BY version', [
    year,
  ]);
  return rows.map(versionOf);
}

/** Locks the year's versions (FOR UPDATE) so two saves cannot take the same number. */
export async function lockYear(q: Queryable, year: number): Promise<number> {
  await q.query('SELECT pg_advisory_xact_lock(110, $1)', [year]);
  const { rows } = await q.query<Raw>(
    'SELECT coalesce(max(version), 0) AS v FROM agreement_version WHERE year = $1',
    [year],
  );
  return Number(rows[0]?.['v'] ?? 0);
}

export interface NewAgreementVersion extends AgreementContent {
  year: number;
  version: number;
  createdBy: string | null;
  createdAt: Date;
}

export async function insertAgreementVersions(q: Queryable, rows: NewAgreementVersion[]): Promise<void> {
  await q.query(
    `INSERT INTO agreement_version (year, version, status, title, parties, total, areas, goals, funding, created_at, created_by)
     SELECT r.year, r.version, 'draft', r.title, ARRAY(SELECT jsonb_array_elements_text(r.parties)), r.total,
            ARRAY(SELECT jsonb_array_elements_text(r.areas)), r.goals, r.funding, r."createdAt", r."createdBy"
       FROM jsonb_to_recordset($1::jsonb) AS r(year integer, version integer, title text, parties jsonb, total bigint,
            areas jsonb, goals jsonb, funding jsonb, "createdAt" timestamptz, "createdBy" uuid)`,
    [JSON.stringify(rows)],
  );
}

/** Signs drafts; returns the versions that were drafts and are now signed. */
export async function signVersions(
  q: Queryable,
  keys: Array<{ year: number; version: number }>,
  by: string | null,
  at: Date,
): Promise<number> {
  const r = await q.query(
    `UPDATE agreement_version a SET status = 'signed', signed_at = $2, signed_by = $3
       FROM jsonb_to_recordset($1::jsonb) AS k(year integer, version integer)
      WHERE a.year = k.year AND a.version = k.version AND a.status = 'draft'`,
    [JSON.stringify(keys), at.toISOString(), by],
  );
  return r.affectedRows;
}

const ruleOf = (r: Raw): GrantRule => ({
  ...(r['content'] as GrantRuleContent),
  ruleKey: r['rule_key'] as string,
  version: Number(r['version']),
  createdAt: iso(r['created_at']),
});

/** Every version of every rule, or of one key. */
export async function grantRules(q: Queryable, ruleKey?: string): Promise<GrantRule[]> {
  const { rows } = await q.query<Raw>(
    'SELECT * FROM grant_rule WHERE $1::text IS NULL OR rule_key = $1 ORDER BY rule_key, version',
    [ruleKey ?? null],
  );
  return rows.map(ruleOf);
}

export async function insertGrantRules(
  q: Queryable,
  rows: Array<{ ruleKey: string; content: GrantRuleContent; createdAt: Date; createdBy: string | null }>,
): Promise<GrantRule[]> {
  const { rows: out } = await q.query<Raw>(
    `INSERT INTO grant_rule (rule_key, version, content, created_at, created_by)
     SELECT r.rule_key,
            (SELECT coalesce(max(g.version), 0) FROM grant_rule g WHERE g.rule_key = r.rule_key) + r.ord,
            r.content, r.created_at, r.created_by
       FROM (SELECT x.*, row_number() OVER (PARTITION BY x.rule_key ORDER BY x.i) AS ord
               FROM jsonb_to_recordset($1::jsonb) AS x(i integer, rule_key text, content jsonb,
                    created_at timestamptz, created_by uuid)) r
     RETURNING *`,
    [
      JSON.stringify(
        rows.map((r, i) => ({
          i,
          rule_key: r.ruleKey,
          content: r.content,
          created_at: r.createdAt,
          created_by: r.createdBy,
        })),
      ),
    ],
  );
  return out.map(ruleOf);
}

/** A decision to store: the contract's fields less what is read back (names, total). */
export type NewDecision = Omit<GrantDecision, 'names' | 'total' | 'decidedAt'> & {
  decidedAt: Date;
  decidedBy: string | null;
};

export async function insertDecisions(q: Queryable, rows: NewDecision[]): Promise<void> {
  await q.query(
    `INSERT INTO grant_decision (id, year, rule_key, rule_version, rule, snapshot, result, total, decided_at, decided_by)
     SELECT r.id, r.year, r."ruleKey", r."ruleVersion", r.rule, r.snapshot, r.result, (r.result->>'total')::bigint,
            r."decidedAt", r."decidedBy"
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, year integer, "ruleKey" text, "ruleVersion" integer,
            rule jsonb, snapshot jsonb, result jsonb, "decidedAt" timestamptz, "decidedBy" uuid)`,
    [JSON.stringify(rows)],
  );
}

type DecisionRow = Omit<GrantDecision, 'names'>;
const decisionOf = (r: Raw): DecisionRow => ({
  id: r['id'] as string,
  year: Number(r['year']),
  ruleKey: r['rule_key'] as string,
  ruleVersion: Number(r['rule_version']),
  rule: r['rule'] as GrantRuleContent,
  snapshot: r['snapshot'] as GrantSnapshot,
  result: r['result'] as DecisionResult,
  total: Number(r['total']),
  decidedAt: iso(r['decided_at']),
});

export async function decision(q: Queryable, id: string): Promise<DecisionRow | null> {
  const { rows } = await q.query<Raw>('SELECT * FROM grant_decision WHERE id = $1', [id]);
  return rows[0] ? decisionOf(rows[0]) : null;
}

export async function decisionsOfYear(q: Queryable, year: number): Promise<DecisionSummary[]> {
  const { rows } = await q.query<Raw>(
    'SELECT id, rule_key, rule_version, total, decided_at FROM grant_decision WHERE year = $1 ORDER BY decided_at, id',
    [year],
  );
  return rows.map((r) => ({
    id: r['id'] as string,
    ruleKey: r['rule_key'] as string,
    ruleVersion: Number(r['rule_version']),
    total: Number(r['total']),
    decidedAt: iso(r['decided_at']),
  }));
}

const proposalOf = (r: Raw): Proposal => ({
  id: r['id'] as string,
  year: Number(r['year']),
  proposer: r['proposer'] as string,
  proposerKind: r['proposer_kind'] as Proposal['proposerKind'],
  area: r['area'] as string,
  title: r['title'] as string,
  status: r['status'] as Proposal['status'],
  submittedOn: r['submitted_on'] as string,
});

export async function proposals(q: Queryable, year: number): Promise<Proposal[]> {
  const { rows } = await q.query<Raw>(
    'SELECT * FROM agreement_proposal WHERE year = $1 ORDER BY submitted_on, id',
    [year],
  );
  return rows.map(proposalOf);
}

export async function insertProposals(
  q: Queryable,
  rows: Array<Omit<Proposal, 'status'> & { createdBy: string | null }>,
): Promise<void> {
  await q.query(
    `INSERT INTO agreement_proposal (id, year, proposer, proposer_kind, area, title, status, submitted_on, created_by)
     SELECT r.id, r.year, r.proposer, r."proposerKind", r.area, r.title, 'submitted', r."submittedOn", r."createdBy"
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, year integer, proposer text, "proposerKind" text, area text,
            title text, "submittedOn" date, "createdBy" uuid)`,
    [JSON.stringify(rows)],
  );
}

export async function setProposalStatuses(
  q: Queryable,
  rows: Array<{ id: string; status: Proposal['status'] }>,
  at: Date,
): Promise<Proposal[]> {
  const { rows: out } = await q.query<Raw>(
    `UPDATE agreement_proposal p SET status = r.status,
            decided_at = CASE WHEN r.status = 'submitted' THEN NULL ELSE $2::timestamptz END
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, status text)
      WHERE p.id = r.id RETURNING p.*`,
    [JSON.stringify(rows), at.toISOString()],
  );
  return out.map(proposalOf);
}

export async function cofinancingOf(
  q: Queryable,
  year: number,
): Promise<{ orePerInhabitant: number; members: string[] } | null> {
  const { rows } = await q.query<Raw>('SELECT * FROM cofinancing_year WHERE year = $1', [year]);
  const r = rows[0];
  return r ? { orePerInhabitant: Number(r['ore_per_inhabitant']), members: r['members'] as string[] } : null;
}

export async function upsertCofinancing(
  q: Queryable,
  rows: Array<{ year: number; orePerInhabitant: number; members: string[]; at: Date; by: string | null }>,
): Promise<void> {
  await q.query(
    `INSERT INTO cofinancing_year (year, ore_per_inhabitant, members, updated_at, updated_by)
     SELECT r.year, r."orePerInhabitant", ARRAY(SELECT jsonb_array_elements_text(r.members)), r.at, r.by
       FROM jsonb_to_recordset($1::jsonb) AS r(year integer, "orePerInhabitant" integer, members jsonb,
            at timestamptz, by uuid)
     ON CONFLICT (year) DO UPDATE SET ore_per_inhabitant = EXCLUDED.ore_per_inhabitant, members = EXCLUDED.members,
            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [JSON.stringify(rows)],
  );
}

/**
 * Municipality values of one indicator and period in a release (the indicators module writes
 * them; this only reads the public, released values).
 */
export async function releasedMunicipalityValues(
  q: Queryable,
  releaseId: number,
  indicatorId: string,
  period: string,
): Promise<SnapshotValue[]> {
  const { rows } = await q.query<Raw>(
    `SELECT code, numerator, denominator, status FROM released_values
      WHERE release_id = $1 AND indicator_id = $2 AND period = $3 AND level = 'municipality' AND sex = 'T'
      ORDER BY code`,
    [releaseId, indicatorId, period],
  );
  return rows.map((r) => ({
    code: r['code'] as string,
    numerator: r['numerator'] === null ? null : Number(r['numerator']),
    denominator: r['denominator'] === null ? null : Number(r['denominator']),
    status: r['status'] as SnapshotValue['status'],
  }));
}

/** Released rates (sex T) of an indicator at one level, every period, in one release. */
export async function releasedSeries(
  q: Queryable,
  releaseId: number,
  indicatorId: string,
  level: 'nation' | 'region' | 'municipality',
): Promise<Array<{ period: string; code: string; rate: number | null }>> {
  const { rows } = await q.query<Raw>(
    `SELECT period, code, rate FROM released_values
      WHERE release_id = $1 AND indicator_id = $2 AND level = $3 AND sex = 'T' ORDER BY period, code`,
    [releaseId, indicatorId, level],
  );
  return rows.map((r) => ({
    period: r['period'] as string,
    code: r['code'] as string,
    rate: r['rate'] === null ? null : Number(r['rate']),
  }));
}
