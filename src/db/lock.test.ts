import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirLockedError, LOCK_FILE_NAME, acquireDataDirLock, processIdentity } from './lock.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kn-lock-'));
}

describe('data directory lock', () => {
  it('writes our pid and removes the file on release', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    const owner = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')) as { pid: number };
    assert.equal(owner.pid, process.pid);
    lock.release();
    assert.equal(fs.existsSync(path.join(dir, LOCK_FILE_NAME)), false);
  });

  it('refuses a second lock while the owner lives, naming the directory and pid', () => {
    const dir = tempDir();
    // Our parent process is alive and is not us: it stands in for another server.
    fs.writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: process.ppid, hostname: os.hostname() }),
    );
    assert.throws(
      () => acquireDataDirLock(dir),
      (err: unknown) =>
        err instanceof DataDirLockedError && err.ownerPid === process.ppid && err.message.includes(dir),
    );
  });

  it('refuses to take the same directory twice in one process', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    assert.throws(() => acquireDataDirLock(dir), DataDirLockedError);
    lock.release();
  });

  it('takes over a stale lock whose process is gone', () => {
    const dir = tempDir();
    const deadPid = 2 ** 22 + 12345; // above Linux's default pid_max, so never a live process
    fs.writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: deadPid, hostname: os.hostname() }),
    );
    const lock = acquireDataDirLock(dir);
    const owner = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')) as { pid: number };
    assert.equal(owner.pid, process.pid);
    lock.release();
  });

  it('takes over a half-written lock file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), '{"pid": 12');
    acquireDataDirLock(dir).release();
  });
});

describe('data directory lock after a crash (issue #18, item 4)', () => {
  it('takes over a stale lock that holds this process’s own pid (a restarted container is pid 1 again)', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' }),
    );
    const lock = acquireDataDirLock(dir);
    const owner = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')) as {
      startedAt: string;
    };
    assert.notEqual(owner.startedAt, '2026-01-01T00:00:00.000Z');
    lock.release();
    assert.equal(fs.existsSync(path.join(dir, LOCK_FILE_NAME)), false);
  });

  it(
    'takes over a lock whose pid now belongs to another live process (pid reused)',
    { skip: !processIdentity(process.ppid) && 'needs /proc' },
    () => {
      const dir = tempDir();
      const parent = processIdentity(process.ppid);
      assert.ok(parent);
      // The parent is alive, but it is not the process that wrote this lock: another start time.
      fs.writeFileSync(
        path.join(dir, LOCK_FILE_NAME),
        JSON.stringify({
          pid: process.ppid,
          hostname: os.hostname(),
          startedAt: '2026-01-01T00:00:00.000Z',
          bootId: parent.bootId,
          processStart: String(Number(parent.processStart) + 1),
        }),
      );
      acquireDataDirLock(dir).release();
    },
  );

  it(
    'still refuses a live holder that is the process that wrote the lock',
    { skip: !processIdentity(process.ppid) && 'needs /proc' },
    () => {
      const dir = tempDir();
      const parent = processIdentity(process.ppid);
      assert.ok(parent);
      fs.writeFileSync(
        path.join(dir, LOCK_FILE_NAME),
        JSON.stringify({ pid: process.ppid, hostname: os.hostname(), startedAt: 'x', ...parent }),
      );
      assert.throws(() => acquireDataDirLock(dir), DataDirLockedError);
    },
  );

  it(
    'records the identity of the process that holds it',
    { skip: !processIdentity(process.pid) && 'needs /proc' },
    () => {
      const dir = tempDir();
      const lock = acquireDataDirLock(dir);
      const owner = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')) as Record<
        string,
        unknown
      >;
      assert.deepEqual(
        { bootId: owner['bootId'], processStart: owner['processStart'] },
        processIdentity(process.pid),
      );
      lock.release();
    },
  );
});
