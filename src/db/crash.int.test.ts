import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite } from './pglite.js';
import { runTs } from '../../test/support/process.js';

describe('embedded database durability', () => {
  it('keeps every acknowledged row after SIGKILL in the middle of writes, and opens again', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-crash-'));
    const writer = runTs('test/support/writer.ts', { DATA_DIR: dataDir, DATABASE_URL: undefined });
    await writer.waitFor(/^ready$/m);
    await writer.waitFor(/^ack 150$/m);
    writer.proc.kill('SIGKILL');
    const exit = await writer.exited;
    assert.equal(exit.signal, 'SIGKILL');
    const acked = [...writer.stdout().matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]));
    const lastAck = Math.max(...acked);
    assert.ok(lastAck >= 150);

    // The stale lock of the killed process must not block the reopen.
    const lockFile = path.join(dataDir, 'kunskapsnav.lock');
    assert.equal(fs.existsSync(lockFile), true);
    const db = await openPglite(dataDir);
    try {
      const { rows } = await db.query<{ n: number; max: number | null }>(
        'SELECT count(*) AS n, max(n) AS max FROM crash_probe',
      );
      const row = rows[0];
      assert.ok(row);
      // Every acknowledged commit is there; at most the one in flight beyond it.
      assert.ok(row.n >= lastAck, `expected at least ${lastAck} rows, found ${row.n}`);
      assert.equal(row.n, row.max, 'rows are contiguous: no commit was lost in the middle');
      const check = await db.query<{ ok: boolean }>(
        'SELECT bool_and(length(payload) = 2000) AS ok FROM crash_probe',
      );
      assert.equal(check.rows[0]?.ok, true);
    } finally {
      await db.close();
    }
  });
});
