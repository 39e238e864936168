import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { createAccount } from './accounts.js';

/**
 * Login throttling as an attacker meets it (issue #18, items 1 and 5): parallel guesses are
 * counted before they are tried, and nobody can lock somebody else out.
 */
const PASSWORD = 'rätt-häst-batteri-häftklammer';

/** A clock the test moves; it stands still otherwise, so parallel attempts share one instant. */
function movableClock(start: string): { now: () => Date; advance(minutes: number): void } {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (minutes) => (t += minutes * 60_000) };
}

function statusCounts(codes: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of codes) out[c] = (out[c] ?? 0) + 1;
  return out;
}

describe('login throttling', () => {
  const clock = movableClock('2026-03-02T09:00:00Z');
  let h: TestApp;

  function login(username: string, password: string, ip: string, headers: Record<string, string> = {}) {
    return h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      remoteAddress: ip,
      headers,
    });
  }

  async function attempts(username: string): Promise<number> {
    const { rows } = await h.t.db.query<{ n: number | string }>(
      'SELECT count(*) AS n FROM identity_login_attempt WHERE username = $1',
      [username],
    );
    return Number(rows[0]?.n);
  }

  before(async () => {
    h = await openTestApp({ now: clock.now });
    for (const u of ['race.pair', 'race.spread', 'slow.pair', 'named.admin', 'colleague', 'proxied']) {
      await createAccount(h.t.db, { username: u, displayName: `Test ${u}`, password: PASSWORD });
    }
  });
  after(async () => h.close());

  it('counts parallel guesses from one address before trying them: 5 tried, 15 refused, the correct 20th refused', async () => {
    const guesses = Array.from({ length: 20 }, (_, i) => (i === 19 ? PASSWORD : `fel-${i}`));
    const res = await Promise.all(guesses.map((p) => login('race.pair', p, '198.51.100.10')));
    const codes = res.map((r) => r.statusCode);
    assert.deepEqual(statusCounts(codes), { 401: 5, 429: 15 });
    assert.equal(await attempts('race.pair'), 5);
    assert.equal(codes[19], 429, 'the correct password came after the limit');
    clock.advance(60);
  });

  it('counts parallel guesses from 30 addresses before trying them: 20 tried, 10 refused', async () => {
    const res = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        login('race.spread', i === 29 ? PASSWORD : `fel-${i}`, `198.51.101.${i + 1}`),
      ),
    );
    const codes = res.map((r) => r.statusCode);
    const tried = codes.filter((c) => c === 401 || c === 200).length;
    assert.equal(tried, 20);
    assert.equal(codes.filter((c) => c === 429).length, 10);
    assert.equal(await attempts('race.spread'), 20);
    clock.advance(60);
  });

  it('slows one address at one account with doubling delays, and lets it in after the wait', async () => {
    for (let i = 0; i < 5; i++)
      assert.equal((await login('slow.pair', `fel-${i}`, '198.51.100.20')).statusCode, 401);
    const first = await login('slow.pair', PASSWORD, '198.51.100.20');
    assert.equal(first.statusCode, 429);
    assert.equal(first.headers['retry-after'], '30');
    clock.advance(0.5);
    assert.equal((await login('slow.pair', 'fel-5', '198.51.100.20')).statusCode, 401);
    const second = await login('slow.pair', PASSWORD, '198.51.100.20');
    assert.equal(second.statusCode, 429);
    assert.equal(second.headers['retry-after'], '60');
    clock.advance(1);
    assert.equal((await login('slow.pair', PASSWORD, '198.51.100.20')).statusCode, 200);
    const { rows } = await h.t.db.query<{ outcome: string; reason: string | null }>(
      `SELECT outcome, details->>'reason' AS reason FROM audit_log
        WHERE action = 'login' AND (details->>'username' = 'slow.pair' OR actor_account_id IS NOT NULL)
          AND client_address = '198.51.100.20' ORDER BY seq`,
    );
    assert.deepEqual(
      rows.map((r) => `${r.outcome}:${r.reason ?? ''}`),
      [
        ...Array.from({ length: 5 }, () => 'failed:wrong_password'),
        'denied:throttled',
        'failed:wrong_password',
        'denied:throttled',
        'allowed:',
      ],
    );
    clock.advance(60);
  });

  it('does not let failures from elsewhere lock a named account out', async () => {
    // The owner has logged in from her office before.
    assert.equal((await login('named.admin', PASSWORD, '192.0.2.30')).statusCode, 200);
    for (let i = 0; i < 5; i++)
      assert.equal((await login('named.admin', `fel-${i}`, '203.0.113.66')).statusCode, 401);
    assert.equal((await login('named.admin', PASSWORD, '203.0.113.66')).statusCode, 429);
    // Five failures from one address do not touch anyone else, even a new address.
    assert.equal((await login('named.admin', PASSWORD, '192.0.2.31')).statusCode, 200);
    // A guesser spread over 25 addresses slows unfamiliar addresses, never a familiar one.
    for (let i = 0; i < 25; i++) await login('named.admin', `fel-${i}`, `203.0.114.${i + 1}`);
    assert.equal((await login('named.admin', PASSWORD, '203.0.115.1')).statusCode, 429);
    assert.equal((await login('named.admin', PASSWORD, '192.0.2.30')).statusCode, 200);
    clock.advance(60);
  });

  it('slows one address spraying many usernames, but not colleagues who log in from it', async () => {
    assert.equal((await login('colleague', PASSWORD, '203.0.113.7')).statusCode, 200);
    for (let i = 0; i < 20; i++)
      assert.equal((await login(`gissning${i}`, 'x', '203.0.113.7')).statusCode, 401);
    assert.equal((await login('gissning99', 'x', '203.0.113.7')).statusCode, 429);
    assert.equal((await login('colleague', PASSWORD, '203.0.113.7')).statusCode, 200);
    clock.advance(60);
  });

  it('reads the client address from a trusted proxy only', async () => {
    const proxied = await openTestApp({ now: clock.now, env: { TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/8' } });
    try {
      await createAccount(proxied.t.db, { username: 'proxied', displayName: 'Test', password: PASSWORD });
      const via = (client: string, password: string, peer = '10.1.2.3') =>
        proxied.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'proxied', password },
          remoteAddress: peer,
          headers: { 'x-forwarded-for': client },
        });
      for (let i = 0; i < 5; i++) assert.equal((await via('198.51.100.77', `fel-${i}`)).statusCode, 401);
      assert.equal((await via('198.51.100.77', PASSWORD)).statusCode, 429);
      // Another user behind the same proxy is another client.
      assert.equal((await via('198.51.100.78', PASSWORD)).statusCode, 200);
      const { rows } = await proxied.t.db.query<{ client_address: string }>(
        `SELECT DISTINCT client_address FROM identity_login_attempt WHERE username = 'proxied' ORDER BY 1`,
      );
      assert.deepEqual(
        rows.map((r) => r.client_address),
        ['198.51.100.77', '198.51.100.78'],
      );
    } finally {
      await proxied.close();
    }
    // Without TRUSTED_PROXIES a forwarded header is not believed.
    assert.equal(
      (await login('proxied', 'fel', '192.0.2.99', { 'x-forwarded-for': '198.51.100.200' })).statusCode,
      401,
    );
    const { rows } = await h.t.db.query<{ client_address: string }>(
      `SELECT client_address FROM identity_login_attempt WHERE username = 'proxied'`,
    );
    assert.deepEqual(
      rows.map((r) => r.client_address),
      ['192.0.2.99'],
    );
  });
});
