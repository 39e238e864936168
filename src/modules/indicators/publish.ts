import type { Db, Queryable } from '../../db/db.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import type { Placement, UnitSexCount } from '../../domain/indicators/rollup.js';
import type { DetailCache } from './analytics-entitled.js';
import { countsOfTables, countStamps, placementStamp, type TablePair } from './analytics-queries.js';
import type { TableJob, TableResult } from './publish-compute.js';
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
  /** Analytics' detail tables: the ones it holds are computed with the publication and kept. */
  analytics?: DetailCache;
}

/**
 * PGlite runs in this thread and settles queries as microtasks, so a transaction of many
 * statements would hold the event loop throughout: yield between tables. Other queries wait for
 * the transaction either way; requests that need no database are served meanwhile.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Taken {
  at: Date;
  pairs: Array<{ indicatorId: string; period: string }>;
  jobs: TableJob[];
  /** The org register's fingerprint the placements were read under (analytics-queries.ts). */
  placementStamp: string;
}

const COUNTS_PER_READ = 3;

/**
 * Takes up to `batch` queued tables and reads what publishing them needs. A write that commits
 * meanwhile waits for the taken rows and queues its tables again (REQUEUE_TAKEN).
 */
async function takeTables(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  settings: PublishSettings,
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
  // A few tables per statement: one round trip for most of a batch, short holds of the event loop.
  const counts = new Map<string, UnitSexCount[]>();
  const all = [...needed.values()];
  for (let i = 0; i < all.length; i += COUNTS_PER_READ) {
    for (const [key, rows] of await countsOfTables(tx, all.slice(i, i + COUNTS_PER_READ)))
      counts.set(key, rows);
    await yieldToEventLoop();
  }
  const placements = new Map<string, Map<string, Placement>>();
  for (const period of new Set(pairs.map((p) => p.period))) {
    const parsed = parsePeriod(period);
    if (parsed) placements.set(period, await pq.placementsFor(tx, parsed));
    await yieldToEventLoop();
  }
  const jobs = tables.map((t): TableJob => {
    const def = definitions.find((d) => d.id === t.indicatorId) as IndicatorDefinition;
    const coverageId = def.minCoverage?.indicator;
    return {
      def,
      period: t.period,
      counts: counts.get(`${t.indicatorId}|${t.period}`) ?? [],
      placements: placements.get(t.period) ?? new Map(),
      coverageCounts: coverageId ? (counts.get(`${coverageId}|${t.period}`) ?? []) : undefined,
      threshold: settings.threshold,
      detail: settings.analytics?.holds(t) ?? false,
    };
  });
  const org = jobs.some((j) => j.detail) ? await placementStamp(tx) : '';
  return { at, pairs, jobs, placementStamp: org };
}

/**
 * Stores computed tables and ends their turn in the queue unless a write queued them again.
 * Returns the analytics stamp of each table whose detail was computed and is still current.
 */
async function storeTables(
  tx: Queryable,
  taken: Taken,
  outcomes: readonly TableResult[],
): Promise<Map<string, string | null>> {
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
    await yieldToEventLoop();
  }
  await pq.finishTaken(tx, taken.pairs, taken.at);
  const detailed = taken.jobs.filter((j) => j.detail);
  if (detailed.length === 0) return new Map();
  // The stamps analytics will read once this commits: the publication row names these counts.
  return countStamps(
    tx,
    detailed.map((j) => ({ indicatorId: j.def.id, version: j.def.version, period: j.period })),
  );
}

/** Publishes one batch of queued tables; returns how many were taken. */
export async function publishTables(
  db: Db,
  definitions: readonly IndicatorDefinition[],
  settings: PublishSettings,
  batch: number,
): Promise<number> {
  const taken = await db.transaction((tx) => takeTables(tx, definitions, settings, batch));
  if (taken.pairs.length === 0) return 0;
  const outcomes = await (settings.compute ?? computeInline)(taken.jobs);
  const stamps = await db.transaction((tx) => storeTables(tx, taken, outcomes));
  for (const [i, job] of taken.jobs.entries()) {
    const stamp = stamps.get(`${job.def.id}|${job.period}`);
    const detail = outcomes[i]?.detail;
    // A table queued again meanwhile has no stamp: analytics computes it from the newer counts.
    if (stamp && detail)
      settings.analytics?.keep(
        { indicatorId: job.def.id, version: job.def.version, period: job.period },
        { stamp, threshold: job.threshold, placementStamp: taken.placementStamp, table: detail },
      );
  }
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
    // Requests and shutdown get a turn between batches too.
    await yieldToEventLoop();
  }
}
