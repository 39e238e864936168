import { createHmac } from 'node:crypto';

/**
 * The pseudonym of a person: HMAC-SHA-256 of the normalised 12-digit number under a server key
 * that lives outside the database (PSEUDONYM_KEY, or DATA_DIR/pseudonym.key in embedded mode).
 * Same number and key → same pseudonym, so records link across units without the number; without
 * the key the number cannot be recovered by hashing all possible numbers (DOMAIN.md §8: keep the
 * key apart). Pseudonymised data is still personal data.
 */
export const PSEUDONYM_PATTERN = /^[0-9a-f]{64}$/;

export function pseudonymOf(normalised12: string, key: Uint8Array): string {
  if (!/^\d{12}$/.test(normalised12)) throw new Error('pseudonymOf needs the normalised 12-digit number');
  return createHmac('sha256', key).update(normalised12, 'utf8').digest('hex');
}

export function isPseudonym(value: string): boolean {
  return PSEUDONYM_PATTERN.test(value);
}
