import type { Db, Queryable } from '../../db/db.js';
import { SCOPE_SETTINGS, type RowScope } from '../../db/scope.js';
import { swedishDate } from '../../domain/identity/session.js';
import { writerOf } from '../../domain/policy/actor.js';
import { individualScope } from '../../domain/policy/policy.js';
import type { Principal } from '../../domain/policy/principal.js';
import { findAccountByUsername, listAssignments } from '../identity/queries.js';
import { normaliseUsername } from '../identity/service.js';

/**
 * Who imports: a logged-in user (their scope, as for every other write), an account named on the
 * command line (`--as`), or the system itself (the command line without `--as`: every
 * municipality, no account; audited with a null actor and `details.actor = "system"`).
 */
export interface ImportActor {
  /** null for the system actor. */
  accountId: string | null;
  label: string;
  clientAddress: string | null;
  now: Date;
  /** The row-level security scope of the import's transaction. */
  scope: RowScope;
  /** May the actor write individual data at this unit (in this municipality)? */
  mayWrite(target: { unitId: string; municipalityCode: string }): boolean;
  /**
   * The system actor's scope is the nation, but RLS settings listing all 290 municipalities are
   * parsed on every row checked: its transaction starts with none and adds the municipalities
   * of the units a file names as they appear.
   */
  widen?(tx: Queryable, municipalityCodes: readonly string[]): Promise<void>;
}

export function principalActor(principal: Principal, clientAddress: string | null, now: Date): ImportActor {
  return {
    ...writerOf(principal, now),
    label: principal.username,
    clientAddress,
    scope: { accountId: principal.userId, ...individualScope(principal) },
  };
}

/** The command line's system actor: nation scope (every municipality). */
export function systemActor(now: Date): ImportActor {
  const codes = new Set<string>();
  return {
    accountId: null,
    label: 'system',
    clientAddress: null,
    now,
    scope: { accountId: '', unitIds: [], municipalityCodes: [] },
    mayWrite: () => true,
    async widen(tx, municipalityCodes) {
      const before = codes.size;
      for (const c of municipalityCodes) codes.add(c);
      if (codes.size === before) return;
      await tx.query('SELECT set_config($1, $2, true)', [
        SCOPE_SETTINGS.municipalityCodes,
        [...codes].join(','),
      ]);
    },
  };
}

/** An account's current role assignments as an actor, or null when there is no such active account. */
export async function accountActor(db: Db, username: string, now: Date): Promise<ImportActor | null> {
  const account = await findAccountByUsername(db, normaliseUsername(username));
  if (!account || account.disabled) return null;
  const assignments = (await listAssignments(db, [account.id], swedishDate(now))).map(
    ({ id, role, scope, validFrom, validTo }) => ({ id, role, scope, validFrom, validTo }),
  );
  const principal: Principal = {
    userId: account.id,
    username: account.username,
    displayName: account.displayName,
    authMethod: 'password',
    sessionId: 'cli',
    assignments,
  };
  return principalActor(principal, null, now);
}
