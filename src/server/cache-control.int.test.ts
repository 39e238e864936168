import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../test/support/app.js';
import { asUser, loginAs, type LoggedIn } from '../../test/support/auth.js';

/** Issue #18, item 9: answers with personal data are never kept by a browser or a proxy. */
describe('Cache-Control on the internal API', () => {
  let h: TestApp;
  let admin: LoggedIn;
  let caseworker: LoggedIn;
  before(async () => {
    h = await openTestApp();
    admin = await loginAs(h, 'system_administrator');
    caseworker = await loginAs(h, 'caseworker');
  });
  after(async () => h.close());

  it('sends no-store on persons, entries, the audit log and the session', async () => {
    const asked: Array<[string, LoggedIn]> = [
      ['/api/v1/audit', admin],
      ['/api/v1/auth/session', admin],
      ['/api/v1/persons', caseworker],
      ['/api/v1/persons/ps-unknown', caseworker],
      ['/api/v1/persons/ps-unknown/entries', caseworker],
    ];
    for (const [url, user] of asked) {
      const res = await h.app.inject({ url, headers: asUser(user) });
      assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
      assert.equal(res.headers['cache-control'], 'no-store', `${url} (${res.statusCode})`);
    }
    const audit = await h.app.inject({ url: '/api/v1/audit', headers: asUser(admin) });
    assert.equal(audit.statusCode, 200);
  });
});
