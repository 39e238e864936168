import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../db/db.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import {
  openTestDb,
  silentLogger,
  testConfig,
  TEST_PSEUDONYM_KEY,
  type TestDb,
} from '../../../test/support/db.js';
import { writeDemoNation } from '../demo/service.js';
import { activeDefinitions } from './engine.js';
import { computeReleaseInline, startPublishWorker, type PublishWorker } from './publish-pool.js';
import { makeRelease, readReleaseInput, type ReleaseSettings } from './release.js';
import { startReleaser, type Releaser } from './releaser.js';
import { TEST_CELL_KEY_SECRET } from './testing.js';

/**
 * A release's pure computation in the publishing worker thread (the server's path) gives exactly
 * what it gives inline, and a computation that fails or a thread that ends fails the release
 * without writing any of it. On a small synthetic nation, whose writer made the first release
 * inline.
 */
const request = { kind: 'on_demand', madeBy: 'test' } as const;
const settings: ReleaseSettings = { threshold: 5, secret: TEST_CELL_KEY_SECRET };

describe('a release computed in the worker thread', () => {
  let t: TestDb;
  let defs: IndicatorDefinition[];
  let worker: PublishWorker;

  /** What the releases stored: rows of each table, and a digest of every value of one release. */
  const stored = async () => {
    const { rows } = await t.db.query<{ releases: number; tables: number; values: number }>(
      `SELECT (SELECT count(*) FROM indicator_release) AS releases, (SELECT count(*) FROM released_table) AS tables,
              (SELECT count(*) FROM released_value) AS values`,
    );
    return rows[0];
  };
  const digest = async (releaseId: number) => {
    const { rows } = await t.db.query<{ digest: string; n: number }>(
      `SELECT md5(string_agg(concat_ws('|', indicator_id, version, period, level, code, sex, numerator, denominator,
          rate, ci_lower, ci_upper, status), E'\\n' ORDER BY indicator_id, period, level, code, sex)) AS digest,
          count(*) AS n
         FROM released_value WHERE release_id = $1`,
      [releaseId],
    );
    return rows[0];
  };

  before(async () => {
    t = await openTestDb({ demo: true });
    const key = Buffer.from(TEST_PSEUDONYM_KEY, 'utf8');
    const opts = { persons: 150, seed: 'relworker', asOf: '2026-11-30', years: 0, replace: false, key };
    await writeDemoNation(t.db, { ...opts, threshold: 5, publish: false }, silentLogger);
    defs = await activeDefinitions(t.db);
    worker = startPublishWorker();
  });
  after(async () => {
    await worker.close();
    await t.close();
  });

  it('computes in the worker exactly what it computes inline, and stores the same release', async () => {
    const input = { ...(await readReleaseInput(t.db, defs, settings)), withValues: true };
    const [inWorker, inline] = await Promise.all([worker.release(input), computeReleaseInline(input)]);
    assert.deepEqual(inWorker.stored, inline.stored, 'the stored rows, byte for byte');
    assert.deepEqual(inWorker.values, inline.values, 'the values');
    assert.deepEqual(
      [inWorker.across.added, inWorker.across.rounds],
      [inline.across.added, inline.across.rounds],
    );
    const values = inline.values?.flatMap((v) => v.values) ?? [];
    assert.ok(values.some((v) => v.status === 'suppressed') && values.some((v) => v.status !== 'suppressed'));

    // The release the nation's writer made inline, and one made now through the worker.
    const made = await makeRelease(t.db, defs, { ...settings, compute: worker.release }, request);
    assert.equal(made.id, 2);
    const [first, second] = [await digest(1), await digest(2)];
    assert.ok(
      first && Number(first.n) === values.length,
      `${first?.n} values stored, ${values.length} computed`,
    );
    assert.deepEqual(second, first, 'the same facts and secret give the same stored release');
  });

  it('writes nothing of a release whose computation fails, and the worker serves the next', async () => {
    const before = await stored();
    await assert.rejects(
      makeRelease(
        t.db,
        defs,
        { ...settings, compute: (input) => worker.release({ ...input, placements: new Map() }) },
        request,
      ),
      /computing in the publishing worker failed: a release has no placements read for/,
    );
    assert.deepEqual(await stored(), before);
    const made = await makeRelease(t.db, defs, { ...settings, compute: worker.release }, request);
    assert.equal(made.cells, Number(before?.values) / Number(before?.releases));
  });

  it('writes nothing of a release whose thread ends while it computes, and a closed thread computes no more', async () => {
    const ending = startPublishWorker();
    const before = await stored();
    const compute = (input: Parameters<PublishWorker['release']>[0]) => {
      const computing = ending.release(input);
      void ending.close();
      return computing;
    };
    await assert.rejects(
      makeRelease(t.db, defs, { ...settings, compute }, request),
      /the publishing worker was closed/,
    );
    assert.deepEqual(await stored(), before);
    await assert.rejects(ending.compute([]), /closed/);
  });

  it('stops the scheduler in the middle of a release without hanging or writing any of it', async () => {
    const before = await stored();
    let stopping: Promise<void> | undefined;
    // Stops the scheduler once the release has read its snapshot, before the worker computes.
    const watched: Db = {
      ...t.db,
      async transaction(fn, options) {
        const result = await t.db.transaction(fn, options);
        if (options?.setup?.some((s) => s.sql.includes('READ ONLY'))) stopping = releaser.stop();
        return result;
      },
    };
    const releaser: Releaser = startReleaser(watched, testConfig(), silentLogger, 3_600_000);
    assert.equal(await releaser.runOnce(), null, 'its first check: a release was made this month');
    await assert.rejects(
      releaser.runOnce(new Date(Date.UTC(2100, 0, 1))),
      /the publishing worker was closed/,
    );
    assert.ok(stopping, 'stopped while releasing');
    await stopping;
    assert.deepEqual(await stored(), before);
    assert.equal(
      await releaser.runOnce(new Date(Date.UTC(2100, 0, 1))),
      null,
      'a stopped scheduler releases no more',
    );
  });
});
