import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite has no lock on its data directory and two processes writing one corrupt it,
 * so the embedded engine takes this exclusive lock first. The file holds the owner's pid, host,
 * and on Linux the identity of that process (the kernel's boot id and the process's start time
 * in /proc/<pid>/stat), so a pid alone never decides:
 *
 * - a lock holding this process's own pid, which this process did not take, is stale: it was left
 *   by an earlier process with the same pid (the normal case after a crash in a container, where
 *   the server is pid 1 every time);
 * - a lock whose pid is alive but is another process than the one that wrote it (a different start
 *   time or boot) is stale: the pid was reused;
 * - a lock whose process is gone (crash, SIGKILL) is stale.
 * Node has no flock(2); this identity check is what tells a live holder from a leftover.
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
  /** Linux: /proc/sys/kernel/random/boot_id when the lock was taken. */
  bootId?: string;
  /** Linux: the owner's start time in clock ticks since boot (/proc/<pid>/stat, field 22). */
  processStart?: string;
}

interface ProcessIdentity {
  bootId: string;
  processStart: string;
}

/** Who `pid` is on this machine right now; undefined where /proc cannot tell (not Linux, gone). */
export function processIdentity(pid: number): ProcessIdentity | undefined {
  try {
    const bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces or ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const processStart = fields[19]; // field 22 overall; the slice starts at field 3
    if (!bootId || !processStart) return undefined;
    return { bootId, processStart };
  } catch {
    return undefined;
  }
}

/** Lock files this process holds, so it never mistakes its own live lock for a leftover. */
const held = new Set<string>();

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
  const me: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    ...processIdentity(process.pid),
  };
  if (held.has(lockPath)) throw new DataDirLockedError(dataDir, process.pid);

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o600);
      fs.writeSync(fd, JSON.stringify(me));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      held.add(lockPath);
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
      if (owner && holderLives(owner, me)) throw new DataDirLockedError(dataDir, owner.pid);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lockPath}: it keeps reappearing`);
}

/** Whether the process that wrote the lock may still be using the directory. */
function holderLives(owner: LockOwner, me: LockOwner): boolean {
  // A lock from another host cannot be checked for liveness: refuse rather than risk corruption.
  if (owner.hostname !== me.hostname) return true;
  // Our own pid, and we did not take it (checked before): an earlier process with this pid left it.
  if (owner.pid === me.pid) return false;
  if (!isAlive(owner.pid)) return false;
  // Alive: the same process only if it is the one that wrote the lock (same boot, same start).
  const now = processIdentity(owner.pid);
  if (owner.bootId && owner.processStart && now) {
    return now.bootId === owner.bootId && now.processStart === owner.processStart;
  }
  // A lock without an identity (older format, or no /proc): a live pid is taken as the holder.
  return true;
}

function releaseIfOurs(lockPath: string): void {
  if (!held.delete(lockPath)) return;
  const owner = readOwner(lockPath);
  if (owner?.pid === process.pid) fs.rmSync(lockPath, { force: true });
}
