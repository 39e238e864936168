/**
 * Password rules after NIST SP 800-63B (§5.1.1.2, memorized secrets): a minimum length counted in
 * Unicode code points (not UTF-16 units, so an emoji is one character), any printable character
 * including spaces allowed, no composition rules (no "one digit, one capital"), and a check against
 * a list of passwords known to be common, expected or compromised: breach corpora, repetitive or
 * sequential characters, words from the context of the service and the user's own name.
 *
 * Pure: the blocklist is passed in (src/modules/identity/password-blocklist.ts builds it).
 */
export const MIN_PASSWORD_CODE_POINTS = 12;
/** NIST asks for at least 64; a bound keeps hashing a refused input cheap. */
export const MAX_PASSWORD_CODE_POINTS = 256;

export type PasswordRule =
  'too_short' | 'too_long' | 'blocklisted' | 'repetitive' | 'sequential' | 'contains_username';

export interface PasswordProblem {
  rule: PasswordRule;
  message: string;
}

/** The form passwords are compared in: NFKC (so look-alike forms compare equal), lower case. */
export function comparableForm(password: string): string {
  return password.normalize('NFKC').toLowerCase();
}

function codePoints(s: string): string[] {
  return Array.from(s);
}

/** The whole string is one short unit repeated (`aaaa…`, `abab…`, `123123…`, 12 spaces). */
function isRepetitive(cps: string[]): boolean {
  for (let unit = 1; unit <= Math.min(4, Math.floor(cps.length / 2)); unit++) {
    if (cps.every((c, i) => c === cps[i % unit])) return true;
  }
  return false;
}

/** Every step between neighbours is the same +1 or −1 (`123456789012` wraps 9→0; `abcdef…`). */
function isSequential(cps: string[]): boolean {
  const codes = cps.map((c) => c.codePointAt(0) ?? 0);
  const step = (a: number, b: number) =>
    a === 0x39 && b === 0x30 ? 1 : a === 0x30 && b === 0x39 ? -1 : b - a;
  const first = step(codes[0] ?? 0, codes[1] ?? 0);
  if (first !== 1 && first !== -1) return false;
  for (let i = 1; i < codes.length; i++) if (step(codes[i - 1] ?? 0, codes[i] ?? 0) !== first) return false;
  return true;
}

/** What is left when leading and trailing digits, spaces and punctuation are taken off. */
function core(form: string): string {
  return form.replace(/^[\p{N}\p{P}\p{S}\s]+/u, '').replace(/[\p{N}\p{P}\p{S}\s]+$/u, '');
}

/**
 * The problems of a new password, empty when it may be used. `isBlocked` says whether a comparable
 * form is on the blocklist; `username` is the account's own.
 */
export function passwordProblems(
  password: string,
  isBlocked: (form: string) => boolean,
  username?: string,
): PasswordProblem[] {
  const cps = codePoints(password);
  if (cps.length < MIN_PASSWORD_CODE_POINTS) {
    return [{ rule: 'too_short', message: `must be at least ${MIN_PASSWORD_CODE_POINTS} characters` }];
  }
  if (cps.length > MAX_PASSWORD_CODE_POINTS) {
    return [{ rule: 'too_long', message: `must be at most ${MAX_PASSWORD_CODE_POINTS} characters` }];
  }
  const form = comparableForm(password);
  const formCps = codePoints(form.replace(/\s+/g, ' ').trim());
  if (formCps.length === 0 || isRepetitive(codePoints(form)) || isRepetitive(formCps)) {
    return [{ rule: 'repetitive', message: 'must not be one character or a short group repeated' }];
  }
  if (isSequential(codePoints(form))) {
    return [{ rule: 'sequential', message: 'must not be a run such as 123456789012 or abcdefghijkl' }];
  }
  const compact = form.replace(/[\s\p{P}\p{S}]+/gu, '');
  const stem = core(form);
  if ([form, compact, stem, core(compact)].some((f) => f.length > 0 && isBlocked(f))) {
    return [{ rule: 'blocklisted', message: 'is a common or leaked password; choose another' }];
  }
  const user = username ? comparableForm(username) : '';
  if (user.length >= 3 && (form.includes(user) || compact.includes(user.replace(/[\s\p{P}\p{S}]+/gu, '')))) {
    return [{ rule: 'contains_username', message: 'must not contain the username' }];
  }
  return [];
}
