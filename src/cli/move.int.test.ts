import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { openEmptyTestDb, silentLogger, testConfig, type TestDb } from '../../test/support/db.js';
import { openPglite } from '../db/pglite.js';
import { appendAudit } from '../modules/audit/append.js';
import { verifyAuditChain } from '../modules/audit/verify.js';
import { prepareDatabase } from '../runtime/prepare.js';
import { backupEmbedded } from './embedded.js';
import { moveToServerCommand } from './move.js';
import { tableCounts, tableDigests } from './table-counts.js';

const serverUrl = process.env['DATABASE_URL'];

describe(
  'kunskapsnav move-to-server (embedded → PostgreSQL)',
  { timeout: 180_000, skip: serverUrl ? false : 'needs DATABASE_URL (the PostgreSQL round)' },
  () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-move-'));
    const opened: TestDb[] = [];
    after(async () => {
      for (const t of opened) await t.close();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('moves every row, value and sequence; the audit chain verifies on the server', async () => {
      const file = path.join(root, 'trial.tar.gz');
      const source = await openPglite(undefined);
      let counts: Record<string, number>;
      let digests: Record<string, string>;
      try {
        await prepareDatabase(source, testConfig(), silentLogger);
        for (let i = 0; i < 2; i++)
          await source.transaction((tx) =>
            appendAudit(tx, {
              actorUserId: null,
              action: 'login',
              outcome: 'denied',
              clientAddress: '127.0.0.1',
              details: {},
            }),
          );
        await backupEmbedded(source, file);
        counts = await tableCounts(source);
        digests = await tableDigests(source);
      } finally {
        await source.close();
      }

      const target = await openEmptyTestDb();
      opened.push(target);
      const config = testConfig({ DATABASE_URL: target.url ?? '' });
      await prepareDatabase(target.db, config, silentLogger);
      const run = () =>
        moveToServerCommand.run({
          db: target.db,
          config,
          log: silentLogger,
          values: {},
          positionals: [file],
          out: new PassThrough(),
        });
      assert.equal(await run(), 0);
      assert.deepEqual(await tableCounts(target.db), counts);
      assert.deepEqual(await tableDigests(target.db), digests);
      assert.equal((await verifyAuditChain(target.db)).ok, true);
      // The server is in use now: a second move is refused.
      assert.equal(await run(), 2);
    });
  },
);
