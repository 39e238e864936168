import { z } from 'zod';
import { PROPOSAL_STATUSES, PROPOSER_KINDS, type Phase, type Reminder } from '../domain/agreements/cycle.js';
import type { AgreementContent } from '../domain/agreements/agreement.js';
import type { DecisionResult, GrantSnapshot } from '../domain/agreements/engine.js';
import { SPLIT_KEYS, TIER_KINDS, type GrantRuleContent } from '../domain/agreements/rules.js';
import type { Standing } from '../domain/agreements/followup.js';

/** The agreements API (/api/v1/agreements): request bodies (zod) and answers, shared with the web. */
const kronor = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const percent = z
  .number()
  .min(0)
  .max(100)
  .refine((p) => Math.abs(p * 10 - Math.round(p * 10)) < 1e-9, 'at most one decimal');
const text = (max: number) => z.string().trim().min(1).max(max);

export const agreementBody = z.object({
  title: text(300),
  parties: z.array(text(200)).min(2).max(10),
  total: kronor,
  areas: z.array(text(200)).max(50),
  goals: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]{1,40}$/),
        title: text(300),
        measures: z
          .array(z.object({ indicatorId: z.string().regex(/^[A-Z][A-Z0-9]{1,19}$/), metAtPercent: percent }))
          .min(1)
          .max(10),
      }),
    )
    .max(50),
  funding: z
    .array(
      z.object({
        recipient: text(200),
        regionCode: z
          .string()
          .regex(/^[0-9]{2}$/)
          .nullable(),
        amount: kronor,
      }),
    )
    .max(100),
});

export const ruleBody = z.object({
  name: text(200),
  indicatorId: z.string().regex(/^[A-Z][A-Z0-9]{1,19}$/),
  period: z.string().regex(/^[0-9]{4}$/),
  key: z.enum(SPLIT_KEYS),
  tiers: z
    .array(z.object({ atLeastPercent: percent, kind: z.enum(TIER_KINDS), amount: kronor }))
    .min(1)
    .max(10),
});

export const proposalBody = z.object({
  proposer: text(200),
  proposerKind: z.enum(PROPOSER_KINDS),
  area: text(200),
  title: text(300),
  submittedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export const proposalStatusBody = z.object({ status: z.enum(PROPOSAL_STATUSES) });

export const decisionBody = z.object({
  ruleKey: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  year: z.number().int().min(2000).max(2100),
});

export const cofinancingBody = z.object({
  orePerInhabitant: z.number().int().min(0).max(100_000),
  members: z.array(z.string().regex(/^[0-9]{4}$/)).max(290),
});

export interface AgreementVersion extends AgreementContent {
  year: number;
  version: number;
  status: 'draft' | 'signed';
  createdAt: string;
  signedAt: string | null;
}

export interface Proposal {
  id: string;
  year: number;
  proposer: string;
  proposerKind: (typeof PROPOSER_KINDS)[number];
  area: string;
  title: string;
  status: (typeof PROPOSAL_STATUSES)[number];
  submittedOn: string;
}

export interface GrantRule extends GrantRuleContent {
  ruleKey: string;
  version: number;
  createdAt: string;
}

export interface GrantDecision {
  id: string;
  year: number;
  ruleKey: string;
  ruleVersion: number;
  rule: GrantRuleContent;
  snapshot: GrantSnapshot;
  result: DecisionResult;
  total: number;
  decidedAt: string;
  /** Names of the municipalities, for display. */
  names: Record<string, string>;
}

export type DecisionSummary = Pick<GrantDecision, 'id' | 'ruleKey' | 'ruleVersion' | 'total' | 'decidedAt'>;

export interface CofinancingAnswer {
  year: number;
  orePerInhabitant: number;
  lines: Array<{ code: string; name: string; inhabitants: number; fee: number }>;
  total: number;
  source: string;
}

/** GET /api/v1/agreements/years/{year}. */
export interface YearAnswer {
  year: number;
  today: string;
  phases: Array<{ phase: Phase; from: string; to: string; open: boolean }>;
  reminders: Reminder[];
  versions: AgreementVersion[];
  proposals: Proposal[];
  decisions: DecisionSummary[];
  cofinancing: CofinancingAnswer | null;
}

/** GET /api/v1/agreements/years/{year}/follow-up. */
export interface FollowUpAnswer {
  year: number;
  version: number | null;
  releaseVersion: string | null;
  regionCode: string | null;
  goals: Array<{
    id: string;
    title: string;
    measures: Array<{
      indicatorId: string;
      metAtPercent: number;
      /** The nation's (or the region's) released rate per period. */
      series: Array<{ period: string; ratePercent: number | null }>;
      municipalities: Array<{ code: string; name: string; ratePercent: number | null; standing: Standing }>;
    }>;
  }>;
}

/** GET /api/v1/agreements/rules. */
export interface GrantRuleList {
  rules: GrantRule[];
}

/** GET /api/v1/agreements/decisions/{id}: the decision, and whether recomputing it gives the same. */
export interface DecisionAnswer extends GrantDecision {
  reproduces: boolean;
}
