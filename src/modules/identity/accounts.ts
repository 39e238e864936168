import type { Account } from '../../contracts/identity.js';
import type { Db } from '../../db/db.js';
import type { AuditEntry } from '../../domain/audit/entry.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { swedishDate } from '../../domain/identity/session.js';
import { ROLE_SCOPE_KINDS } from '../../domain/policy/policy.js';
import type { Role, RoleAssignment, Scope } from '../../domain/policy/principal.js';
import { appendAudit } from '../audit/append.js';
import { scopeExists } from '../org/reads.js';
import { passwordProblems } from '../../domain/identity/password-policy.js';
import { isBlocklisted } from './password-blocklist.js';
import { hashPassword } from './password.js';
import * as q from './queries.js';
import { normaliseUsername } from './service.js';

/** Account administration: create, disable, grant and withdraw role assignments. */

/** Who makes an administrative change, for the audit log. */
export interface AdminActor {
  /** The administrator's account; null for seeding and the command line. */
  userId: string | null;
  clientAddress: string | null;
}

/** Seeding, the command line and test set-up act as nobody in particular. */
export const SYSTEM_ACTOR: AdminActor = { userId: null, clientAddress: null };

function adminEntry(by: AdminActor, entry: Omit<AuditEntry, 'actorUserId' | 'outcome'>): AuditEntry {
  return { ...entry, actorUserId: by.userId, outcome: 'allowed', clientAddress: by.clientAddress };
}

/** The org placement of a scope, so a unit manager's log review shows the roles of the unit. */
function scopePlacement(scope: Scope): Pick<AuditEntry, 'unitId' | 'municipalityCode'> {
  if (scope.kind === 'unit') return { unitId: scope.unitId };
  if (scope.kind === 'municipality') return { municipalityCode: scope.code };
  return {};
}

export interface NewAccount {
  username: string;
  displayName: string;
  password?: string | undefined;
  oidcSubject?: string | undefined;
}

export interface NewAssignment {
  role: Role;
  scope: Scope;
  validFrom?: string | undefined;
  validTo?: string | null | undefined;
}

function view(a: q.AccountRow, assignments: RoleAssignment[]): Account {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    disabled: a.disabled,
    hasPassword: a.passwordHash !== null,
    oidcSubject: a.oidcSubject,
    assignments,
  };
}

function strip(a: RoleAssignment): RoleAssignment {
  return { id: a.id, role: a.role, scope: a.scope, validFrom: a.validFrom, validTo: a.validTo };
}

export async function listAccounts(db: Db): Promise<Account[]> {
  const accounts = await q.listAccounts(db);
  const assignments = await q.listAssignments(
    db,
    accounts.map((a) => a.id),
  );
  return accounts.map((a) => view(a, assignments.filter((x) => x.accountId === a.id).map(strip)));
}

export async function getAccount(db: Db, id: string): Promise<Account> {
  const a = await q.findAccountById(db, id);
  if (!a) throw new NotFoundError(`account ${id}`);
  return view(a, (await q.listAssignments(db, [id])).map(strip));
}

export async function createAccount(
  db: Db,
  input: NewAccount,
  by: AdminActor = SYSTEM_ACTOR,
): Promise<Account> {
  const username = normaliseUsername(input.username);
  if (input.password === undefined && input.oidcSubject === undefined) {
    throw new ValidationError([
      { field: 'password', rule: 'required', message: 'give a password or an OIDC subject' },
    ]);
  }
  if (input.password !== undefined) {
    const problems = passwordProblems(input.password, isBlocklisted, username);
    if (problems.length > 0) {
      throw new ValidationError(
        problems.map((p) => ({ field: 'password', rule: p.rule, message: p.message })),
      );
    }
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await q.findAccountByUsername(tx, username)) {
      throw new ConflictError(`username ${username} is taken`, [
        { field: 'username', rule: 'taken', message: 'another account has this username' },
      ]);
    }
    if (input.oidcSubject !== undefined && (await q.findAccountBySubject(tx, input.oidcSubject))) {
      throw new ConflictError('OIDC subject is already linked', [
        { field: 'oidcSubject', rule: 'taken', message: 'another account has this subject' },
      ]);
    }
    const a = await q.insertAccount(tx, {
      username,
      displayName: input.displayName.trim(),
      passwordHash,
      oidcSubject: input.oidcSubject ?? null,
    });
    await appendAudit(
      tx,
      adminEntry(by, {
        action: 'account_create',
        recordType: 'account',
        recordId: a.id,
        details: { username },
      }),
    );
    return view(a, []);
  });
}

/** Disables the account and ends all its sessions at once. */
export async function disableAccount(db: Db, id: string, by: AdminActor = SYSTEM_ACTOR): Promise<Account> {
  await db.transaction(async (tx) => {
    if (!(await q.setDisabled(tx, id, true))) throw new NotFoundError(`account ${id}`);
    const ended = await q.deleteSessionsOfAccount(tx, id);
    await appendAudit(
      tx,
      adminEntry(by, {
        action: 'account_disable',
        recordType: 'account',
        recordId: id,
        details: { sessions: ended },
      }),
    );
  });
  return getAccount(db, id);
}

export async function addAssignment(
  db: Db,
  accountId: string,
  input: NewAssignment,
  now: Date,
  by: AdminActor = SYSTEM_ACTOR,
): Promise<RoleAssignment> {
  const allowed = ROLE_SCOPE_KINDS[input.role];
  if (!allowed.includes(input.scope.kind)) {
    throw new ValidationError([
      {
        field: 'scope.kind',
        rule: 'scope_not_allowed_for_role',
        message: `a ${input.role} is scoped to ${allowed.join(' or ')}`,
      },
    ]);
  }
  const validFrom = input.validFrom ?? swedishDate(now);
  const validTo = input.validTo ?? null;
  if (validTo !== null && validTo <= validFrom) {
    throw new ValidationError([
      { field: 'validTo', rule: 'before_valid_from', message: 'must be after validFrom' },
    ]);
  }
  return db.transaction(async (tx) => {
    if (!(await q.findAccountById(tx, accountId))) throw new NotFoundError(`account ${accountId}`);
    if (!(await scopeExists(tx, input.scope))) {
      const field = input.scope.kind === 'unit' ? 'scope.unitId' : 'scope.code';
      throw new ValidationError([
        {
          field,
          rule: `unknown_${input.scope.kind}`,
          message: `no such ${input.scope.kind} in the org register`,
        },
      ]);
    }
    const a = await q.insertAssignment(tx, accountId, {
      role: input.role,
      scope: input.scope,
      validFrom,
      validTo,
    });
    await appendAudit(
      tx,
      adminEntry(by, {
        action: 'role_grant',
        recordType: 'role_assignment',
        recordId: a.id,
        ...scopePlacement(a.scope),
        details: {
          accountId,
          role: a.role,
          scope: { ...a.scope },
          validFrom: a.validFrom,
          validTo: a.validTo,
        },
      }),
      now,
    );
    return strip(a);
  });
}

export async function removeAssignment(
  db: Db,
  accountId: string,
  assignmentId: string,
  by: AdminActor = SYSTEM_ACTOR,
): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await q.deleteAssignment(tx, accountId, assignmentId);
    if (!removed) throw new NotFoundError(`role assignment ${assignmentId}`);
    await appendAudit(
      tx,
      adminEntry(by, {
        action: 'role_withdraw',
        recordType: 'role_assignment',
        recordId: assignmentId,
        ...scopePlacement(removed.scope),
        details: { accountId, role: removed.role, scope: { ...removed.scope } },
      }),
    );
  });
}
