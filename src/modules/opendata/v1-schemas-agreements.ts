import { z } from 'zod';
import type {
  AgreementVersion,
  CofinancingAnswer,
  GrantRule,
  GrantRuleList,
  Proposal,
} from '../../contracts/agreements.js';
import { PROPOSAL_STATUSES, PROPOSER_KINDS } from '../../domain/agreements/cycle.js';
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

export const grantRule = z.object({
  name: z.string(),
  indicatorId: z.string(),
  period: z.string(),
  key: z.enum(SPLIT_KEYS),
  tiers: z.array(z.object({ atLeastPercent: z.number(), kind: z.enum(TIER_KINDS), amount: int })),
  ruleKey: z.string(),
  version: int,
  createdAt: z.string(),
}) satisfies z.ZodType<GrantRule>;

export const grantRuleList = z.object({ rules: z.array(grantRule) }) satisfies z.ZodType<GrantRuleList>;

export const cofinancing = z
  .object({
    year: int,
    orePerInhabitant: int,
    lines: z.array(z.object({ code: z.string(), name: z.string(), inhabitants: int, fee: z.number() })),
    total: z.number(),
    source: z.string(),
  })
  .nullable() satisfies z.ZodType<CofinancingAnswer | null>;
