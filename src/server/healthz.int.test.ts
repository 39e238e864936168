import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type Readiness } from './app.js';
import { openEmptyTestDb, silentLogger, testConfig, type TestDb } from '../../test/support/db.js';

describe('GET /healthz', () => {
  let t: TestDb;
  before(async () => {
    t = await openEmptyTestDb();
  });
  after(async () => t.close());

  it('answers 503 while starting and 200 with the engine once ready; the API waits too', async () => {
    const readiness: Readiness = { ready: false };
    const app = await buildApp(
      { db: t.db, config: testConfig() },
      { logger: silentLogger, readiness, webDir: '/nonexistent' },
    );
    const starting = await app.inject('/healthz');
    assert.equal(starting.statusCode, 503);
    const api = await app.inject('/api/v1/org/regions');
    assert.equal(api.statusCode, 503);
    assert.equal(api.headers['retry-after'], '2');
    readiness.ready = true;
    const ok = await app.inject('/healthz');
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), {
      status: 'ok',
      database: process.env['DATABASE_URL'] ? 'postgres' : 'pglite',
    });
    await app.close();
  });

  it('sends security headers and echoes a well-formed request id', async () => {
    const app = await buildApp(
      { db: t.db, config: testConfig() },
      { logger: silentLogger, webDir: '/nonexistent' },
    );
    const res = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    assert.equal(res.headers['x-request-id'], 'abc-123');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'(;|$)/);
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    const forged = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\nwith newline' } });
    assert.notEqual(forged.headers['x-request-id'], 'bad id\nwith newline');
    const missing = await app.inject('/api/v1/nothing-here');
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers['content-type']), /^application\/problem\+json/);
    await app.close();
  });

  it('sends HSTS and Secure cookies only in server mode (behind TLS), and refuses bodies over 1 MiB', async () => {
    const embedded = await buildApp(
      { db: t.db, config: testConfig() },
      { logger: silentLogger, webDir: '/nonexistent' },
    );
    const secure = await buildApp(
      { db: t.db, config: testConfig({ COOKIE_SECURE: '1' }) },
      { logger: silentLogger, webDir: '/nonexistent' },
    );
    assert.equal((await embedded.inject('/healthz')).headers['strict-transport-security'], undefined);
    assert.equal(
      (await secure.inject('/healthz')).headers['strict-transport-security'],
      'max-age=31536000; includeSubDomains',
    );
    const huge = await embedded.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x', password: 'y'.repeat(1024 * 1024) }),
    });
    assert.equal(huge.statusCode, 413);
    assert.match(String(huge.headers['content-type']), /^application\/problem\+json/);
    assert.doesNotMatch(huge.body, /at [A-Za-z]+ \(/, 'no stack trace');
    await embedded.close();
    await secure.close();
  });
});
