import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { openEmptyTestDb, openTestDb, silentLogger, testConfig, type TestDb } from '../../test/support/db.js';
import type { Db } from '../db/db.js';
import { appendAudit } from '../modules/audit/append.js';
import { verifyAuditChain } from '../modules/audit/verify.js';
import { backupCommand, restoreCommand } from './backup.js';
import { tableCounts as counts } from './table-counts.js';

const serverUrl = process.env['DATABASE_URL'];

describe(
  'kunskapsnav backup and restore',
  { timeout: 120_000, skip: serverUrl ? false : 'needs DATABASE_URL' },
  () => {
    const opened: TestDb[] = [];
    after(async () => {
      for (const t of opened) await t.close();
    });

    it('restores a backup into another database with identical counts and a verifying audit chain', async () => {
      const source = await openTestDb();
      opened.push(source);
      await source.db.transaction((tx) =>
        appendAudit(tx, {
          actorUserId: null,
          action: 'login',
          outcome: 'denied',
          clientAddress: '127.0.0.1',
          details: {},
        }),
      );
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kn-backup-')), 'kunskapsnav.dump');
      const run = (command: typeof backupCommand, url: string | undefined, db: Db) =>
        command.run({
          db,
          config: testConfig(url ? { DATABASE_URL: url } : {}),
          log: silentLogger,
          values: {},
          positionals: [file],
          out: new PassThrough(),
        });
      assert.equal(await run(backupCommand, source.url, source.db), 0);
      assert.ok(fs.statSync(file).size > 0);

      const target = await openEmptyTestDb();
      opened.push(target);
      assert.equal(await run(restoreCommand, target.url, target.db), 0);
      const before = await counts(source.db);
      assert.ok((before['org_municipality'] ?? 0) > 0);
      assert.deepEqual(await counts(target.db), before);
      const verified = await verifyAuditChain(target.db);
      assert.equal(verified.ok, true);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    });
  },
);
