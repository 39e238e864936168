import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from './db.js';
import { openPostgres } from './postgres.js';

const serverUrl = process.env['DATABASE_URL'];

/** Only meaningful against a server: PGlite has no connections to lose. */
describe('PostgreSQL pool', { timeout: 30_000, skip: serverUrl ? false : 'needs DATABASE_URL' }, () => {
  const name = `kn_pool_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client;
  let db: Db;
  const idleErrors: Error[] = [];
  let heard: () => void = () => undefined;
  const firstIdleError = new Promise<void>((resolve) => (heard = resolve));

  before(async () => {
    admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl ?? '');
    url.pathname = `/${name}`;
    db = await openPostgres(url.toString(), 2, (err) => {
      idleErrors.push(err);
      heard();
    });
  });
  after(async () => {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('survives an idle connection terminated by the server: reported, and the next query reconnects', async () => {
    const before = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = before.rows[0]?.pid;
    assert.ok(pid);
    const killed = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
    assert.equal(killed.rows[0]?.ok, true);
    // The pool hears of it asynchronously: wait for the report, not for a time.
    await firstIdleError;
    assert.equal(idleErrors.length, 1);
    assert.match(idleErrors[0]?.message ?? '', /terminating connection/);
    const after = await db.query<{ pid: number; one: number }>('SELECT pg_backend_pid() AS pid, 1 AS one');
    assert.equal(after.rows[0]?.one, 1);
    assert.notEqual(after.rows[0]?.pid, pid);
  });
});
