import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Db } from '../db/db.js';
import { acquireDataDirLock } from '../db/lock.js';
import { openPglite } from '../db/pglite.js';

export { backupEmbedded } from '../db/embedded-backup.js';

/**
 * Backup and restore of the embedded engine: a gzipped tarball of the whole PGlite data directory
 * (`dumpDataDir` / `loadDataDir`), written by the process that holds the DATA_DIR lock, so nothing
 * else writes while it is taken (a running server refuses the CLI: stop it first). A logical dump
 * with @electric-sql/pglite-tools is not used: its releases pin an older @electric-sql/pglite
 * (0.4.8 needs exactly 0.5.8; we run 0.5.16) and would load a second PGlite beside ours.
 */
/** True if DATA_DIR already holds a database (PGlite's PG_VERSION). */
export function holdsDatabase(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** Loads a backup tarball into an empty DATA_DIR, under the DATA_DIR lock. */
export async function restoreEmbedded(config: Config, file: string): Promise<void> {
  const tarball = fs.readFileSync(file);
  const lock = acquireDataDirLock(config.dataDir);
  try {
    const db = await openPglite(config.dataDir, tarball);
    try {
      await db.checkpoint();
    } finally {
      await db.close();
    }
    // The tarball carries the lock file of the process that took the backup: not ours to keep.
    fs.rmSync(lock.path, { force: true });
    // loadDataDir does not keep file modes; key files (pseudonym.key, …) must be owner-only again.
    for (const name of fs.readdirSync(config.dataDir))
      if (name.endsWith('.key')) fs.chmodSync(path.join(config.dataDir, name), 0o600);
  } finally {
    lock.release();
  }
}

/** Opens a backup tarball in memory, read by the move to a server. */
export async function openBackupInMemory(file: string): Promise<Db> {
  return openPglite(undefined, fs.readFileSync(file));
}
