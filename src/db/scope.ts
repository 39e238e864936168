import { individualScope } from '../domain/policy/policy.js';
import type { Principal } from '../domain/policy/principal.js';
import type { Db, Queryable, TransactionOptions } from './db.js';

/**
 * Row-level security scope of one transaction. Individual-level tables carry the owning unit and
 * municipality; their policies compare them with these settings, so a query that forgets its
 * scope filter still sees nothing outside the caller's scope.
 */
export interface RowScope {
  /** The account acting; policies use it for break-the-glass grants. */
  accountId: string;
  unitIds: readonly string[];
  municipalityCodes: readonly string[];
}

export const APP_ROLE = 'kunskapsnav_app';

/** Setting names read by the RLS policies (current_setting(name, true)). */
export const SCOPE_SETTINGS = {
  accountId: 'kunskapsnav.account_id',
  unitIds: 'kunskapsnav.unit_ids',
  municipalityCodes: 'kunskapsnav.municipality_codes',
} as const;

/** The statements that put a transaction under the app role and the caller's scope. */
export function scopeSetup(scope: RowScope): NonNullable<TransactionOptions['setup']> {
  return [
    { sql: `SET LOCAL ROLE ${APP_ROLE}` },
    {
      sql: 'SELECT set_config($1, $2, true), set_config($3, $4, true), set_config($5, $6, true)',
      params: [
        SCOPE_SETTINGS.accountId,
        scope.accountId,
        SCOPE_SETTINGS.unitIds,
        scope.unitIds.join(','),
        SCOPE_SETTINGS.municipalityCodes,
        scope.municipalityCodes.join(','),
      ],
    },
  ];
}

/** Runs fn in one transaction as the app role, limited by RLS to `scope`. */
export function inScope<T>(db: Db, scope: RowScope, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(fn, { setup: scopeSetup(scope) });
}

/** The row scope of a logged-in principal's individual-data access. */
export function scopeOf(principal: Principal): RowScope {
  return { accountId: principal.userId, ...individualScope(principal) };
}

/** The setting the break-the-glass policies compare expiry with (the app's clock, see 0025). */
export async function setClock(tx: Queryable, now: Date): Promise<void> {
  await tx.query("SELECT set_config('kunskapsnav.now', $1, true)", [now.toISOString()]);
}
