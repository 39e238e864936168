import { z } from 'zod';
import type {
  AgreementVersion,
  CofinancingAnswer,
  DecisionAnswer,
  FollowUpAnswer,
  GrantDecision,
  GrantRule,
  GrantRuleList,
  Proposal,
  YearAnswer,
} from '../../contracts/agreements.js';
import { PHASES, PROPOSAL_STATUSES, PROPOSER_KINDS } from '../../domain/agreements/cycle.js';
import { SPLIT_KEYS, TIER_KINDS } from '../../domain/agreements/rules.js';

/**
 * Response schemas of the /api/v1/agreements operations (see v1-responses.ts). Each is checked
 * against its contract at compile time.
 */
const int = z.number().int();

export const agreementVersion = z.object({
  title: z.string(),
  parties: z.array(z.string()),
  total: int,
  areas: z.array(z.string()),
  goals: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      measures: z.array(z.object({ indicatorId: z.string(), metAtPercent: z.number() })),
    }),
  ),
  funding: z.array(z.object({ recipient: z.string(), regionCode: z.string().nullable(), amount: int })),
  year: int,
  version: int,
  status: z.enum(['draft', 'signed']),
  createdAt: z.string(),
  signedAt: z.string().nullable(),
}) satisfies z.ZodType<AgreementVersion>;

export const proposal = z.object({
  id: z.string(),
  year: int,
  proposer: z.string(),
  proposerKind: z.enum(PROPOSER_KINDS),
  area: z.string(),
  title: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  submittedOn: z.string(),
}) satisfies z.ZodType<Proposal>;

const ruleContent = {
  name: z.string(),
  indicatorId: z.string(),
  period: z.string(),
  key: z.enum(SPLIT_KEYS),
  tiers: z.array(z.object({ atLeastPercent: z.number(), kind: z.enum(TIER_KINDS), amount: int })),
};
export const grantRule = z.object({
  ...ruleContent,
  ruleKey: z.string(),
  version: int,
  createdAt: z.string(),
}) satisfies z.ZodType<GrantRule>;

export const grantRuleList = z.object({ rules: z.array(grantRule) }) satisfies z.ZodType<GrantRuleList>;

const cofinancingAnswer = z.object({
  year: int,
  orePerInhabitant: int,
  lines: z.array(z.object({ code: z.string(), name: z.string(), inhabitants: int, fee: z.number() })),
  total: z.number(),
  source: z.string(),
}) satisfies z.ZodType<CofinancingAnswer>;
export const cofinancing = cofinancingAnswer.nullable();

const count = z.number().nullable();
const snapshot = z.object({
  releaseId: int,
  releaseVersion: z.string(),
  indicatorId: z.string(),
  period: z.string(),
  values: z.array(
    z.object({
      code: z.string(),
      numerator: count,
      denominator: count,
      status: z.enum(['ok', 'suppressed', 'low_coverage']),
    }),
  ),
  weights: z.array(z.object({ code: z.string(), inhabitants65: z.number(), units: int })),
});
const result = z.object({
  lines: z.array(
    z.object({
      code: z.string(),
      assessed: z.boolean(),
      numerator: count,
      denominator: count,
      tiers: z.array(z.object({ eligible: z.boolean(), weight: z.number(), amount: z.number() })),
      amount: z.number(),
    }),
  ),
  tiers: z.array(
    z.object({
      atLeastPercent: z.number(),
      kind: z.enum(TIER_KINDS),
      amount: z.number(),
      eligible: int,
      weightTotal: z.number(),
      paid: z.number(),
    }),
  ),
  total: z.number(),
});
const decisionFields = {
  id: z.string(),
  year: int,
  ruleKey: z.string(),
  ruleVersion: int,
  rule: z.object(ruleContent),
  snapshot,
  result,
  total: z.number(),
  decidedAt: z.string(),
  names: z.record(z.string(), z.string()),
};
export const decision = z.object(decisionFields) satisfies z.ZodType<GrantDecision>;
export const decisionAnswer = z.object({
  ...decisionFields,
  reproduces: z.boolean(),
}) satisfies z.ZodType<DecisionAnswer>;

const due = z.string();
export const year = z.object({
  year: int,
  today: z.string(),
  phases: z.array(z.object({ phase: z.enum(PHASES), from: z.string(), to: z.string(), open: z.boolean() })),
  reminders: z.array(
    z.union([
      z.object({ kind: z.literal('proposals_undecided'), count: int, due }),
      z.object({ kind: z.enum(['no_draft', 'unsigned', 'no_decision']), due }),
    ]),
  ),
  versions: z.array(agreementVersion),
  proposals: z.array(proposal),
  decisions: z.array(
    z.object({
      id: z.string(),
      ruleKey: z.string(),
      ruleVersion: int,
      total: z.number(),
      decidedAt: z.string(),
    }),
  ),
  cofinancing: cofinancing,
}) satisfies z.ZodType<YearAnswer>;

export const followUp = z.object({
  year: int,
  version: int.nullable(),
  releaseVersion: z.string().nullable(),
  regionCode: z.string().nullable(),
  goals: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      measures: z.array(
        z.object({
          indicatorId: z.string(),
          metAtPercent: z.number(),
          series: z.array(z.object({ period: z.string(), ratePercent: count })),
          municipalities: z.array(
            z.object({
              code: z.string(),
              name: z.string(),
              ratePercent: count,
              standing: z.enum(['met', 'close', 'far', 'unknown']),
            }),
          ),
        }),
      ),
    }),
  ),
}) satisfies z.ZodType<FollowUpAnswer>;
