/**
 * Pure rules of sessions and login throttling; the identity module supplies the clock and the rows.
 */
export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

export type SessionState = 'active' | 'idle_timeout' | 'absolute_timeout';

export function sessionState(
  s: { createdAt: Date; lastSeenAt: Date },
  now: Date,
  limits: SessionLimits,
): SessionState {
  if (now.getTime() - s.createdAt.getTime() >= limits.absoluteHours * 3_600_000) return 'absolute_timeout';
  if (now.getTime() - s.lastSeenAt.getTime() >= limits.idleMinutes * 60_000) return 'idle_timeout';
  return 'active';
}

export const THROTTLE_WINDOW_MINUTES = 15;

/**
 * Login throttling slows a guesser without letting anyone lock out somebody else. Failures are
 * counted per key within the window; below `free` failures an attempt is allowed at once, after that
 * each further attempt must wait a delay that doubles with every failure (from `firstDelaySeconds`
 * up to `maxDelaySeconds`) after the latest failure of that key.
 *
 * - pair (username, client address): the guesser's own key; a success from the pair resets it.
 * - account from unfamiliar addresses: failures on a username from addresses that have never logged
 *   in to it; it slows a guesser spread over many addresses, but never the account's own familiar
 *   addresses, so nobody can lock a named account (`admin`) out.
 * - address across usernames: failures from one address on any username; it slows password
 *   spraying, but only for usernames that have never logged in from that address, so colleagues
 *   behind the same address keep logging in.
 */
export interface ThrottleRule {
  free: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
}

export const PAIR_RULE: ThrottleRule = { free: 5, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60 };
export const ACCOUNT_RULE: ThrottleRule = { free: 20, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60 };
export const ADDRESS_RULE: ThrottleRule = { free: 20, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60 };

/** Failures of one key within the window: how many, and the latest. */
export interface FailureCount {
  count: number;
  latest: Date | null;
}

/**
 * Seconds until the key may try again, or 0 when it may now: after `free` failures, the k-th
 * further attempt waits firstDelay·2^k seconds (at most maxDelay) after the latest failure.
 */
export function progressiveDelaySeconds(f: FailureCount, rule: ThrottleRule, now: Date): number {
  if (f.count < rule.free || f.latest === null) return 0;
  const exponent = Math.min(f.count - rule.free, 30);
  const delayMs = Math.min(rule.firstDelaySeconds * 2 ** exponent, rule.maxDelaySeconds) * 1000;
  const remaining = f.latest.getTime() + delayMs - now.getTime();
  return remaining > 0 ? Math.max(1, Math.ceil(remaining / 1000)) : 0;
}

export interface LoginFailures {
  pair: FailureCount;
  /** Failures on the username from addresses that never logged in to it; null when this address has. */
  accountFromUnfamiliar: FailureCount | null;
  /** Failures from the address on any username; null when this username has logged in from it. */
  address: FailureCount | null;
}

/** Seconds until this (username, address) may try again; 0 when it may now. */
export function loginWaitSeconds(f: LoginFailures, now: Date): number {
  return Math.max(
    progressiveDelaySeconds(f.pair, PAIR_RULE, now),
    f.accountFromUnfamiliar ? progressiveDelaySeconds(f.accountFromUnfamiliar, ACCOUNT_RULE, now) : 0,
    f.address ? progressiveDelaySeconds(f.address, ADDRESS_RULE, now) : 0,
  );
}

/** The calendar date in Sweden at `now` (role assignments are valid per Swedish date). */
export function swedishDate(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
