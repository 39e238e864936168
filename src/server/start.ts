import type { Config } from '../config/config.js';
import { openDatabase } from '../runtime/database.js';
import { prepareDatabase } from '../runtime/prepare.js';
import { buildApp, type Readiness } from './app.js';
import { createLogger } from './logger.js';
import { startPublisher, type Publisher } from '../modules/indicators/publisher.js';
import { startServedFactsJob } from '../modules/registers/facts.js';
import { startReleaser, type Releaser } from '../modules/indicators/releaser.js';
import { settleClosedRounds } from '../modules/surveys/settle.js';
import { startLeadership, type Leadership } from '../runtime/leadership.js';
import { loadCheckpointAnchor, startCheckpointer, type Checkpointer } from '../modules/audit/checkpoint.js';
import { startAuditLinker, type AuditLinker } from '../modules/audit/link.js';

/**
 * Starts the server: listen first (healthz answers 503 while starting), prepare the database,
 * then report ready. SIGINT/SIGTERM stop new requests, let in-flight ones finish, CHECKPOINT
 * and close the database, release the lock.
 */
export async function startServer(config: Config): Promise<{ close: () => Promise<void>; port: number }> {
  const log = createLogger(config);
  const database = await openDatabase(config, log);
  const readiness: Readiness = { ready: false };
  const app = await buildApp(
    { db: database.db, config, ...(database.readDb ? { readDb: database.readDb } : {}) },
    { logger: log, readiness },
  );

  // Background work started once the database is ready; stopped before it closes.
  const background: {
    leadership?: Leadership;
    checkpointer?: Checkpointer;
    auditLinker?: AuditLinker;
  } = {};
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      log.info('shutting down: finishing in-flight requests');
      await app.close();
      await background.leadership?.stop();
      await background.auditLinker?.stop();
      // The last checkpoint signs everything appended before the stop.
      await background.checkpointer?.stop();
      await database.shutdown();
      log.info('stopped');
    })();
    return closing;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      close().then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }

  try {
    await app.listen({ port: config.port, host: config.host });
    await prepareDatabase(database.db, config, log, { demoNation: true, disableDemoAccounts: true });
  } catch (err) {
    await close();
    throw err;
  }
  // One process of those sharing a PostgreSQL runs these (src/runtime/leadership.ts).
  background.leadership = startLeadership({
    connectionString: config.databaseUrl,
    log,
    lead: () => {
      const publisher: Publisher = startPublisher(
        database.db,
        { threshold: config.disclosureThreshold },
        log,
      );
      // Running service periods count as served in every month up to today (Senior Alert).
      const servedFacts = startServedFactsJob(database.db, log);
      // Public values change only at releases (RELEASE_CADENCE); the first is due at once when none exists.
      // Closed survey rounds are settled into the indicator counts before each release check.
      const releaser: Releaser = startReleaser(database.db, config, log, undefined, (now) =>
        settleClosedRounds(database.db, now),
      );
      return {
        async stop() {
          await servedFacts.stop();
          await releaser.stop();
          await publisher.stop();
        },
      };
    },
  });
  // Audited reads are staged and linked into the chain in batches (src/modules/audit/link.ts);
  // every process links (the chain head's lock orders them).
  background.auditLinker = startAuditLinker(database.db, log);
  const anchor = loadCheckpointAnchor(config);
  if (anchor)
    background.checkpointer = startCheckpointer(database.db, anchor, config.auditCheckpointSeconds, log);
  else log.warn('AUDIT_CHECKPOINT_KEY is not set: the audit chain is not anchored outside the database');
  readiness.ready = true;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, database: database.db.engine, demo: config.demo }, 'Kunskapsnav is ready');
  return { close, port };
}
