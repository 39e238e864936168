import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestDb, type TestDb } from '../../../test/support/db.js';
import { runTs } from '../../../test/support/process.js';
import { openPglite } from '../../db/pglite.js';
import { inScope } from '../../db/scope.js';
import type { AuditEntry } from '../../domain/audit/entry.js';
import { appendAudit, appendReadAudit } from './append.js';
import { logRead } from './read-log.js';
import { verifyAuditChain } from './verify.js';

/** Reads logged after their transaction, group-committed into the chain (0265_audit_reads_canonical.sql). */
const ACTOR = '0b6f7c1e-3a52-4c1f-9e0a-8d1b2c3d4e5f';
const UNIT = 'c4a1f6d2-7b3e-4f80-9a15-2e6d8c0b1a93';
const read = (i: number): AuditEntry => ({
  actorUserId: ACTOR,
  action: 'person_read',
  outcome: 'allowed',
  personPseudonym: `ps-${i}`,
  unitId: UNIT,
});

describe('audit: reads logged in groups', () => {
  let t: TestDb;
  const pseudonyms = async () =>
    (await t.db.query<{ p: string }>('SELECT person_pseudonym AS p FROM audit_log ORDER BY seq')).rows.map(
      (r) => r.p,
    );
  before(async () => {
    t = await openTestDb();
  });
  after(async () => t.close());

  it('an entry is in the chain when logRead resolves, and nothing is staged', async () => {
    await logRead(t.db, read(1));
    assert.deepEqual(await pseudonyms(), ['ps-1']);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_staged');
    assert.equal(rows[0]?.n, 0);
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 1 });
  });

  it('concurrent reads share groups, each entry once, and the chain verifies', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => logRead(t.db, read(100 + i))));
    const logged = await pseudonyms();
    assert.equal(logged.length, 41);
    assert.deepEqual(
      new Set(logged.slice(1)),
      new Set(Array.from({ length: 40 }, (_, i) => `ps-${100 + i}`)),
    );
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 41 });
  });

  it('links what was staged before first, so seq keeps the order of commits', async () => {
    await inScope(t.db, { accountId: ACTOR, unitIds: [UNIT], municipalityCodes: [] }, (tx) =>
      appendReadAudit(tx, read(2)),
    );
    await logRead(t.db, read(3));
    await t.db.transaction((tx) => appendAudit(tx, { ...read(4), action: 'record_write' }));
    assert.deepEqual((await pseudonyms()).slice(-3), ['ps-2', 'ps-3', 'ps-4']);
  });

  it('stores the columns and content hash the writer means, whatever the text', async () => {
    const odd: AuditEntry = {
      ...read(5),
      action: 'record_read',
      recordType: 'ärende',
      recordId: 'a\u0000b\uD800 "quoted" \\ \u2028',
      clientAddress: '::1',
      purpose: 'ÅÄÖ 😀',
      details: { z: [1, 2.5, -0, null, { b: true, a: 'x' }], a: { nested: 'ü' } },
    };
    await logRead(t.db, odd, new Date('2026-01-02T03:04:05.678Z'));
    const { rows } = await t.db.query<{ record_id: string; purpose: string; occurred_at: Date }>(
      'SELECT record_id, purpose, occurred_at FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    assert.equal(rows[0]?.record_id, 'a\uFFFDb\uFFFD "quoted" \\ \u2028');
    assert.equal(rows[0]?.purpose, 'ÅÄÖ 😀');
    assert.equal(rows[0]?.occurred_at.toISOString(), '2026-01-02T03:04:05.678Z');
    // The verifier recomputes every content hash from the stored columns.
    assert.equal((await verifyAuditChain(t.db)).ok, true);
  });

  it('rejects an entry it cannot store, and logs a refusal at once like appendAudit', async () => {
    await assert.rejects(logRead(t.db, { ...read(6), unitId: 'not-a-uuid' }), /must be a uuid/);
    await logRead(t.db, { ...read(7), outcome: 'denied' });
    assert.deepEqual((await pseudonyms()).slice(-1), ['ps-7']);
    assert.equal((await verifyAuditChain(t.db)).ok, true);
  });

  it('tampering with a group-committed entry is detected', async () => {
    await t.db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await t.db.exec(`UPDATE audit_log SET person_pseudonym = 'ps-other' WHERE person_pseudonym = 'ps-3'`);
    await t.db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    const verdict = await verifyAuditChain(t.db);
    assert.equal(verdict.ok, false);
  });
});

describe('audit: reads logged in groups survive a killed process', () => {
  it('every acknowledged read is in the chain after SIGKILL (embedded engine)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-audit-crash-'));
    const reader = runTs('test/support/audit-reader.ts', { DATA_DIR: dataDir, DATABASE_URL: undefined });
    try {
      await reader.waitFor(/^ready$/m);
      await reader.waitFor(/^ack 200$/m);
      reader.proc.kill('SIGKILL');
      await reader.exited;
      const acked = [...reader.stdout().matchAll(/^ack (\d+)$/gm)].map((m) => m[1] ?? '');
      const db = await openPglite(dataDir);
      try {
        const { rows } = await db.query<{ record_id: string }>(
          `SELECT record_id FROM audit_log WHERE record_type = 'crash'`,
        );
        const logged = new Set(rows.map((r) => r.record_id));
        assert.deepEqual(
          acked.filter((n) => !logged.has(n)),
          [],
        );
        assert.equal((await verifyAuditChain(db)).ok, true);
      } finally {
        await db.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
