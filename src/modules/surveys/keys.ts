import { createHmac } from 'node:crypto';

/**
 * The code key: derived from the pseudonym key (kept outside the database, src/config/secrets.ts)
 * like the cell-key secret, so a database copy alone cannot test a code — not even a printed one.
 */
export function codeKey(pseudonymKey: Uint8Array): Buffer {
  return createHmac('sha256', pseudonymKey).update('kunskapsnav/survey-code/v1').digest();
}

/** HMAC-SHA-256 of a normalised code: what the database stores instead of the code. */
export function hashCode(key: Uint8Array, code: string): Buffer {
  return createHmac('sha256', key).update(code).digest();
}
