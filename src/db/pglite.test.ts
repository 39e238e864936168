import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openPglite } from './pglite.js';

describe('embedded engine', () => {
  it('keeps two WAL segments after a CHECKPOINT, not up to 1 GB (#19: storage)', async () => {
    const db = await openPglite(undefined);
    try {
      const { rows } = await db.query<{ min: string; max: string }>(
        `SELECT current_setting('min_wal_size') AS min, current_setting('max_wal_size') AS max`,
      );
      assert.deepEqual(rows[0], { min: '32MB', max: '32MB' });
    } finally {
      await db.close();
    }
  });
});
