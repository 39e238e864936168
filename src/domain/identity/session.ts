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
/** Failures allowed within the window; the next attempt is refused until the oldest ages out. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/**
 * Seconds until another attempt is allowed, or 0 when it is allowed now.
 * `failures` are the failure times within the window, any order.
 */
export function retryAfterSeconds(
  failures: Date[],
  limit: number,
  now: Date,
  windowMinutes = THROTTLE_WINDOW_MINUTES,
): number {
  const windowMs = windowMinutes * 60_000;
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => now.getTime() - t < windowMs)
    .sort((a, b) => b - a);
  if (recent.length < limit) return 0;
  // Once the limit-th most recent failure ages out, fewer than `limit` remain.
  const pivot = recent[limit - 1] ?? now.getTime();
  return Math.max(1, Math.ceil((pivot + windowMs - now.getTime()) / 1000));
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
