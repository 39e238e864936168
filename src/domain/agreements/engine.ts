import { largestRemainder } from './largest-remainder.js';
import { reaches, type GrantRuleContent, type SplitKey } from './rules.js';

/**
 * The grant engine: from a rule and a stored snapshot, each municipality's eligibility per tier
 * and amount, with the numbers behind it. Pure and deterministic: the same rule and snapshot give
 * the same decision, which is how a decision is reproduced later.
 *
 * The snapshot holds released (public) values only. A municipality whose value is suppressed or
 * has too low coverage in the release is "not assessed" and receives nothing from this rule: so
 * everything a decision shows is already public, and it reveals no suppressed count.
 */
export interface SnapshotValue {
  code: string;
  numerator: number | null;
  denominator: number | null;
  status: 'ok' | 'suppressed' | 'low_coverage';
}

export interface SnapshotWeight {
  code: string;
  /** Inhabitants 65+ (SCB). */
  inhabitants65: number;
  /** Units of the municipality in the org register on the snapshot day. */
  units: number;
}

export interface GrantSnapshot {
  releaseId: number;
  releaseVersion: string;
  indicatorId: string;
  period: string;
  values: SnapshotValue[];
  weights: SnapshotWeight[];
}

export interface TierOutcome {
  eligible: boolean;
  weight: number;
  amount: number;
}

export interface DecisionLine {
  code: string;
  assessed: boolean;
  numerator: number | null;
  denominator: number | null;
  tiers: TierOutcome[];
  amount: number;
}

export interface TierSummary {
  atLeastPercent: number;
  kind: 'pot' | 'each';
  amount: number;
  eligible: number;
  weightTotal: number;
  paid: number;
}

export interface DecisionResult {
  lines: DecisionLine[];
  tiers: TierSummary[];
  total: number;
}

export function weightOf(key: SplitKey, w: SnapshotWeight | undefined): number {
  if (key === 'equal') return 1;
  if (!w) return 0;
  return key === 'per_unit' ? w.units : w.inhabitants65;
}

export function computeDecision(rule: GrantRuleContent, snapshot: GrantSnapshot): DecisionResult {
  const weights = new Map(snapshot.weights.map((w) => [w.code, w]));
  const values = [...snapshot.values].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const assessed = (v: SnapshotValue) => v.status === 'ok' && v.numerator !== null && v.denominator !== null;
  const perTier = rule.tiers.map((tier) => {
    const eligible = values.filter(
      (v) => assessed(v) && reaches(v.numerator ?? 0, v.denominator ?? 0, tier.atLeastPercent),
    );
    const parts = eligible.map((v) => ({ key: v.code, weight: weightOf(rule.key, weights.get(v.code)) }));
    const amounts =
      tier.kind === 'pot'
        ? largestRemainder(tier.amount, parts)
        : new Map(parts.map((p) => [p.key, tier.amount]));
    return { tier, parts: new Map(parts.map((p) => [p.key, p.weight])), amounts };
  });
  const lines = values.map((v): DecisionLine => {
    const tiers = perTier.map((t) => ({
      eligible: t.parts.has(v.code),
      weight: t.parts.get(v.code) ?? 0,
      amount: t.amounts.get(v.code) ?? 0,
    }));
    return {
      code: v.code,
      assessed: assessed(v),
      numerator: v.numerator,
      denominator: v.denominator,
      tiers,
      amount: tiers.reduce((s, t) => s + t.amount, 0),
    };
  });
  const tiers = perTier.map((t) => ({
    atLeastPercent: t.tier.atLeastPercent,
    kind: t.tier.kind,
    amount: t.tier.amount,
    eligible: t.parts.size,
    weightTotal: [...t.parts.values()].reduce((s, w) => s + w, 0),
    paid: [...t.amounts.values()].reduce((s, a) => s + a, 0),
  }));
  return { lines, tiers, total: lines.reduce((s, l) => s + l.amount, 0) };
}
