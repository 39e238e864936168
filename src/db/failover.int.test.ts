import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../config/paths.js';
import type { Db } from './db.js';
import { openPrimary } from './primary.js';

const serverUrl = process.env['DATABASE_URL'];
const hasAutoctl = (() => {
  try {
    execFileSync('pg_autoctl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const SCRIPT = path.join(projectRoot(), 'scripts', 'pg-auto-failover.sh');

/**
 * pg_auto_failover on loopback (scripts/pg-auto-failover.sh: a monitor, a primary, a secondary):
 * through a failover under a steady write load, no acknowledged write is lost and a write that
 * failed is either wholly there or wholly absent (each write is one transaction of two rows).
 */
describe(
  'failover with pg_auto_failover',
  {
    timeout: 180_000,
    skip: !serverUrl
      ? 'needs DATABASE_URL (the PostgreSQL round)'
      : !hasAutoctl
        ? 'needs pg_autoctl (apt-get install postgresql-15-auto-failover; .ci/run installs it)'
        : false,
  },
  () => {
    let dir = '';
    let url = '';
    let db: Db | undefined;
    before(() => {
      const out = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8' });
      dir = /PG_AUTO_FAILOVER_DIR=(\S+)/.exec(out)?.[1] ?? '';
      url = /DATABASE_URL='([^']+)'/.exec(out)?.[1] ?? '';
    });
    after(async () => {
      await db?.close();
      if (dir) execFileSync('bash', [SCRIPT, 'stop', dir]);
    });

    it('loses no acknowledged write and half-applies none', async () => {
      db = await openPrimary(url, 4, () => undefined, { searchSeconds: 60 });
      const port = async () =>
        (await (db as Db).query<{ port: number }>('SELECT inet_server_port() AS port')).rows[0]?.port;
      await db.exec(
        'CREATE TABLE failover_a (id integer PRIMARY KEY); CREATE TABLE failover_b (id integer PRIMARY KEY)',
      );
      const before = await port();

      const acked: number[] = [];
      const failed: number[] = [];
      let failoverDone = false;
      let ackedAfter = 0;
      const failover = (async () => {
        while (acked.length < 20) await new Promise((resolve) => setImmediate(resolve));
        await promisify(execFile)('bash', [SCRIPT, 'failover', dir]);
        failoverDone = true;
      })();
      for (let id = 1; !failoverDone || ackedAfter < 20; id++) {
        try {
          await db.transaction(async (tx) => {
            await tx.query('INSERT INTO failover_a (id) VALUES ($1)', [id]);
            await tx.query('INSERT INTO failover_b (id) VALUES ($1)', [id]);
          });
          acked.push(id);
          if (failoverDone) ackedAfter++;
        } catch {
          failed.push(id);
          // A client would retry after a moment; the resolver meanwhile looks for the new primary.
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await failover;

      assert.notEqual(await port(), before, 'the writes now go to the other node');
      const ids = async (table: string) =>
        new Set((await (db as Db).query<{ id: number }>(`SELECT id FROM ${table}`)).rows.map((r) => r.id));
      const a = await ids('failover_a');
      const b = await ids('failover_b');
      assert.deepEqual(
        [...a].sort((x, y) => x - y),
        [...b].sort((x, y) => x - y),
        'no write half-applied',
      );
      assert.deepEqual(
        acked.filter((id) => !a.has(id)),
        [],
        'every acknowledged write survived',
      );
      assert.ok(acked.length >= 40);
    });
  },
);
