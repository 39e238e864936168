import fs from 'node:fs';
import type { Db } from './db.js';

/**
 * Writes the embedded engine's whole data directory as a gzipped tarball (PGlite `dumpDataDir`),
 * through a temporary name so a crash never leaves a partial file under the final one. The caller
 * holds the DATA_DIR lock (the CLI, or the running server itself).
 */
export async function backupEmbedded(db: Db, file: string): Promise<void> {
  if (!db.dumpDataDir) throw new Error('backup: this engine has no data directory to dump');
  const tarball = await db.dumpDataDir();
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, tarball);
  fs.renameSync(partial, file);
}
