import type { Db, Queryable } from '../../db/db.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import type { PublishJob, PublishOutcome } from '../../domain/indicators/publish-job.js';
import type { Placement } from '../../domain/indicators/rollup.js';
import { countsOfTables, type TablePair } from './analytics-queries.js';
import { computeInline, type TableComputer } from './publish-pool.js';
import * as pq from './publish-queries.js';

/**
 * The publisher turns counts into published values for one (indicator, period) at a time.
 * Secondary suppression looks at the whole table, so it runs per table after the write
 * transactions that queued it, not inside them: one short transaction takes queued tables and
 * reads their counts, the computation runs outside any transaction (in a worker thread when
 * `compute` says so), and a second short transaction stores the values.
 */
export interface PublishSettings {
  threshold: number;
  /** Where suppression runs; inline by default (publish-pool.ts). */
  compute?: TableComputer;
}

interface Taken {
  at: Date;
  pairs: Array<{ indicatorId: string; period: string }>;
  jobs: PublishJob[];
}

/** Takes up to `batch` queued tables and reads what publishing them needs, in one snapshot. */
async function takeTables(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  threshold: number,
  batch: number,
): Promise<Taken> {
  const at = new Date();
  const pairs = await pq.takeQueued(tx, batch, at);
  const tables: TablePair[] = [];
  const needed = new Map<string, TablePair>();
  for (const p of pairs) {
    const def = definitions.find((d) => d.id === p.indicatorId);
    // Throwing rolls the take back: the table stays queued and the error is logged.
    if (!def || !parsePeriod(p.period))
      throw new Error(`cannot publish ${p.indicatorId} ${p.period}: unknown indicator or period`);
    const coverage = def.minCoverage
      ? definitions.find((d) => d.id === def.minCoverage?.indicator)
      : undefined;
    for (const d of coverage ? [def, coverage] : [def])
      needed.set(`${d.id}|${p.period}`, { indicatorId: d.id, version: d.version, period: p.period });
    tables.push({ indicatorId: def.id, version: def.version, period: p.period });
  }
  const counts = await countsOfTables(tx, [...needed.values()]);
  const placements = new Map<string, Map<string, Placement>>();
  for (const period of new Set(pairs.map((p) => p.period))) {
    const parsed = parsePeriod(period);
    if (parsed) placements.set(period, await pq.placementsFor(tx, parsed));
  }
  const jobs = tables.map((t): PublishJob => {
    const def = definitions.find((d) => d.id === t.indicatorId) as IndicatorDefinition;
    const coverageId = def.minCoverage?.indicator;
    return {
      def,
      period: t.period,
      counts: counts.get(`${t.indicatorId}|${t.period}`) ?? [],
      placements: placements.get(t.period) ?? new Map(),
      coverageCounts: coverageId ? (counts.get(`${coverageId}|${t.period}`) ?? []) : undefined,
      threshold,
    };
  });
  return { at, pairs, jobs };
}

/** Stores computed tables and ends their turn in the queue unless a write queued them again. */
async function storeTables(tx: Queryable, taken: Taken, outcomes: readonly PublishOutcome[]): Promise<void> {
  const now = new Date();
  for (const [i, job] of taken.jobs.entries()) {
    const outcome = outcomes[i];
    if (!outcome) throw new Error(`no publication computed for ${job.def.id} ${job.period}`);
    await pq.replacePublished(tx, job.def.id, job.period, outcome.values, now);
    await pq.recordPublication(tx, {
      indicatorId: job.def.id,
      version: job.def.version,
      period: job.period,
      at: now,
      cells: outcome.values.length,
      primary: outcome.primary,
      secondary: outcome.secondary,
      secondaryLossShare: outcome.secondaryLossShare,
    });
  }
  await pq.finishTaken(tx, taken.pairs, taken.at);
}

/** Publishes one batch of queued tables; returns how many were taken. */
export async function publishTables(
  db: Db,
  definitions: readonly IndicatorDefinition[],
  settings: PublishSettings,
  batch: number,
): Promise<number> {
  const taken = await db.transaction((tx) => takeTables(tx, definitions, settings.threshold, batch));
  if (taken.pairs.length === 0) return 0;
  const outcomes = await (settings.compute ?? computeInline)(taken.jobs);
  await db.transaction((tx) => storeTables(tx, taken, outcomes));
  return taken.pairs.length;
}

/** Tables published in one run after which the embedded engine checkpoints. */
const LARGE_PUBLICATION = 100;

/**
 * Publishes what the write path queued; returns how many tables were published. Stops between
 * batches once `stop()` says so (the rest stays queued for the next run).
 */
export async function publishQueued(
  db: Db,
  definitions: readonly IndicatorDefinition[],
  settings: PublishSettings,
  batch = 50,
  stop: () => boolean = () => false,
): Promise<number> {
  let published = 0;
  for (;;) {
    const done = await publishTables(db, definitions, settings, batch);
    published += done;
    if (done < batch || stop()) {
      // A large backlog (a rebuild republishes everything) wrote much WAL; PGlite has no
      // background checkpointer to bound it.
      if (published >= LARGE_PUBLICATION && db.engine === 'pglite') await db.checkpoint();
      return published;
    }
    // PGlite settles queries as microtasks: yield so requests and shutdown get a turn between batches.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
