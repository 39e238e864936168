import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/db.js';
import { nextReleaseAt } from '../../domain/indicators/release.js';
import { loadPseudonymKey } from '../../config/secrets.js';
import { activeDefinitions } from './engine.js';
import { startPublishWorker, type PublishWorker, type ReleaseComputer } from './publish-pool.js';
import { cellKeySecret, makeRelease, type ReleaseRequest, type ReleaseSummary } from './release.js';
import { latestRelease } from './release-queries.js';

/** The release settings of this configuration (threshold, and the cell key secret from the pseudonym key). */
export function releaseSettings(config: Config) {
  return { threshold: config.disclosureThreshold, secret: cellKeySecret(loadPseudonymKey(config)) };
}

/**
 * A release now, with the active definitions (the CLI, the admin API and the scheduler). Its
 * computation runs in `compute`, or else in a worker thread of its own that ends with it:
 * releases are rare, and an idle thread would only hold memory.
 */
export async function releaseNow(
  db: Db,
  config: Config,
  request: ReleaseRequest,
  compute?: ReleaseComputer,
): Promise<ReleaseSummary> {
  const definitions = await activeDefinitions(db);
  if (compute) return makeRelease(db, definitions, { ...releaseSettings(config), compute }, request);
  const worker = startPublishWorker();
  try {
    return await makeRelease(
      db,
      definitions,
      { ...releaseSettings(config), compute: worker.release },
      request,
    );
  } finally {
    await worker.close();
  }
}

/** When the next scheduled release is due (null with RELEASE_CADENCE=manual). */
export async function nextRelease(db: Db, config: Config, now = new Date()): Promise<Date | null> {
  const last = await latestRelease(db);
  return nextReleaseAt(config.releaseCadence, last?.madeAt ?? null, now);
}

export interface Releaser {
  /** Makes a release if one is due; returns it, or null. */
  runOnce(now?: Date): Promise<ReleaseSummary | null>;
  stop(): Promise<void>;
}

/**
 * Checks every minute whether a scheduled release is due (RELEASE_CADENCE) and makes it. `prepare`
 * runs first on every check: other modules' settlements (survey rounds that closed) reach the
 * counts before a release reads them.
 */
export function startReleaser(
  db: Db,
  config: Config,
  log: Logger,
  intervalMs = 60_000,
  prepare?: (now: Date) => Promise<unknown>,
): Releaser {
  let running: Promise<ReleaseSummary | null> | null = null;
  let stopped = false;
  // The thread computing the release in progress: stopping ends it, and the release with it.
  let computing: PublishWorker | null = null;
  const runOnce = (now = new Date()): Promise<ReleaseSummary | null> => {
    running ??= (async () => {
      try {
        // A failing settlement must not hold back the release of everything else.
        await prepare?.(now).catch((err: unknown) =>
          log.error({ err }, 'preparing the release failed; releasing what is settled'),
        );
        const due = await nextRelease(db, config, now);
        if (stopped || !due || due.getTime() > now.getTime()) return null;
        const worker = startPublishWorker();
        computing = worker;
        const made = await releaseNow(
          db,
          config,
          { kind: 'scheduled', madeBy: 'system', now },
          worker.release,
        ).finally(() => {
          computing = null;
          return worker.close();
        });
        log.info({ release: made.version, tables: made.tables }, 'release made');
        return made;
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const tick = () =>
    void runOnce().catch((err: unknown) => log.error({ err }, 'release failed; tried again next minute'));
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      // A release being computed fails and writes nothing; the next start makes it again.
      await computing?.close();
      await running?.catch(() => null);
    },
  };
}
