/**
 * The co-financing recommendation (DOMAIN.md §7): municipalities that join pay a fee per
 * inhabitant. The fee is given in öre per inhabitant; each municipality's fee is rounded to whole
 * kronor, half up, and the total is the sum of those whole-krona fees.
 */
export interface Member {
  code: string;
  inhabitants: number;
}

export interface FeeLine {
  code: string;
  inhabitants: number;
  fee: number;
}

export function feeOf(inhabitants: number, oreEach: number): number {
  return Math.floor((inhabitants * oreEach + 50) / 100);
}

export function cofinancing(
  members: readonly Member[],
  oreEach: number,
): { lines: FeeLine[]; total: number } {
  const lines = members.map((m) => ({
    code: m.code,
    inhabitants: m.inhabitants,
    fee: feeOf(m.inhabitants, oreEach),
  }));
  return { lines, total: lines.reduce((s, l) => s + l.fee, 0) };
}
