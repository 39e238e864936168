import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/db.js';
import { openPglite } from '../../db/pglite.js';
import { prepareDatabase } from '../../runtime/prepare.js';
import { openTestDb, silentLogger, testConfig } from '../../../test/support/db.js';
import { runTs } from '../../../test/support/process.js';
import { createUnit } from '../org/service.js';
import { findJob } from './jobs.js';
import { sampleCsv, sampleRow } from './testing.js';

/**
 * One file, one transaction: a process killed (SIGKILL) in the middle of an import leaves no row
 * of the file behind, on either engine, and its job shows as interrupted.
 */
async function prepare(db: Db, file: string): Promise<void> {
  const unit = await createUnit(db, {
    name: 'Krasch',
    municipalityCode: '0180',
    providerType: 'municipal',
    operatingArea: 'elderly_care',
    unitType: 'special_housing',
    validFrom: '2020-01-01',
  });
  const rows = Array.from({ length: 12_000 }, (_, i) =>
    sampleRow(i, { unitCodes: [unit.code], persons: 1500 }),
  );
  fs.writeFileSync(file, sampleCsv(rows));
}

async function written(db: Db): Promise<Record<string, unknown>> {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM register_entry WHERE source_system = 'crash') AS entries,
            (SELECT count(*) FROM register_entry_version) AS versions, (SELECT count(*) FROM person) AS persons,
            (SELECT count(*) FROM person_service) AS links, (SELECT count(*) FROM indicator_fact) AS facts,
            (SELECT count(*) FROM indicator_count) AS counts`,
  );
  return rows[0] ?? {};
}

const nothing = { entries: 0, versions: 0, persons: 0, links: 0, facts: 0, counts: 0 };

async function killMidway(env: Record<string, string | undefined>): Promise<void> {
  const child = runTs('test/support/import-child.ts', env);
  await child.waitFor(/^progress ([3-9]\d{3}|\d{5,})$/m); // a few batches are in
  child.proc.kill('SIGKILL');
  const exit = await child.exited;
  assert.equal(exit.signal, 'SIGKILL');
  assert.doesNotMatch(child.stdout(), /^done/m, 'killed before the import ended');
}

describe('an import killed midway', () => {
  it('leaves nothing of the file in the embedded database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-import-crash-'));
    const file = path.join(dir, 'crash.csv');
    try {
      const db = await openPglite(path.join(dir, 'db'));
      await prepareDatabase(db, testConfig(), silentLogger);
      await prepare(db, file);
      await db.close();
      await killMidway({ DATA_DIR: path.join(dir, 'db'), DATABASE_URL: undefined, IMPORT_FILE: file });
      const reopened = await openPglite(path.join(dir, 'db'));
      try {
        assert.deepEqual(await written(reopened), nothing);
        const { rows } = await reopened.query<{ id: string }>('SELECT id FROM import_job');
        assert.equal(rows.length, 1, 'the job row was committed before the import began');
        assert.equal((await findJob(reopened, rows[0]?.id ?? '', 120_000))?.status, 'interrupted');
      } finally {
        await reopened.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    'leaves nothing of the file in a PostgreSQL database',
    { skip: !process.env['DATABASE_URL'] },
    async () => {
      const t = await openTestDb();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-import-crash-'));
      const file = path.join(dir, 'crash.csv');
      try {
        await prepare(t.db, file);
        await killMidway({ DATABASE_URL: t.url, IMPORT_FILE: file });
        assert.deepEqual(await written(t.db), nothing);
        const { rows } = await t.db.query<{ status: string; rows_read: number }>(
          'SELECT status, rows_read FROM import_job',
        );
        assert.equal(
          rows[0]?.status,
          'running',
          'progress was written from another connection, the end never',
        );
        assert.ok(Number(rows[0]?.rows_read) > 0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await t.close();
      }
    },
  );
});
