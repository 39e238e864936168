import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openEmptyTestDb, type TestDb } from '../../test/support/db.js';
import { discoverMigrations, migrate, type Migration } from './migrate.js';

function fake(version: number, sql: string): Migration {
  return { version, name: `probe_${version}`, module: 'test', sql, checksum: `c${version}:${sql.length}` };
}

describe('migrations', () => {
  let t: TestDb;
  before(async () => {
    t = await openEmptyTestDb();
  });
  after(async () => t.close());

  it('discovers numbered files from every module in order, with unique numbers', () => {
    const all = discoverMigrations();
    assert.ok(all.length >= 1);
    assert.equal(all[0]?.version, 1);
    assert.deepEqual(
      all.map((m) => m.version),
      [...all.map((m) => m.version)].sort((a, b) => a - b),
    );
    assert.equal(new Set(all.map((m) => m.version)).size, all.length);
  });

  it('applies every migration once and records it; a second run applies none', async () => {
    const first = await migrate(t.db);
    assert.equal(first.applied.length, discoverMigrations().length);
    const second = await migrate(t.db);
    assert.deepEqual(second.applied, []);
    assert.equal(second.alreadyApplied, first.applied.length);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    assert.equal(rows[0]?.n, first.applied.length);
  });

  it('rolls back a failing migration whole: no table, no record', async () => {
    const bad = fake(9001, 'CREATE TABLE probe_half (x int); INSERT INTO probe_half VALUES (1); SELECT 1/0;');
    await assert.rejects(
      migrate(t.db, [bad]),
      /migration 9001 \(test\/probe_9001\) failed: division by zero/,
    );
    const table = await t.db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'probe_half'");
    assert.equal(table.rows.length, 0);
    const rec = await t.db.query('SELECT 1 FROM schema_migrations WHERE version = 9001');
    assert.equal(rec.rows.length, 0);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    await migrate(t.db, [fake(9002, 'CREATE TABLE probe_edit (x int);')]);
    const edited = { ...fake(9002, 'CREATE TABLE probe_edit (x int);'), checksum: 'different' };
    await assert.rejects(migrate(t.db, [edited]), /was changed after it was applied/);
  });
});
