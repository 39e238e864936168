import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { openTestDb, TEST_PSEUDONYM_KEY, type TestDb } from '../../../test/support/db.js';
import { DEFAULT_PALLIATIVE_WINDOWS } from '../../domain/registers/windows.js';
import { createUnit } from '../org/service.js';
import { systemActor } from './actor.js';
import { runImport } from './engine.js';
import type { ImportStage } from '../../contracts/imports.js';
import { findJob, insertJob } from './jobs.js';
import { ProgressBar } from './progress-bar.js';
import { sampleCsv, sampleRow } from './testing.js';

/**
 * An import reads its rows, then counts: it settles the indicator counts of everything it
 * touched, which takes minutes for a large file. The job says which, and is kept alive while it
 * counts (a silent job is taken for a stopped one).
 */
describe('the stage of an import', () => {
  const now = new Date('2025-01-15T10:00:00Z');
  let t: TestDb;
  let csv: string;

  before(async () => {
    t = await openTestDb();
    const unit = await createUnit(t.db, {
      name: 'Stegården',
      municipalityCode: '0180',
      providerType: 'municipal',
      operatingArea: 'elderly_care',
      unitType: 'special_housing',
      validFrom: '2020-01-01',
    });
    csv = sampleCsv(
      Array.from({ length: 2500 }, (_, i) => sampleRow(i, { unitCodes: [unit.code], persons: 300 })),
    );
  });
  after(async () => t.close());

  /** The stages reported, each once, in order, and the job's row at the end. */
  async function stagesOf(dryRun: boolean, sourceSystem: string) {
    const seen: ImportStage[] = [];
    const outcome = await runImport(
      { db: t.db, key: Buffer.from(TEST_PSEUDONYM_KEY), windows: DEFAULT_PALLIATIVE_WINDOWS },
      systemActor(now),
      {
        register: 'senior_alert',
        sourceSystem,
        fileName: 'stage.csv',
        format: 'csv',
        dryRun,
        bytesTotal: Buffer.byteLength(csv),
      },
      Readable.from([Buffer.from(csv)]),
      { onProgress: (p) => (seen.at(-1) === p.stage ? undefined : seen.push(p.stage)) },
    );
    const { rows } = await t.db.query<{ stage: string }>('SELECT stage FROM import_job WHERE id = $1', [
      outcome.jobId,
    ]);
    return { seen, outcome, stored: rows[0]?.stage };
  }

  it('reads, then counts; the counting stage reaches the job row on PostgreSQL', async () => {
    const { seen, outcome, stored } = await stagesOf(false, 'stage-test');
    assert.equal(outcome.status, 'done');
    assert.equal(outcome.report.created, 2500);
    assert.deepEqual(seen, ['reading', 'counting']);
    // PGlite: the import's transaction holds the only connection, so progress stays in memory.
    assert.equal(stored, t.db.engine === 'pglite' ? 'reading' : 'counting');
  });

  it('does not count in a dry run', async () => {
    const { seen, outcome, stored } = await stagesOf(true, 'stage-dry');
    assert.equal(outcome.status, 'done');
    assert.equal(outcome.report.imported, false);
    assert.deepEqual(seen, ['reading']);
    assert.equal(stored, 'reading');
  });

  it('shows the stage of a job found on file', async () => {
    const id = '5f0c7d2e-8a4b-4c1d-9e6f-2a3b4c5d6e7f';
    await insertJob(t.db, {
      id,
      register: 'senior_alert',
      sourceSystem: 'stage-file',
      fileName: null,
      format: 'csv',
      dryRun: false,
      bytesTotal: 100,
      createdBy: null,
      at: new Date(),
    });
    await t.db.query(
      `UPDATE import_job SET stage = 'counting', rows_read = 7, updated_at = now() WHERE id = $1`,
      [id],
    );
    const job = await findJob(t.db, id, 120_000);
    assert.equal(job?.stage, 'counting');
    assert.equal(job?.rowsRead, 7);
    // Not running in this process: on PGlite that means stopped; on PostgreSQL only silence does.
    assert.equal(job?.status, t.db.engine === 'pglite' ? 'interrupted' : 'running');
  });

  it('says so on the command line while counting, not in the final line', () => {
    const chunks: string[] = [];
    const bar = new ProgressBar(
      { write: (s: string) => chunks.push(s) } as unknown as NodeJS.WritableStream,
      false,
    );
    const at = { rowsRead: 10, bytesRead: 50, bytesTotal: 100, errorCount: 0 };
    assert.match(bar.line({ ...at, stage: 'counting' }), /räknar indikatorerna \/ counting the indicators$/);
    assert.doesNotMatch(bar.line({ ...at, stage: 'reading' }), /counting/);
    assert.match(bar.line({ ...at, stage: 'reading' }), /^\[#{12}-{12}\] {2}50 % 10 rader \/ rows/);
  });
});
