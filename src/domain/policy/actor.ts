import { can } from './policy.js';
import type { Principal } from './principal.js';

/** Who acts, from where, at what time (the app's clock, injectable in tests). */
export interface Actor {
  principal: Principal;
  clientAddress: string | null;
  now: Date;
}

/**
 * What a batch writer of individual data needs to know of whoever writes: who (null for the
 * system), when, and whether they may write at a unit in a municipality.
 */
export interface IndividualWriter {
  accountId: string | null;
  now: Date;
  mayWrite(target: { unitId: string; municipalityCode: string }): boolean;
}

/** A logged-in principal as the batch writers see them: may write individual data where the policy allows. */
export function writerOf(principal: Principal, now: Date): IndividualWriter {
  return {
    accountId: principal.userId,
    now,
    mayWrite: (target) => can(principal, 'individual.write', target),
  };
}
