import type { Db, Queryable } from '../../db/db.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { publishTable } from '../../domain/indicators/publish.js';
import * as pq from './publish-queries.js';

/**
 * The publisher turns counts into published values for one (indicator, period) at a time.
 * Secondary suppression looks at the whole table, so it runs per table after the write
 * transactions that queued it, not inside them.
 */
export interface PublishSettings {
  threshold: number;
}

export async function publishIndicatorPeriod(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  indicatorId: string,
  periodKey: string,
  settings: PublishSettings,
  now = new Date(),
): Promise<{ cells: number; suppressed: number }> {
  const def = definitions.find((d) => d.id === indicatorId);
  const period = parsePeriod(periodKey);
  if (!def || !period)
    throw new Error(`cannot publish ${indicatorId} ${periodKey}: unknown indicator or period`);
  const counts = await pq.unitCounts(tx, def.id, def.version, periodKey);
  const placements = await pq.placementsFor(tx, period);
  const coverageDef = def.minCoverage
    ? definitions.find((d) => d.id === def.minCoverage?.indicator)
    : undefined;
  const coverageCounts = coverageDef
    ? await pq.unitCounts(tx, coverageDef.id, coverageDef.version, periodKey)
    : undefined;
  const table = publishTable(def, periodKey, counts, placements, {
    threshold: settings.threshold,
    coverageCounts,
  });
  await pq.replacePublished(tx, def.id, periodKey, table.values, now);
  await pq.recordPublication(tx, {
    indicatorId: def.id,
    version: def.version,
    period: periodKey,
    at: now,
    cells: table.values.length,
    primary: table.suppression.primary.length,
    secondary: table.suppression.secondary.length,
    secondaryLossShare: table.suppression.loss.secondary.denominatorShare,
  });
  return {
    cells: table.values.length,
    suppressed: table.suppression.primary.length + table.suppression.secondary.length,
  };
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
    const done = await db.transaction(async (tx) => {
      const pairs = await pq.takeQueued(tx, batch);
      // Gated indicators read their coverage indicator's counts, so order does not matter here.
      for (const p of pairs) await publishIndicatorPeriod(tx, definitions, p.indicatorId, p.period, settings);
      return pairs.length;
    });
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
