import type { Db } from '../../db/db.js';
import type { Role, Scope } from '../../domain/policy/principal.js';
import { hashPassword } from './password.js';
import * as q from './queries.js';
import { firstSyntheticUnit } from '../org/reads.js';

/**
 * One account per role for embedded demo mode, listed in the README. The scopes point at
 * Stockholm (0180) and its first synthetic elderly-care unit, so every role has data to see.
 */
export const DEMO_PASSWORD = 'Kunskapsnav-demo-2026';

interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  scope: 'demo_unit' | Scope;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'handlaggare', displayName: 'Hanna Handläggare', role: 'caseworker', scope: 'demo_unit' },
  { username: 'enhetschef', displayName: 'Erik Enhetschef', role: 'unit_manager', scope: 'demo_unit' },
  {
    username: 'analytiker',
    displayName: 'Amira Analytiker',
    role: 'municipal_analyst',
    scope: { kind: 'municipality', code: '0180' },
  },
  {
    username: 'utvecklingsledare',
    displayName: 'Ulla Utvecklingsledare',
    role: 'regional_development_leader',
    scope: { kind: 'region', code: '01' },
  },
  {
    username: 'nationell',
    displayName: 'Nils Nationell',
    role: 'national_administrator',
    scope: { kind: 'nation' },
  },
  { username: 'redaktor', displayName: 'Rut Redaktör', role: 'knowledge_editor', scope: { kind: 'nation' } },
  {
    username: 'admin',
    displayName: 'Adam Administratör',
    role: 'system_administrator',
    scope: { kind: 'nation' },
  },
];

/** The demo caseworker's unit: the first synthetic elderly-care unit in Stockholm. */
function demoUnit(db: Db): Promise<string | undefined> {
  return firstSyntheticUnit(db, '0180', 'elderly_care');
}

function scopeOf(a: DemoAccount, unitId: string | undefined): Scope | undefined {
  if (a.scope !== 'demo_unit') return a.scope;
  return unitId === undefined ? undefined : { kind: 'unit', unitId };
}

/** Creates the demo accounts that are missing; returns how many were created. */
export async function seedDemoAccounts(db: Db): Promise<number> {
  const unitId = await demoUnit(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    let created = 0;
    for (const a of DEMO_ACCOUNTS) {
      if (await q.findAccountByUsername(tx, a.username)) continue;
      const scope = scopeOf(a, unitId);
      if (!scope) continue;
      const account = await q.insertAccount(tx, { ...a, passwordHash, oidcSubject: null });
      await tx.query('UPDATE identity_account SET is_demo = true WHERE id = $1', [account.id]);
      await q.insertAssignment(tx, account.id, {
        role: a.role,
        scope,
        validFrom: '2000-01-01',
        validTo: null,
      });
      created++;
    }
    return created;
  });
}

/** Outside demo mode: disables demo accounts left from an earlier demo start and ends their sessions. */
export async function disableDemoAccounts(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(
      'DELETE FROM identity_session WHERE account_id IN (SELECT id FROM identity_account WHERE is_demo)',
    );
    const r = await tx.query('UPDATE identity_account SET disabled = true WHERE is_demo AND NOT disabled');
    return r.affectedRows;
  });
}
