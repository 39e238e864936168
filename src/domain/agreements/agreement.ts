import type { FieldIssue } from '../errors.js';

/**
 * An agreement (överenskommelse) for one year: parties, total, areas, goals measured by
 * indicators with the level that counts as met, and funding lines in whole kronor. Each save is
 * a new version; a signed version never changes (service and database trigger both refuse).
 */
export interface AgreementGoal {
  id: string;
  title: string;
  /** Indicator ids that measure the goal, each with the rate (percent) that counts as met. */
  measures: Array<{ indicatorId: string; metAtPercent: number }>;
}

export interface FundingLine {
  recipient: string;
  /** A region's support structure (its two-digit code) or a national effort (null). */
  regionCode: string | null;
  amount: number;
}

export interface AgreementContent {
  title: string;
  parties: string[];
  total: number;
  areas: string[];
  goals: AgreementGoal[];
  funding: FundingLine[];
}

/** Rules beyond the shape: funding adds up to the total, goal ids are unique. */
export function agreementIssues(a: AgreementContent): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const funded = a.funding.reduce((s, f) => s + f.amount, 0);
  if (funded !== a.total)
    issues.push({
      field: 'funding',
      rule: 'sum_equals_total',
      message: `funding lines sum to ${funded} kr, the total is ${a.total} kr`,
    });
  const ids = new Set<string>();
  a.goals.forEach((g, i) => {
    if (ids.has(g.id))
      issues.push({ field: `goals.${i}.id`, rule: 'unique', message: `goal id ${g.id} repeats` });
    ids.add(g.id);
  });
  return issues;
}
