import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs, type LoggedIn } from '../../../test/support/auth.js';
import type { ReviewPage, ReviewedEntry } from '../../contracts/audit.js';
import { verifyAuditChain } from './verify.js';

/** Logins, logouts and account administration land in the audit log, in their own transaction. */
describe('identity writes the audit log', () => {
  let h: TestApp;
  let admin: LoggedIn;

  before(async () => {
    h = await openTestApp();
    admin = await loginAs(h, 'system_administrator');
  });
  after(async () => h.close());

  async function entries(query: string): Promise<ReviewedEntry[]> {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/audit?${query}`,
      headers: { cookie: admin.cookie },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<ReviewPage>().entries;
  }

  function post(url: string, payload: unknown, who: LoggedIn = admin) {
    return h.app.inject({ method: 'POST', url, payload: payload as object, headers: asUser(who) });
  }

  it('records account creation, role grant and withdrawal and disabling with the administrator', async () => {
    const created = await post('/api/v1/admin/accounts', {
      username: 'greta.granskad',
      displayName: 'Greta',
      password: 'a long enough password 123',
    });
    assert.equal(created.statusCode, 201, created.body);
    const accountId = created.json<{ id: string }>().id;
    const granted = await post(`/api/v1/admin/accounts/${accountId}/roles`, {
      role: 'municipal_analyst',
      scope: { kind: 'municipality', code: '0180' },
      validFrom: '2020-01-01',
    });
    assert.equal(granted.statusCode, 201, granted.body);
    const assignmentId = granted.json<{ id: string }>().id;
    const withdrawn = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/accounts/${accountId}/roles/${assignmentId}`,
      headers: asUser(admin),
    });
    assert.equal(withdrawn.statusCode, 204);
    assert.equal((await post(`/api/v1/admin/accounts/${accountId}/disable`, {})).statusCode, 200);

    const log = await entries(`user=${admin.userId}&limit=50`);
    const byAction = (action: string) => log.filter((e) => e.action === action);
    const create = byAction('account_create').find((e) => e.recordId === accountId);
    assert.deepEqual(create?.details, { username: 'greta.granskad' });
    assert.equal(create?.clientAddress, '127.0.0.1');
    const grant = byAction('role_grant').find((e) => e.recordId === assignmentId);
    assert.equal(grant?.recordType, 'role_assignment');
    assert.equal(grant?.municipalityCode, '0180');
    assert.deepEqual(grant?.details, {
      accountId,
      role: 'municipal_analyst',
      scope: { kind: 'municipality', code: '0180' },
      validFrom: '2020-01-01',
      validTo: null,
    });
    const withdraw = byAction('role_withdraw').find((e) => e.recordId === assignmentId);
    assert.equal(withdraw?.details['role'], 'municipal_analyst');
    const disable = byAction('account_disable').find((e) => e.recordId === accountId);
    assert.equal(disable?.outcome, 'allowed');
  });

  it('records a successful login with its actor and a failed one without', async () => {
    const user = await loginAs(h, 'caseworker');
    const logins = await entries(`user=${user.userId}&action=login`);
    assert.equal(logins.length, 1);
    assert.equal(logins[0]?.outcome, 'allowed');
    assert.deepEqual(logins[0]?.details, { method: 'password' });

    const failed = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'Ingen.Alls', password: 'fel' },
    });
    assert.equal(failed.statusCode, 401);
    const failures = (await entries('action=login&limit=100')).filter((e) => e.outcome === 'failed');
    assert.equal(failures.length, 1);
    assert.equal(failures[0]?.actorUserId, null);
    assert.deepEqual(failures[0]?.details, {
      method: 'password',
      username: 'ingen.alls',
      reason: 'unknown_user',
    });
  });

  it('records logout and logout everywhere', async () => {
    const user = await loginAs(h, 'knowledge_editor');
    const other = await loginAs(h, 'knowledge_editor');
    assert.equal((await post('/api/v1/auth/logout', {}, user)).statusCode, 204);
    assert.equal((await post('/api/v1/auth/logout-everywhere', {}, other)).statusCode, 200);
    const out = await entries(`user=${user.userId}&action=logout`);
    assert.equal(out.length, 1);
    const everywhere = await entries(`user=${other.userId}&action=logout_everywhere`);
    assert.deepEqual(everywhere[0]?.details, { sessions: 1 });
  });

  it('keeps the chain intact through all of it', async () => {
    const result = await verifyAuditChain(h.t.db);
    assert.equal(result.ok, true);
  });
});
