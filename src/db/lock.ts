import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite has no lock on its data directory and two processes writing one corrupt it,
 * so the embedded engine takes this exclusive lock first. The file holds the owner's
 * pid; a lock whose process is gone (crash, SIGKILL) is stale and taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another Kunskapsnav process (pid ${ownerPid}). ` +
        `Stop that process or set DATA_DIR to another folder.`,
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

export const LOCK_FILE_NAME = 'kunskapsnav.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string') return parsed as LockOwner;
  } catch {
    // Unreadable or half-written lock file: treat as stale.
  }
  return undefined;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  const me: LockOwner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o600);
      fs.writeSync(fd, JSON.stringify(me));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      const onExit = () => releaseIfOurs(lockPath);
      process.once('exit', onExit);
      return {
        path: lockPath,
        release() {
          process.removeListener('exit', onExit);
          releaseIfOurs(lockPath);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(lockPath);
      // A lock from another host cannot be checked for liveness: refuse rather than risk corruption.
      if (owner && (owner.hostname !== me.hostname || (owner.pid !== process.pid && isAlive(owner.pid)))) {
        throw new DataDirLockedError(dataDir, owner.pid);
      }
      if (owner && owner.pid === process.pid) throw new DataDirLockedError(dataDir, owner.pid);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lockPath}: it keeps reappearing`);
}

function releaseIfOurs(lockPath: string): void {
  const owner = readOwner(lockPath);
  if (owner?.pid === process.pid) fs.rmSync(lockPath, { force: true });
}
