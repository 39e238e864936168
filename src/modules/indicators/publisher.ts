import type { Logger } from 'pino';
import type { Db } from '../../db/db.js';
import { activeDefinitions } from './engine.js';
import { publishQueued, type PublishSettings } from './publish.js';
import { startPublishWorker } from './publish-pool.js';
import { detailCacheOf } from './analytics-entitled.js';

/**
 * Publishes queued tables in the background, shortly after the writes that queued them
 * (default every 500 ms), so published values trail registrations by about a second. Suppression
 * runs in a worker thread, so a publishing storm does not block request handling.
 */
export interface Publisher {
  /** Publishes everything queued now (tests and the CLI call this directly). */
  runOnce(): Promise<number>;
  /** Stops the loop and waits for a run in progress. */
  stop(): Promise<void>;
}

export function startPublisher(db: Db, settings: PublishSettings, log: Logger, intervalMs = 500): Publisher {
  let running: Promise<number> | null = null;
  let stopped = false;
  const worker = settings.compute ? null : startPublishWorker();
  // The analytics route's cache (same database object): tables it holds are kept up to date here.
  const publishing: PublishSettings = {
    analytics: detailCacheOf(db),
    ...settings,
    ...(worker ? { compute: worker.compute } : {}),
  };
  const runOnce = async (): Promise<number> => {
    if (running) return running;
    running = (async () => {
      try {
        // Small batches keep the server answering while a large backlog is published.
        return await publishQueued(db, await activeDefinitions(db), publishing, 10, () => stopped);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => {
    if (stopped) return;
    runOnce().then(
      (n) => {
        if (n > 0) log.debug({ tables: n }, 'published indicator tables');
      },
      (err: unknown) => log.error({ err }, 'publishing failed; the tables stay queued'),
    );
  }, intervalMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => 0);
      await worker?.close();
    },
  };
}
