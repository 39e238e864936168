import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { openEmptyTestDb, silentLogger, testConfig, type TestDb } from '../../test/support/db.js';
import type { Db } from '../db/db.js';
import type { Fact } from '../domain/facts/fact.js';
import { openPglite } from '../db/pglite.js';
import { activeDefinitions, recordFacts } from '../modules/indicators/engine.js';
import { publishQueued } from '../modules/indicators/publish.js';
import { createUnit } from '../modules/org/service.js';
import { appendAudit } from '../modules/audit/append.js';
import { verifyAuditChain } from '../modules/audit/verify.js';
import { prepareDatabase } from '../runtime/prepare.js';
import { backupEmbedded } from './embedded.js';
import { moveToServerCommand } from './move.js';
import { tableCounts, tableDigests } from './table-counts.js';

const serverUrl = process.env['DATABASE_URL'];

const sequences = async (db: Db) =>
  (await db.query("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"))
    .rows;

/** A few facts on one unit, published: the move must carry published values too. */
async function publishSome(db: Db): Promise<void> {
  const defs = await activeDefinitions(db);
  const unit = await createUnit(db, {
    name: 'Solgården',
    municipalityCode: '0114',
    providerType: 'municipal',
    operatingArea: 'elderly_care',
    unitType: 'special_housing',
    validFrom: '2020-01-01',
  });
  for (let i = 0; i < 12; i++) {
    const base = {
      register: 'senior_alert' as const,
      person: `p${i}`,
      unitId: unit.unitId,
      sex: i % 2 ? ('K' as const) : ('M' as const),
      age: 70 + i,
    };
    const facts: Fact[] = [
      { ...base, kind: 'served', date: '2024-05-01', attributes: {} },
      {
        ...base,
        kind: 'risk_assessment',
        date: '2024-05-02',
        attributes: { instrument: 'downton', risk: i % 4 === 0 },
      },
    ];
    await db.transaction((tx) => recordFacts(tx, defs, facts, { type: 'test', id: `r${i}` }));
  }
  await publishQueued(db, defs, { threshold: 5 });
}

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
      let positions: unknown[];
      try {
        await prepareDatabase(source, testConfig(), silentLogger);
        await publishSome(source);
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
        positions = await sequences(source);
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
      assert.ok((counts['published_value'] ?? 0) > 0);
      assert.deepEqual(await tableCounts(target.db), counts);
      assert.deepEqual(await tableDigests(target.db), digests);
      assert.deepEqual(await sequences(target.db), positions);
      assert.equal((await verifyAuditChain(target.db)).ok, true);
      // The server is in use now: a second move is refused.
      assert.equal(await run(), 2);
    });
  },
);
