/**
 * Performance-based grant rules as data (DOMAIN.md §7: rules change yearly, so they are data, not
 * code). A rule names one indicator and period, and tiers: each tier is reached at a threshold
 * on the indicator's rate and pays either a pot shared by a key among those that reach it, or a
 * fixed amount to each. Amounts are whole kronor.
 */
export const SPLIT_KEYS = ['per_inhabitant_65plus', 'equal', 'per_unit'] as const;
export type SplitKey = (typeof SPLIT_KEYS)[number];

export const TIER_KINDS = ['pot', 'each'] as const;
export type TierKind = (typeof TIER_KINDS)[number];

export interface GrantTier {
  /** The rate that counts as reached, in percent with at most one decimal (50, 70, 62.5). */
  atLeastPercent: number;
  kind: TierKind;
  /** Whole kronor: the pot (kind pot) or what each municipality that reaches it gets (kind each). */
  amount: number;
}

export interface GrantRuleContent {
  name: string;
  indicatorId: string;
  /** The indicator's annual period, e.g. "2025". */
  period: string;
  key: SplitKey;
  tiers: GrantTier[];
}

/**
 * True when numerator/denominator ≥ atLeastPercent %, decided on integers (numerator × 1000 ≥
 * percent × 10 × denominator), so exactly 50 % is 50 % and no float rounding decides a grant.
 */
export function reaches(numerator: number, denominator: number, atLeastPercent: number): boolean {
  if (denominator <= 0) return false;
  const tenths = Math.round(atLeastPercent * 10);
  return BigInt(numerator) * 1000n >= BigInt(tenths) * BigInt(denominator);
}
