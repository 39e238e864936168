import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dbOf, openTestApp, type TestApp } from '../../../test/support/app.js';
import { silentLogger, testConfig } from '../../../test/support/db.js';
import { prepareDatabase } from '../../runtime/prepare.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';

interface SessionBody {
  principal: {
    assignments: Array<{ role: string; scope: { kind: string; code?: string; unitId?: string } }>;
  };
}

describe('demo accounts', () => {
  let h: TestApp;
  before(async () => {
    h = await openTestApp({ demo: true });
  });
  after(async () => h.close());

  const login = (username: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });

  it('has one account per role in demo mode, each logging in with the README password', async () => {
    assert.equal(DEMO_ACCOUNTS.length, 7);
    assert.equal(new Set(DEMO_ACCOUNTS.map((a) => a.role)).size, 7);
    for (const account of DEMO_ACCOUNTS) {
      const res = await login(account.username);
      assert.equal(res.statusCode, 200, `${account.username}: ${res.body}`);
      const [assignment] = res.json<SessionBody>().principal.assignments;
      assert.equal(assignment?.role, account.role);
      if (account.scope === 'demo_unit') assert.equal(assignment?.scope.kind, 'unit');
      else assert.deepEqual(assignment?.scope, account.scope);
    }
  });

  it('leaves them alone when a command-line run prepares the database without DEMO', async () => {
    // What `npm run audit:verify` on a server database does (issue #18, item 9).
    await prepareDatabase(dbOf(h.app), testConfig({ DEMO: '0' }), silentLogger);
    for (const account of DEMO_ACCOUNTS) assert.equal((await login(account.username)).statusCode, 200);
  });

  it('disables them, and ends their sessions, when the server is started with DEMO=0', async () => {
    const before = await login('admin');
    const cookie = `kn_session=${before.cookies.find((c) => c.name === 'kn_session')?.value ?? ''}`;
    await prepareDatabase(dbOf(h.app), testConfig({ DEMO: '0' }), silentLogger, {
      disableDemoAccounts: true,
    });
    assert.equal((await h.app.inject({ url: '/api/v1/auth/session', headers: { cookie } })).statusCode, 401);
    for (const account of DEMO_ACCOUNTS) assert.equal((await login(account.username)).statusCode, 401);
  });
});
