import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Db, Queryable } from '../../db/db.js';
import { agreementIssues, type AgreementContent } from '../../domain/agreements/agreement.js';
import type { ProposalStatus } from '../../domain/agreements/cycle.js';
import { computeDecision, type GrantSnapshot } from '../../domain/agreements/engine.js';
import type { GrantRuleContent } from '../../domain/agreements/rules.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { AgreementVersion, GrantDecision, GrantRule, Proposal } from '../../contracts/agreements.js';
import { appendAudit } from '../audit/append.js';
import { latestRelease } from '../indicators/release-queries.js';
import { listMunicipalities } from '../org/queries.js';
import { populationByMunicipality } from './population.js';
import * as q from './queries.js';

/**
 * The agreements module's commands: each runs in one transaction with its audit entry. The
 * routes check agreements.manage before calling; the service keeps the rules that hold whoever
 * calls (a signed version never changes, a rule change is a new version, decisions are final).
 */
export interface AgreementsActor {
  userId: string | null;
  clientAddress: string | null;
  now: Date;
}

function audit(tx: Queryable, actor: AgreementsActor, recordType: string, recordId: string, details: object) {
  return appendAudit(
    tx,
    {
      actorUserId: actor.userId,
      action: 'agreements_write',
      outcome: 'allowed',
      recordType,
      recordId,
      clientAddress: actor.clientAddress,
      details: { ...details },
    },
    actor.now,
  );
}

export async function saveAgreementVersion(
  db: Db,
  actor: AgreementsActor,
  year: number,
  content: AgreementContent,
): Promise<AgreementVersion> {
  const issues = agreementIssues(content);
  if (issues.length) throw new ValidationError(issues);
  return db.transaction(async (tx) => {
    const version = (await q.lockYear(tx, year)) + 1;
    await q.insertAgreementVersions(tx, [
      { ...content, year, version, createdAt: actor.now, createdBy: actor.userId },
    ]);
    await audit(tx, actor, 'agreement_version', `${year}/${version}`, { step: 'save', total: content.total });
    const saved = (await q.agreementVersions(tx, year)).find((v) => v.version === version);
    if (!saved) throw new Error('saved agreement version not found');
    return saved;
  });
}

/** Signs the year's latest version; an older or already signed version is a conflict. */
export async function signAgreement(
  db: Db,
  actor: AgreementsActor,
  year: number,
  version: number,
): Promise<AgreementVersion> {
  return db.transaction(async (tx) => {
    const latest = await q.lockYear(tx, year);
    const current = (await q.agreementVersions(tx, year)).find((v) => v.version === version);
    if (!current) throw new NotFoundError(`agreement ${year} version ${version}`);
    if (current.status === 'signed')
      throw new ConflictError(
        `Överenskommelsen ${year} version ${version} är redan undertecknad. / Already signed.`,
      );
    if (version !== latest)
      throw new ConflictError(
        `Bara den senaste versionen (${latest}) kan undertecknas. / Only the latest version can be signed.`,
      );
    await q.signVersions(tx, [{ year, version }], actor.userId, actor.now);
    await audit(tx, actor, 'agreement_version', `${year}/${version}`, { step: 'sign' });
    return { ...current, status: 'signed', signedAt: actor.now.toISOString() };
  });
}

export async function addProposal(
  db: Db,
  actor: AgreementsActor,
  year: number,
  p: Omit<Proposal, 'id' | 'year' | 'status'>,
): Promise<Proposal> {
  const id = randomUUID();
  return db.transaction(async (tx) => {
    await q.insertProposals(tx, [{ ...p, id, year, createdBy: actor.userId }]);
    await audit(tx, actor, 'agreement_proposal', id, { step: 'propose', year });
    return { ...p, id, year, status: 'submitted' };
  });
}

export async function setProposalStatus(
  db: Db,
  actor: AgreementsActor,
  id: string,
  status: ProposalStatus,
): Promise<Proposal> {
  return db.transaction(async (tx) => {
    const [updated] = await q.setProposalStatuses(tx, [{ id, status }], actor.now);
    if (!updated) throw new NotFoundError(`proposal ${id}`);
    await audit(tx, actor, 'agreement_proposal', id, { step: 'status', status });
    return updated;
  });
}

