import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { asUser, loginAs } from '../../../test/support/auth.js';
import { openPglite } from '../../db/pglite.js';

/**
 * A backup of a running embedded server, made by the server itself: only a system administrator,
 * audited, written owner-only outside DATA_DIR, and restorable to the same rows. On PostgreSQL the
 * route says to use `kunskapsnav backup` (pg_dump) instead.
 */
describe('POST /api/v1/admin/backups', () => {
  let h: TestApp;
  const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-backups-'));

  before(async () => {
    h = await openTestApp({ env: { BACKUP_DIR: backupDir } });
  });
  after(async () => {
    await h.close();
    fs.rmSync(backupDir, { recursive: true, force: true });
  });

  it('refuses anyone but a system administrator', async () => {
    assert.equal((await h.app.inject({ method: 'POST', url: '/api/v1/admin/backups' })).statusCode, 401);
    const analyst = await loginAs(h, 'municipal_analyst', { kind: 'municipality', code: '0180' });
    const refused = await h.app.inject({
      method: 'POST',
      url: '/api/v1/admin/backups',
      headers: asUser(analyst),
    });
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(fs.readdirSync(backupDir), []);
  });

  it('writes a backup that restores to the same rows, and audits it', async () => {
    const admin = await loginAs(h, 'system_administrator', { kind: 'nation' });
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/admin/backups', headers: asUser(admin) });
    if (h.t.db.engine !== 'pglite') {
      assert.equal(res.statusCode, 409, res.body);
      assert.match(res.json<{ detail: string }>().detail, /kunskapsnav backup/);
      return;
    }
    assert.equal(res.statusCode, 201, res.body);
    const { file, bytes } = res.json<{ file: string; bytes: number }>();
    assert.equal(path.dirname(file), backupDir);
    assert.equal(fs.statSync(file).size, bytes);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);

    const counted =
      'SELECT (SELECT count(*) FROM org_unit_version)::int AS units, (SELECT count(*) FROM identity_account)::int AS accounts';
    const live = (await h.t.db.query<{ units: number; accounts: number }>(counted)).rows[0];
    const restored = await openPglite(undefined, fs.readFileSync(file));
    try {
      assert.deepEqual((await restored.query<{ units: number; accounts: number }>(counted)).rows[0], live);
    } finally {
      await restored.close();
    }
    const { rows } = await h.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'export' AND record_type = 'backup' AND record_id = $1`,
      [path.basename(file)],
    );
    assert.equal(rows[0]?.n, 1);
  });
});
