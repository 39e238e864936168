import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type Readiness } from './app.js';
import { openTestDb, silentLogger, testConfig, type TestDb } from '../../test/support/db.js';
import { activeDefinitions } from '../modules/indicators/engine.js';
import { publishQueued } from '../modules/indicators/publish.js';

describe('GET /readyz and /metrics', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(async () => t.close());

  it('is not ready until started and the first publication is done, then stays ready', async () => {
    const readiness: Readiness = { ready: false };
    const app = await buildApp(
      { db: t.db, config: testConfig() },
      { logger: silentLogger, readiness, webDir: '/nonexistent' },
    );
    assert.equal((await app.inject('/readyz')).statusCode, 503);
    readiness.ready = true;
    const def = (await activeDefinitions(t.db))[0];
    assert.ok(def);
    await t.db.query(`INSERT INTO publication_queue (indicator_id, period) VALUES ($1, '2025')`, [def.id]);
    const publishing = await app.inject('/readyz');
    assert.equal(publishing.statusCode, 503);
    assert.deepEqual(publishing.json(), { status: 'publishing', queuedTables: 1 });
    await publishQueued(t.db, await activeDefinitions(t.db), { threshold: 5 });
    assert.equal((await app.inject('/readyz')).statusCode, 200);
    await t.db.query(`INSERT INTO publication_queue (indicator_id, period) VALUES ($1, '2024')`, [def.id]);
    assert.equal(
      (await app.inject('/readyz')).statusCode,
      200,
      'a later queue does not take it out of rotation',
    );
    await app.close();
  });

  it('serves Prometheus metrics by route template to loopback only, or to the bearer of METRICS_TOKEN', async () => {
    const app = await buildApp(
      { db: t.db, config: testConfig() },
      { logger: silentLogger, webDir: '/nonexistent' },
    );
    await app.inject('/api/v1/org/regions');
    const res = await app.inject('/metrics');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.match(
      res.body,
      /kunskapsnav_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/org\/regions",status="2xx"\} 1/,
    );
    assert.match(res.body, /kunskapsnav_publisher_lag_seconds \d/);
    assert.match(res.body, /kunskapsnav_imports_running 0/);
    assert.match(res.body, /process_cpu_user_seconds_total/);
    assert.equal((await app.inject({ url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode, 404);
    await app.close();

    const token = 'metrics-token-for-the-test-0123456789abcdef';
    const guarded = await buildApp(
      { db: t.db, config: testConfig({ METRICS_TOKEN: token }) },
      { logger: silentLogger, webDir: '/nonexistent' },
    );
    assert.equal((await guarded.inject('/metrics')).statusCode, 404);
    const ok = await guarded.inject({
      url: '/metrics',
      remoteAddress: '10.1.2.3',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(ok.statusCode, 200);
    await guarded.close();
  });
});