/** A rule change is always a new version; earlier versions and decisions stay as they were. */
export async function saveRule(
  db: Db,
  actor: AgreementsActor,
  ruleKey: string,
  content: GrantRuleContent,
): Promise<GrantRule> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(111, hashtext($1))', [ruleKey]);
    const [rule] = await q.insertGrantRules(tx, [
      { ruleKey, content, createdAt: actor.now, createdBy: actor.userId },
    ]);
    if (!rule) throw new Error('rule not saved');
    await audit(tx, actor, 'grant_rule', `${ruleKey}/${rule.version}`, { step: 'rule' });
    return rule;
  });
}

/**
 * The snapshot a decision rests on: the latest release's municipality values of the rule's
 * indicator and period, and each municipality's weights (SCB inhabitants 65+, units today).
 */
export async function takeSnapshot(
  db: Queryable,
  referenceDataDir: string,
  rule: GrantRuleContent,
  day: string,
): Promise<GrantSnapshot> {
  const release = await latestRelease(db);
  if (!release)
    throw new ConflictError('Ingen publicering finns ännu. / There is no release yet.', [
      { field: 'ruleKey', rule: 'no_release', message: 'a decision needs a release of the indicator values' },
    ]);
  const values = await q.releasedMunicipalityValues(db, release.id, rule.indicatorId, rule.period);
  if (values.length === 0)
    throw new ConflictError(
      'Publiceringen saknar indikatorn för perioden. / The release lacks the indicator.',
      [
        {
          field: 'ruleKey',
          rule: 'not_released',
          message: `release ${release.version} has no ${rule.indicatorId} for ${rule.period}`,
        },
      ],
    );
  const population = populationByMunicipality(referenceDataDir);
  const municipalities = await listMunicipalities(db, { asOf: day });
  return {
    releaseId: release.id,
    releaseVersion: release.version,
    indicatorId: rule.indicatorId,
    period: rule.period,
    values,
    weights: municipalities.map((m) => ({
      code: m.code,
      inhabitants65: population.get(m.code)?.aged65 ?? 0,
      units: m.unitCount,
    })),
  };
}

export async function decide(
  db: Db,
  referenceDataDir: string,
  actor: AgreementsActor,
  input: { ruleKey: string; year: number },
  day: string,
): Promise<{ id: string }> {
  const versions = await q.grantRules(db, input.ruleKey);
  const rule = versions.at(-1);
  if (!rule) throw new NotFoundError(`grant rule ${input.ruleKey}`);
  const content: GrantRuleContent = {
    name: rule.name,
    indicatorId: rule.indicatorId,
    period: rule.period,
    key: rule.key,
    tiers: rule.tiers,
  };
  const snapshot = await takeSnapshot(db, referenceDataDir, content, day);
  const result = computeDecision(content, snapshot);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await q.insertDecisions(tx, [
      {
        id,
        year: input.year,
        ruleKey: rule.ruleKey,
        ruleVersion: rule.version,
        rule: content,
        snapshot,
        result,
        decidedAt: actor.now,
        decidedBy: actor.userId,
      },
    ]);
    await audit(tx, actor, 'grant_decision', id, {
      step: 'decide',
      rule: `${rule.ruleKey}/${rule.version}`,
      release: snapshot.releaseVersion,
      total: result.total,
    });
  });
  return { id };
}

/** A stored decision with names; `reproduces` recomputes it from its own snapshot and rule. */
export async function decisionWithNames(db: Queryable, id: string, day: string): Promise<GrantDecision> {
  const d = await q.decision(db, id);
  if (!d) throw new NotFoundError(`grant decision ${id}`);
  const names = Object.fromEntries(
    (await listMunicipalities(db, { asOf: day })).map((m) => [m.code, m.name]),
  );
  return { ...d, names };
}

export function reproduces(d: Pick<GrantDecision, 'rule' | 'snapshot' | 'result'>): boolean {
  return isDeepStrictEqual(computeDecision(d.rule, d.snapshot), d.result);
}

export async function setCofinancing(
  db: Db,
  actor: AgreementsActor,
  year: number,
  body: { orePerInhabitant: number; members: string[] },
  known: ReadonlySet<string>,
): Promise<void> {
  const unknown = body.members.findIndex((c) => !known.has(c));
  if (unknown >= 0)
    throw new ValidationError([
      {
        field: `members.${unknown}`,
        rule: 'unknown_municipality',
        message: `no municipality ${body.members[unknown]}`,
      },
    ]);
  const members = [...new Set(body.members)].sort();
  await db.transaction(async (tx) => {
    await q.upsertCofinancing(tx, [
      { year, orePerInhabitant: body.orePerInhabitant, members, at: actor.now, by: actor.userId },
    ]);
    await audit(tx, actor, 'cofinancing', String(year), { step: 'cofinancing', members: members.length });
  });
}
