import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Db } from '../db/db.js';
import { acquireDataDirLock } from '../db/lock.js';
import { openPglite } from '../db/pglite.js';
import { openPrimary } from '../db/primary.js';
import { openReadReplicas, type ReadDb } from '../db/replicas.js';

export interface OpenedDatabase {
  db: Db;
  /** The standbys of DATABASE_READ_URL, for public and aggregated reads. */
  readDb?: ReadDb;
  /** Closes the database (CHECKPOINT first) and releases the data directory lock. */
  shutdown(): Promise<void>;
}

/** Opens the engine the configuration names; the embedded one behind its exclusive lock. */
export async function openDatabase(config: Config, log?: Logger): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const db = await openPrimary(config.databaseUrl, 10, (err) =>
      log?.warn({ err }, 'a pooled database connection broke while idle; the next query opens a new one'),
    );
    if (config.readUrls.length === 0) return { db, shutdown: () => db.close() };
    const readDb = openReadReplicas(config.readUrls, db, { maxLagSeconds: config.readMaxLagSeconds, log });
    await readDb.check();
    return {
      db,
      readDb,
      async shutdown() {
        await readDb.close();
        await db.close();
      },
    };
  }
  const lock = acquireDataDirLock(config.dataDir);
  try {
    const db = await openPglite(config.dataDir);
    return {
      db,
      async shutdown() {
        try {
          await db.checkpoint();
          await db.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}
