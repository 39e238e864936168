import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { silentLogger, testConfig } from '../../test/support/db.js';
import type { Config } from '../config/config.js';
import { appendAudit } from '../modules/audit/append.js';
import { verifyAuditChain } from '../modules/audit/verify.js';
import { openDatabase } from '../runtime/database.js';
import { prepareDatabase } from '../runtime/prepare.js';
import { backupCommand, restoreCommand } from './backup.js';
import { tableCounts } from './table-counts.js';

describe('kunskapsnav backup and restore on the embedded engine', { timeout: 120_000 }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-embedded-backup-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const ctx = (config: Config, file: string) => ({
    config,
    log: silentLogger,
    values: {},
    positionals: [file],
    out: new PassThrough(),
  });

  it('restores a DATA_DIR tarball into an empty DATA_DIR with identical counts and a verifying audit chain', async () => {
    const file = path.join(root, 'trial.tar.gz');
    const source = testConfig({ DATA_DIR: path.join(root, 'source') });
    const opened = await openDatabase(source);
    let before: Record<string, number>;
    try {
      await prepareDatabase(opened.db, source, silentLogger);
      await opened.db.transaction((tx) =>
        appendAudit(tx, {
          actorUserId: null,
          action: 'login',
          outcome: 'denied',
          clientAddress: '127.0.0.1',
          details: {},
        }),
      );
      // A key file generated into DATA_DIR travels with the backup and stays owner-only.
      fs.writeFileSync(path.join(source.dataDir, 'pseudonym.key'), 'k'.repeat(48), { mode: 0o600 });
      assert.equal(await backupCommand.run({ ...ctx(source, file), db: opened.db }), 0);
      before = await tableCounts(opened.db);
    } finally {
      await opened.shutdown();
    }
    assert.ok((before['org_municipality'] ?? 0) > 0);
    assert.ok((before['audit_log'] ?? 0) > 0);

    const target = testConfig({ DATA_DIR: path.join(root, 'target') });
    assert.equal(await restoreCommand.runEmbeddedUnopened?.(ctx(target, file)), 0);
    assert.equal(fs.existsSync(path.join(target.dataDir, 'kunskapsnav.lock')), false);
    const key = path.join(target.dataDir, 'pseudonym.key');
    assert.equal(fs.readFileSync(key, 'utf8'), 'k'.repeat(48));
    assert.equal(fs.statSync(key).mode & 0o777, 0o600);
    // A second restore into the now used DATA_DIR is refused.
    assert.equal(await restoreCommand.runEmbeddedUnopened?.(ctx(target, file)), 2);
    const restored = await openDatabase(target);
    try {
      assert.deepEqual(await tableCounts(restored.db), before);
      assert.equal((await verifyAuditChain(restored.db)).ok, true);
    } finally {
      await restored.shutdown();
    }
  });
});
