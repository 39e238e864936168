import { addDays } from '../org/validity.js';
import type { NodeResult } from './table.js';

/**
 * The first day a round's answers may be read as shares: the day after it closes. While a round is
 * open, answers still arrive one at a time (paper forms are typed in by staff who know whose form
 * it was), so comparing the shares before and after one answer would reveal that answer. Once the
 * round has closed no answer can arrive, and the shares are final.
 */
export function sharesShownFrom(closesOn: string): string {
  return addDays(closesOn, 1);
}

/**
 * The nodes as staff may read them on `today`: after the close, unchanged; before, every share and
 * every "answered" count is null (their keys kept), while codes issued, respondents and the
 * response rate (participation, not content) stay as disclosure control left them.
 */
export function withholdWhileOpen(
  nodes: readonly NodeResult[],
  closesOn: string,
  today: string,
): NodeResult[] {
  if (today >= sharesShownFrom(closesOn)) return [...nodes];
  const nulls = (r: Record<string, number | null>) =>
    Object.fromEntries(Object.keys(r).map((k) => [k, null])) as Record<string, number | null>;
  return nodes.map((n) => ({ ...n, shares: nulls(n.shares), answered: nulls(n.answered) }));
}
