import type { Logger } from 'pino';
import type { Db } from '../../db/db.js';
import { NationGenerator } from '../../domain/synthetic/index.js';
import { activeDefinitions, rebuildIndicators } from '../indicators/engine.js';
import { ensureFactYears } from '../indicators/fact-partitions.js';
import { publishQueued } from '../indicators/publish.js';
import { allUnitVersions, firstSyntheticUnit, municipalitiesWithSkrGroup } from '../org/reads.js';
import { cellKeySecret, makeRelease } from '../indicators/release.js';
import { latestRelease } from '../indicators/release-queries.js';
import * as q from './queries.js';
import { writeDemoSurveys } from './surveys.js';
import { rowsOf } from './rows.js';
import { writeBatch, type BatchCounts } from './write.js';

/**
 * Writes a synthetic nation into the database: persons, identities, service periods, register
 * entries and their facts, in batches, then rebuilds every indicator count from the facts and
 * publishes them. A system job: it runs as the connection owner, outside any user's scope.
 */
export interface DemoOptions {
  persons: number;
  seed: string;
  /** Last day of the data; the span starts on 1 January `years` (default 4) years before its year. */
  asOf: string;
  years?: number;
  /** Delete an earlier synthetic nation first instead of refusing. */
  replace: boolean;
  /** The pseudonym key (src/config/secrets.ts). */
  key: Uint8Array;
  threshold: number;
  batchSize?: number;
  /** Publish the rebuilt tables here (default), or leave them queued for the server's publisher. */
  publish?: boolean;
  /**
   * On PGlite, CHECKPOINT after every this many batches and after each phase (default 10; 0 never):
   * the embedded engine has no background checkpointer, so without it WAL grows with the write.
   */
  checkpointEvery?: number;
  /** Also write last year's national user surveys, closed and settled (the demo start and CLI do). */
  surveys?: boolean;
}

export interface DemoResult extends BatchCounts {
  replaced: number;
  counts: number;
  tables: number;
  /** Survey answers written (0 unless `surveys`). */
  surveyAnswers: number;
  seconds: { write: number; rebuild: number; publish: number };
}

export class DemoExistsError extends Error {
  constructor(readonly existing: number) {
    super(
      `the database already holds ${existing} synthetic persons; run with --replace to delete them and write a new nation`,
    );
    this.name = 'DemoExistsError';
  }
}

const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

export async function writeDemoNation(db: Db, options: DemoOptions, log: Logger): Promise<DemoResult> {
  const existing = await q.syntheticPersonCount(db);
  if (existing > 0 && !options.replace) throw new DemoExistsError(existing);
  const replaced = existing > 0 ? await q.deleteSynthetic(db) : 0;
  if (replaced > 0) log.info({ persons: replaced }, 'synthetic persons deleted');

  const started = process.hrtime.bigint();
  const units = await allUnitVersions(db);
  const generator = new NationGenerator({
    seed: options.seed,
    persons: options.persons,
    asOf: options.asOf,
    ...(options.years === undefined ? {} : { years: options.years }),
    municipalities: await municipalitiesWithSkrGroup(db),
    units,
    // The demo caseworker's unit (src/modules/identity/demo-accounts.ts chooses it the same way).
    featuredUnitIds: [await firstSyntheticUnit(db, '0180', 'elderly_care')].filter((id) => id !== undefined),
  });
  // Every year of the span has its fact partition before the first fact is written.
  const yearOfDay = (day: number) => new Date(day * 86_400_000).getUTCFullYear();
  const [firstYear, lastYear] = [yearOfDay(generator.plan.spanStartDay), yearOfDay(generator.plan.asOfDay)];
  await ensureFactYears(
    db,
    Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i),
  );
  const total: BatchCounts = { persons: 0, services: 0, entries: 0, facts: 0 };
  const every = db.engine === 'pglite' ? (options.checkpointEvery ?? 10) : 0;
  let batches = 0;
  const checkpoint = async (due = true) => {
    if (every > 0 && due) await db.checkpoint();
  };
  const marker = { seed: options.seed, nationSize: options.persons };
  while (generator.remaining > 0) {
    const rows = generator.take(options.batchSize ?? 2000).map((r) => rowsOf(generator.plan, r, options.key));
    const written = await db.transaction((tx) => writeBatch(tx, rows, marker, options.asOf));
    for (const k of Object.keys(total) as (keyof BatchCounts)[]) total[k] += written[k];
    log.info(
      { ...total, of: options.persons, seconds: Number(since(started).toFixed(1)) },
      'synthetic persons written',
    );
    await checkpoint(++batches % every === 0);
    // PGlite runs in this thread and settles queries as microtasks; yield so the log gets written.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await checkpoint();
  const write = since(started);

  const definitions = await activeDefinitions(db);
  const rebuildStart = process.hrtime.bigint();
  const { counts } = await rebuildIndicators(db, definitions);
  await checkpoint();
  const rebuild = since(rebuildStart);
  log.info({ counts, seconds: Number(rebuild.toFixed(1)) }, 'indicator counts rebuilt');

  const publishStart = process.hrtime.bigint();
  const tables =
    options.publish === false ? 0 : await publishQueued(db, definitions, { threshold: options.threshold });
  await checkpoint();
  const publish = since(publishStart);
  if (tables > 0) log.info({ tables, seconds: Number(publish.toFixed(1)) }, 'indicator tables published');
  const surveyAnswers = options.surveys
    ? await writeDemoSurveys(db, units, {
        seed: options.seed,
        asOf: options.asOf,
        key: options.key,
        now: new Date(),
      })
    : 0;
  if (surveyAnswers > 0) log.info({ answers: surveyAnswers }, 'user surveys written and settled');
  // The public sees releases only: a new nation is released at once, so its numbers show.
  const first = (await latestRelease(db)) === null;
  const release = await makeRelease(
    db,
    definitions,
    { threshold: options.threshold, secret: cellKeySecret(options.key) },
    { kind: first ? 'first' : 'on_demand', madeBy: 'demo' },
  );
  // The release wrote as much WAL as a phase: recycle it too (bench:storage: 50 MB at 10,000 persons).
  await checkpoint();
  log.info({ release: release.version, tables: release.tables }, 'public values released');
  return { ...total, replaced, counts, tables, surveyAnswers, seconds: { write, rebuild, publish } };
}
