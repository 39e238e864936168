import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs, type LoggedIn } from '../../../test/support/auth.js';

interface SessionBody {
  principal: {
    username: string;
    authMethod: string;
    assignments: Array<{ role: string; scope: { kind: string; code?: string } }>;
  };
  csrfToken: string;
}
interface ProblemBody {
  status: number;
  detail?: string;
  errors?: Array<{ field: string; rule: string }>;
}

const PASSWORD = 'rätt-häst-batteri-häftklammer';

/** A clock the test moves; the app reads it for sessions and throttling. */
function movableClock(start: string): { now: () => Date; advance(minutes: number): void } {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (minutes) => (t += minutes * 60_000) };
}

function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'kn_session');
  if (!c) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return `kn_session=${c.value}`;
}

describe('identity over HTTP', () => {
  const clock = movableClock('2026-03-02T09:00:00Z');
  let h: TestApp;
  let admin: LoggedIn;

  async function createAccount(
    username: string,
    role = 'caseworker',
    scope: object = { kind: 'municipality', code: '0180' },
  ): Promise<string> {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/admin/accounts',
      headers: asUser(await administrator()),
      payload: { username, displayName: `Test ${username}`, password: PASSWORD },
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json<{ id: string }>().id;
    const granted = await h.app.inject({
      method: 'POST',
      url: `/api/v1/admin/accounts/${id}/roles`,
      headers: asUser(await administrator()),
      payload: { role, scope, validFrom: '2026-01-01' },
    });
    assert.equal(granted.statusCode, 201, granted.body);
    return id;
  }

  function login(username: string, password: string, extra: { cookie?: string; ip?: string } = {}) {
    return h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      remoteAddress: extra.ip ?? '192.0.2.10',
      ...(extra.cookie ? { headers: { cookie: extra.cookie } } : {}),
    });
  }

  function session(cookie: string) {
    return h.app.inject({ url: '/api/v1/auth/session', headers: { cookie } });
  }

  /** The administrator's session, renewed when the moved clock has ended it. */
  async function administrator(): Promise<LoggedIn> {
    if ((await session(admin.cookie)).statusCode !== 200) admin = await loginAs(h, 'system_administrator');
    return admin;
  }

  before(async () => {
    h = await openTestApp({ now: clock.now });
    admin = await loginAs(h, 'system_administrator');
  });
  after(async () => h.close());

  it('logs in with an HttpOnly SameSite=Lax cookie and shows the role assignments', async () => {
    await createAccount('anna.handlaggare');
    const res = await login('Anna.Handlaggare', PASSWORD);
    assert.equal(res.statusCode, 200, res.body);
    const cookie = res.cookies.find((c) => c.name === 'kn_session');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Lax');
    assert.equal(cookie?.secure, undefined, 'embedded mode serves plain http');
    const me = await session(sessionCookie(res));
    assert.equal(me.statusCode, 200);
    const body = me.json<SessionBody>();
    assert.equal(body.principal.username, 'anna.handlaggare');
    assert.deepEqual(
      body.principal.assignments.map((a) => [a.role, a.scope.kind, a.scope.code]),
      [['caseworker', 'municipality', '0180']],
    );
    assert.ok(body.csrfToken.length >= 32);
  });

  it('gives a wrong password and an unknown user the same 401', async () => {
    const wrong = await login('anna.handlaggare', 'not-the-password', { ip: '192.0.2.50' });
    const unknown = await login('ingen.alls', 'not-the-password', { ip: '192.0.2.50' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json<ProblemBody>().detail, unknown.json<ProblemBody>().detail);
    assert.equal(wrong.cookies.length, 0);
  });

  it('slows an address after five failures at one account, even for the right password, then lets it in again', async () => {
    await createAccount('bertil.throttle');
    for (let i = 0; i < 5; i++) {
      assert.equal((await login('bertil.throttle', `wrong-${i}`, { ip: '198.51.100.99' })).statusCode, 401);
    }
    const locked = await login('bertil.throttle', PASSWORD, { ip: '198.51.100.99' });
    assert.equal(locked.statusCode, 429);
    assert.match(locked.json<ProblemBody>().detail ?? '', /För många misslyckade inloggningsförsök/);
    const retryAfter = Number(locked.headers['retry-after']);
    assert.equal(retryAfter, 30);
    // The refused attempt is in the audit log, with the address it came from.
    const { rows } = await h.t.db.query<{ outcome: string; client_address: string; reason: string }>(
      `SELECT outcome, client_address, details->>'reason' AS reason FROM audit_log
        WHERE action = 'login' AND details->>'username' = 'bertil.throttle' ORDER BY seq`,
    );
    assert.deepEqual(
      rows.map((r) => [r.outcome, r.reason]),
      [...Array.from({ length: 5 }, () => ['failed', 'wrong_password']), ['denied', 'throttled']],
    );
    assert.equal(rows[5]?.client_address, '198.51.100.99');
    clock.advance(15);
    assert.equal((await login('bertil.throttle', PASSWORD)).statusCode, 200);
  });

  it('throttles one client address trying many usernames', async () => {
    for (let i = 0; i < 20; i++) {
      assert.equal((await login(`gissning${i}`, 'x', { ip: '203.0.113.7' })).statusCode, 401);
    }
    assert.equal((await login('anna.handlaggare', PASSWORD, { ip: '203.0.113.7' })).statusCode, 429);
    assert.equal((await login('anna.handlaggare', PASSWORD, { ip: '203.0.113.8' })).statusCode, 200);
    clock.advance(15);
  });

  it('rotates the session on login: the cookie held before no longer works', async () => {
    const first = sessionCookie(await login('anna.handlaggare', PASSWORD));
    const second = sessionCookie(await login('anna.handlaggare', PASSWORD, { cookie: first }));
    assert.notEqual(first, second);
    assert.equal((await session(first)).statusCode, 401);
    assert.equal((await session(second)).statusCode, 200);
  });

  it('ends a session after 30 idle minutes, and after 12 hours however active', async () => {
    const idle = sessionCookie(await login('anna.handlaggare', PASSWORD));
    clock.advance(29);
    assert.equal((await session(idle)).statusCode, 200, 'activity 29 minutes later keeps it alive');
    clock.advance(30);
    assert.equal((await session(idle)).statusCode, 401);

    const busy = sessionCookie(await login('anna.handlaggare', PASSWORD));
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      clock.advance(20);
      assert.equal((await session(busy)).statusCode, 200, `after ${minutes + 20} minutes`);
    }
    clock.advance(20);
    assert.equal((await session(busy)).statusCode, 401);
  });

  it('refuses a cookie-authenticated write without the CSRF token, and logs out with it', async () => {
    const res = await login('anna.handlaggare', PASSWORD);
    const cookie = sessionCookie(res);
    const { csrfToken } = res.json<SessionBody>();
    const forged = await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    assert.equal(forged.statusCode, 403);
    const wrongToken = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': `${csrfToken.slice(0, -1)}x` },
    });
    assert.equal(wrongToken.statusCode, 403);
    assert.equal((await session(cookie)).statusCode, 200, 'the forged requests changed nothing');
    const out = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    assert.equal(out.statusCode, 204);
    assert.equal((await session(cookie)).statusCode, 401);
  });

  it('logs out everywhere: every session of the account ends', async () => {
    const phone = await login('anna.handlaggare', PASSWORD);
    const desk = sessionCookie(await login('anna.handlaggare', PASSWORD));
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-everywhere',
      headers: { cookie: sessionCookie(phone), 'x-csrf-token': phone.json<SessionBody>().csrfToken },
    });
    assert.equal(res.statusCode, 200);
    assert.ok(res.json<{ ended: number }>().ended >= 2);
    assert.equal((await session(desk)).statusCode, 401);
  });

  it('keeps account administration to system administrators', async () => {
    const caseworker = await loginAs(h, 'caseworker');
    const list = await h.app.inject({
      url: '/api/v1/admin/accounts',
      headers: { cookie: caseworker.cookie },
    });
    assert.equal(list.statusCode, 403);
    const anonymous = await h.app.inject({ url: '/api/v1/admin/accounts' });
    assert.equal(anonymous.statusCode, 401);
    const ok = await h.app.inject({
      url: '/api/v1/admin/accounts',
      headers: { cookie: (await administrator()).cookie },
    });
    assert.equal(ok.statusCode, 200);
    assert.ok(
      ok
        .json<{ accounts: Array<{ username: string }> }>()
        .accounts.some((a) => a.username === 'anna.handlaggare'),
    );
  });

  it('refuses a role with a scope it cannot have, an unknown municipality and a short password, naming the field', async () => {
    const id = await createAccount('cecilia.analytiker', 'municipal_analyst', {
      kind: 'municipality',
      code: '0114',
    });
    const cases: Array<[object, string, string]> = [
      [
        { role: 'municipal_analyst', scope: { kind: 'region', code: '01' } },
        'scope.kind',
        'scope_not_allowed_for_role',
      ],
      [
        { role: 'municipal_analyst', scope: { kind: 'municipality', code: '0999' } },
        'scope.code',
        'unknown_municipality',
      ],
    ];
    for (const [payload, field, rule] of cases) {
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/v1/admin/accounts/${id}/roles`,
        headers: asUser(await administrator()),
        payload,
      });
      assert.equal(res.statusCode, 422, res.body);
      assert.deepEqual(
        res.json<ProblemBody>().errors?.map((e) => [e.field, e.rule]),
        [[field, rule]],
      );
    }
    const short = await h.app.inject({
      method: 'POST',
      url: '/api/v1/admin/accounts',
      headers: asUser(await administrator()),
      payload: { username: 'kort.losen', displayName: 'Kort', password: 'kort' },
    });
    assert.equal(short.statusCode, 422);
    assert.equal(short.json<ProblemBody>().errors?.[0]?.field, 'password');
  });

  it('refuses passwords NIST SP 800-63B calls weak, naming the rule, and creates nothing', async () => {
    const weak: Array<[string, string]> = [
      [' '.repeat(12), 'repetitive'],
      ['aaaaaaaaaaaa', 'repetitive'],
      ['password1234', 'blocklisted'],
      ['😀😀😀😀😀😀', 'too_short'],
      ['Sommar2026!!', 'blocklisted'],
    ];
    for (const [i, [password, rule]] of weak.entries()) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/admin/accounts',
        headers: asUser(await administrator()),
        payload: { username: `svag.${i}`, displayName: 'Svag', password },
      });
      assert.equal(res.statusCode, 422, `${JSON.stringify(password)}: ${res.body}`);
      assert.deepEqual(
        res.json<ProblemBody>().errors?.map((e) => [e.field, e.rule]),
        [['password', rule]],
      );
    }
    const { rows } = await h.t.db.query(`SELECT 1 FROM identity_account WHERE username LIKE 'svag.%'`);
    assert.equal(rows.length, 0);
  });

  it('leaves expired role assignments out of the principal', async () => {
    const id = await createAccount('david.byter', 'caseworker', { kind: 'municipality', code: '0180' });
    const expired = await h.app.inject({
      method: 'POST',
      url: `/api/v1/admin/accounts/${id}/roles`,
      headers: asUser(await administrator()),
      payload: {
        role: 'unit_manager',
        scope: { kind: 'nation' },
        validFrom: '2020-01-01',
        validTo: '2021-01-01',
      },
    });
    assert.equal(expired.statusCode, 422, 'a unit manager is scoped to a unit');
    const old = await h.app.inject({
      method: 'POST',
      url: `/api/v1/admin/accounts/${id}/roles`,
      headers: asUser(await administrator()),
      payload: {
        role: 'municipal_analyst',
        scope: { kind: 'municipality', code: '0114' },
        validFrom: '2020-01-01',
        validTo: '2021-01-01',
      },
    });
    assert.equal(old.statusCode, 201);
    const me = await session(sessionCookie(await login('david.byter', PASSWORD)));
    assert.deepEqual(
      me.json<SessionBody>().principal.assignments.map((a) => a.role),
      ['caseworker'],
    );
  });

  it('ends the sessions of a disabled account at once and refuses its login', async () => {
    const id = await createAccount('erik.slutar');
    const cookie = sessionCookie(await login('erik.slutar', PASSWORD));
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/v1/admin/accounts/${id}/disable`,
      headers: asUser(await administrator()),
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ disabled: boolean }>().disabled, true);
    assert.equal((await session(cookie)).statusCode, 401);
    assert.equal((await login('erik.slutar', PASSWORD)).statusCode, 401);
  });
});
