import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { runTs, type Child } from '../../test/support/process.js';
import {
  openEmptyTestDb,
  REFERENCE_DATA_DIR,
  TEST_AUDIT_CHECKPOINT_KEY,
  TEST_PSEUDONYM_KEY,
  type TestDb,
} from '../../test/support/db.js';
import { openPostgres } from '../db/postgres.js';
import { createAccount } from '../modules/identity/accounts.js';
import { PAIR_RULE } from '../domain/identity/session.js';
import { LEADER_LOCK } from './leadership.js';

const serverUrl = process.env['DATABASE_URL'];

/** Two real server processes on one PostgreSQL database (src/runtime/leadership.ts). */
describe('two server processes', { timeout: 120_000, skip: serverUrl ? false : 'needs DATABASE_URL' }, () => {
  const children: Child[] = [];
  let t: TestDb | undefined;
  after(async () => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await t?.close();
  });
  const start = (url: string) => {
    const child = runTs('src/main.ts', {
      DATABASE_URL: url,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO: '0',
      LOG_LEVEL: 'info',
      REFERENCE_DATA_DIR,
      PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      AUDIT_CHECKPOINT_KEY: TEST_AUDIT_CHECKPOINT_KEY,
    });
    children.push(child);
    return child;
  };
  const baseOf = async (c: Child) =>
    `http://127.0.0.1:${(await c.waitFor(/"port":(\d+)[^\n]*Kunskapsnav is ready/))[1]}`;

  it('share sessions and throttling, run one publisher, and the other takes over when the leader is killed', async () => {
    t = await openEmptyTestDb();
    const url = t.url ?? '';
    const a = start(url);
    const aBase = await baseOf(a);
    await a.waitFor(/leader: this process publishes/);
    const b = start(url);
    const bBase = await baseOf(b);
    await b.waitFor(/standing by: another process publishes/);
    assert.doesNotMatch(b.stdout(), /leader: this process/);

    const db = await openPostgres(url, 2);
    try {
      const holder = async () =>
        (
          await db.query<{ application_name: string }>(
            `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2`,
            [LEADER_LOCK[0], LEADER_LOCK[1]],
          )
        ).rows.map((r) => r.application_name);
      assert.deepEqual(await holder(), [`kunskapsnav pid ${a.proc.pid}`]);

      // A session made on one process is valid on the other.
      const username = `two-${randomBytes(4).toString('hex')}`;
      const password = randomBytes(18).toString('base64url');
      await createAccount(db, { username, displayName: 'Two processes', password });
      const login = await fetch(`${aBase}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      assert.equal(login.status, 200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const me = await fetch(`${bBase}/api/v1/auth/me`, { headers: { cookie } });
      assert.equal(me.status, 200);

      // Failed logins count across processes: the free ones are shared, the next is refused.
      const wrong = (base: string) =>
        fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: 'not the password at all' }),
        });
      for (let i = 0; i < PAIR_RULE.free; i++) assert.equal((await wrong(i % 2 ? bBase : aBase)).status, 401);
      assert.equal((await wrong(bBase)).status, 429);

      // Kill the leader outright; the other process takes the lock and publishes what is queued.
      a.proc.kill('SIGKILL');
      await a.exited;
      await b.waitFor(/leader: this process publishes/);
      assert.deepEqual(await holder(), [`kunskapsnav pid ${b.proc.pid}`]);
      const def = (
        await db.query<{ id: string }>('SELECT id FROM indicator_definition WHERE active ORDER BY id LIMIT 1')
      ).rows[0];
      assert.ok(def);
      await db.query(`INSERT INTO publication_queue (indicator_id, period) VALUES ($1, '2025')`, [def.id]);
      for (;;) {
        const { rows } = await db.query(
          `SELECT 1 FROM publication WHERE indicator_id = $1 AND period = '2025'`,
          [def.id],
        );
        if (rows.length > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await db.close();
    }
  });
});
