import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestDb, type TestDb } from '../../../test/support/db.js';
import { runTs } from '../../../test/support/process.js';
import { openPglite } from '../../db/pglite.js';
import { APP_ROLE, inScope } from '../../db/scope.js';
import { canonicalContent, contentHash, normaliseEntry } from '../../domain/audit/chain.js';
import type { AuditEntry } from '../../domain/audit/entry.js';
import { appendAudit, appendReadAudit } from './append.js';
import { linkStagedAudit } from './link.js';
import { verifyAuditChain } from './verify.js';

/**
 * Allowed reads are staged with the read and linked in batches (0140_audit_staged_reads.sql), as
 * their canonical content, hashed by the linker (0265_audit_staged_canonical.sql).
 */
const ACTOR = '0b6f7c1e-3a52-4c1f-9e0a-8d1b2c3d4e5f';
const UNIT = 'c4a1f6d2-7b3e-4f80-9a15-2e6d8c0b1a93';
const read = (i: number): AuditEntry => ({
  actorUserId: ACTOR,
  action: 'person_read',
  outcome: 'allowed',
  personPseudonym: `ps-${i}`,
  unitId: UNIT,
});

describe('audit: staged reads', () => {
  let t: TestDb;
  const counts = async () => {
    const { rows } = await t.db.query<{ staged: number; logged: number }>(
      `SELECT (SELECT count(*)::int FROM audit_staged) AS staged, (SELECT count(*)::int FROM audit_log) AS logged`,
    );
    return rows[0];
  };
  before(async () => {
    t = await openTestDb();
  });
  after(async () => t.close());

  it('stages an allowed read with its transaction, and a rolled-back read leaves nothing', async () => {
    const before = await counts();
    const scope = { accountId: ACTOR, unitIds: [UNIT], municipalityCodes: [] };
    await inScope(t.db, scope, (tx) => appendReadAudit(tx, read(1)));
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await appendReadAudit(tx, read(2));
        throw new Error('the read failed');
      }),
      /the read failed/,
    );
    assert.deepEqual(await counts(), { staged: (before?.staged ?? 0) + 1, logged: before?.logged });
  });

  it('links staged reads before any other entry, so seq keeps the order of commits', async () => {
    await t.db.transaction((tx) => appendReadAudit(tx, read(3)));
    await t.db.transaction((tx) => appendReadAudit(tx, { ...read(4), outcome: 'denied' }));
    await t.db.transaction((tx) => appendAudit(tx, { ...read(5), action: 'record_write' }));
    const { rows } = await t.db.query<{ person_pseudonym: string }>(
      'SELECT person_pseudonym FROM audit_log ORDER BY seq',
    );
    // The denied read is linked at once, after the staged reads that committed before it.
    assert.deepEqual(
      rows.map((r) => r.person_pseudonym),
      ['ps-1', 'ps-3', 'ps-4', 'ps-5'],
    );
    assert.equal((await counts())?.staged, 0);
  });

  it('the linker chains them in batches and the chain verifies', async () => {
    await t.db.transaction(async (tx) => {
      for (let i = 10; i < 25; i++) await appendReadAudit(tx, read(i));
    });
    assert.equal(await linkStagedAudit(t.db, 4), 15);
    assert.deepEqual(await counts(), { staged: 0, logged: 19 });
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 19 });
  });

  it('a batch moves the head in one step, but only onto the entries it linked (0180)', async () => {
    await t.db.transaction(async (tx) => {
      for (let i = 30; i < 33; i++) await appendReadAudit(tx, read(i));
    });
    assert.equal(await linkStagedAudit(t.db), 3);
    const head = async () =>
      (await t.db.query<{ last_seq: number }>('SELECT last_seq FROM audit_chain_head')).rows[0]?.last_seq;
    assert.equal(await head(), 22);
    await assert.rejects(
      t.db.query('UPDATE audit_chain_head SET last_seq = last_seq + 2'),
      /only onto the entries/,
    );
    await assert.rejects(
      t.db.query('UPDATE audit_chain_head SET last_seq = 20, last_hash = repeat($$0$$, 64)'),
      /only moves forward/,
    );
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 22 });
  });

  it('the app role may stage but not read, change or link', async () => {
    for (const sql of [
      'SELECT count(*) FROM audit_staged',
      'DELETE FROM audit_staged',
      'SELECT audit_link_staged(10)',
    ]) {
      await assert.rejects(
        t.db.transaction((tx) => tx.query(sql), { setup: [{ sql: `SET LOCAL ROLE ${APP_ROLE}` }] }),
        /permission denied/,
        sql,
      );
    }
  });

  it('stages the canonical content; the linker stores the columns and the hash the writer means', async () => {
    const odd: AuditEntry = {
      ...read(40),
      action: 'record_read',
      recordType: 'ärende',
      recordId: 'a\u0000b\uD800 "quoted" \\ \u2028',
      clientAddress: '::1',
      purpose: 'ÅÄÖ 😀',
      details: { z: [1, 2.5, -0, null, { b: true, a: 'x' }], a: { nested: 'ü' } },
    };
    const at = new Date('2026-01-02T03:04:05.678Z');
    await t.db.transaction((tx) => appendReadAudit(tx, odd, at));
    const staged = await t.db.query<{ entry: string }>('SELECT entry::text AS entry FROM audit_staged');
    assert.deepEqual(
      staged.rows.map((r) => r.entry),
      [canonicalContent(normaliseEntry(odd, at))],
    );
    assert.equal(await linkStagedAudit(t.db), 1);
    const { rows } = await t.db.query<{
      record_id: string;
      purpose: string;
      occurred_at: Date;
      content_hash: string;
    }>('SELECT record_id, purpose, occurred_at, content_hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    assert.equal(rows[0]?.record_id, 'a\uFFFDb\uFFFD "quoted" \\ \u2028');
    assert.equal(rows[0]?.purpose, 'ÅÄÖ 😀');
    assert.equal(rows[0]?.occurred_at.toISOString(), '2026-01-02T03:04:05.678Z');
    assert.equal(rows[0]?.content_hash, contentHash(normaliseEntry(odd, at)));
    // The verifier recomputes every content hash from the stored columns.
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 23 });
  });
});

describe('audit: staged reads survive a killed process', () => {
  it('every acknowledged read is staged or linked after SIGKILL, and links into a chain that verifies', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-audit-crash-'));
    const reader = runTs('test/support/audit-reader.ts', { DATA_DIR: dataDir, DATABASE_URL: undefined });
    try {
      await reader.waitFor(/^ready$/m);
      await reader.waitFor(/^ack 100$/m);
      reader.proc.kill('SIGKILL');
      await reader.exited;
      const acked = [...reader.stdout().matchAll(/^ack (\d+)$/gm)].map((m) => m[1] ?? '');
      const db = await openPglite(dataDir);
      try {
        await linkStagedAudit(db);
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
