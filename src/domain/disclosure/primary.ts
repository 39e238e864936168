/**
 * Primary suppression: a count c with 1 ≤ c < threshold is hidden. Zero may be published (it
 * reveals that nobody is counted, which is not information about a person). The rule applies to
 * numerators and denominators alike; a cell whose numerator or denominator is sensitive has its
 * rate, numerator and denominator all shown as "..".
 */
import type { CountCell } from './table.js';

/** SKR hides unit results under 5 respondents (DOMAIN.md §8): counts 1–4 are sensitive. */
export const DEFAULT_THRESHOLD = 5;

export function checkThreshold(threshold: number): void {
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  }
}

/** True when the count must be hidden: 1 ≤ count < threshold. */
export function isSensitiveCount(count: number, threshold: number = DEFAULT_THRESHOLD): boolean {
  checkThreshold(threshold);
  return count >= 1 && count < threshold;
}

/** True when the cell's numerator or denominator is sensitive. */
export function isPrimaryCell(cell: CountCell, threshold: number = DEFAULT_THRESHOLD): boolean {
  return isSensitiveCount(cell.numerator, threshold) || isSensitiveCount(cell.denominator, threshold);
}

/** Indices of the cells that primary suppression hides. */
export function primarySuppression(
  cells: readonly CountCell[],
  threshold: number = DEFAULT_THRESHOLD,
): number[] {
  const hidden: number[] = [];
  cells.forEach((cell, i) => {
    if (isPrimaryCell(cell, threshold)) hidden.push(i);
  });
  return hidden;
}
