import { after, afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { migrate } from '../../db/migrate.js';
import {
  TEST_AUDIT_CHECKPOINT_KEY,
  openEmptyTestDb,
  silentLogger,
  testConfig,
  type TestDb,
} from '../../../test/support/db.js';
import type { Queryable } from '../../db/db.js';
import { GENESIS_HASH, contentHash, linkHash } from '../../domain/audit/chain.js';
import { signCheckpoint } from '../../domain/audit/checkpoint.js';
import type { AuditEntry } from '../../domain/audit/entry.js';
import { appendAudit } from './append.js';
import { anchorsOf, loadCheckpointAnchor, writeCheckpoint } from './checkpoint.js';
import { auditVerifyCommand } from './cli.js';
import { AUDIT_LOG_COLUMNS, toEntry, type AuditLogRow } from './rows.js';
import { VERIFY_BATCH_SIZE, verifyAuditChain, type ChainVerification } from './verify.js';

/**
 * The audit chain against the database owner (issue #18, item 2): with the triggers off, the owner
 * wipes, cuts, recomputes and forges; the signed checkpoints kept outside the database name it.
 */
const T0 = Date.parse('2026-03-02T08:00:00.000Z');

function sample(i: number): AuditEntry {
  return {
    actorUserId: '0b6f7c1e-3a52-4c1f-9e0a-8d1b2c3d4e5f',
    action: 'person_read',
    outcome: 'allowed',
    personPseudonym: `ps-${i % 13}`,
    purpose: 'vård och omsorg',
    clientAddress: '192.0.2.10',
    details: { i },
  };
}

async function append(
  db: Queryable & { transaction: TestDb['db']['transaction'] },
  from: number,
  to: number,
) {
  await db.transaction(async (tx) => {
    for (let i = from; i < to; i++) await appendAudit(tx, sample(i), new Date(T0 + i));
  });
}

/** As the owner with every user trigger off, the way a superuser would. */
async function asOwnerWithoutTriggers(db: Queryable, fn: () => Promise<void>): Promise<void> {
  for (const t of ['audit_log', 'audit_chain_head', 'audit_checkpoint'])
    await db.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
  try {
    await fn();
  } finally {
    for (const t of ['audit_log', 'audit_chain_head', 'audit_checkpoint'])
      await db.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
  }
}

async function hashOf(db: Queryable, seq: number): Promise<string> {
  const { rows } = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [seq]);
  return rows[0]?.hash ?? GENESIS_HASH;
}

function broken(r: ChainVerification): Extract<ChainVerification, { ok: false }> {
  if (r.ok) assert.fail(`expected a broken chain, got ${JSON.stringify(r)}`);
  return r;
}

describe('audit chain checkpoints', () => {
  let t: TestDb;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-checkpoints-'));
  let file: string;
  let n = 0;
  const config = () => testConfig({ AUDIT_CHECKPOINT_FILE: file });

  const verify = () => verifyAuditChain(t.db, VERIFY_BATCH_SIZE, anchorsOf(config()));

  beforeEach(async () => {
    file = path.join(dir, `checkpoints-${n++}.jsonl`);
    t = await openEmptyTestDb();
    await migrate(t.db);
    const anchor = loadCheckpointAnchor(config());
    assert.ok(anchor);
    await append(t.db, 0, 100);
    const c = await writeCheckpoint(t.db, anchor, silentLogger, new Date(T0 + 100));
    assert.equal(c?.seq, 100);
    assert.equal(await writeCheckpoint(t.db, anchor, silentLogger), null, 'nothing new to sign');
    await append(t.db, 100, 120);
  });
  afterEach(async () => t.close());
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an untouched chain agrees with its checkpoints; entries after the latest are reported unanchored', async () => {
    assert.deepEqual(await verify(), { ok: true, entries: 120, checkpoints: { checked: 1, latestSeq: 100 } });
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 1);
    assert.equal((JSON.parse(lines[0] ?? '') as { seq: number }).seq, 100);
  });

  it('detects a wiped log with the head reset and the checkpoint table emptied, and the CLI exits 1', async () => {
    await asOwnerWithoutTriggers(t.db, async () => {
      await t.db.query('DELETE FROM audit_log');
      await t.db.query('DELETE FROM audit_checkpoint');
      await t.db.query(`UPDATE audit_chain_head SET last_seq = 0, last_hash = '${GENESIS_HASH}'`);
    });
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 0 }, 'the chain alone cannot tell');
    const r = broken(await verify());
    assert.equal(r.firstBrokenSeq, 1);
    assert.match(r.reason, /entries 1–100 were cut off/);
    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const code = await auditVerifyCommand.run({
      db: t.db,
      config: config(),
      log: silentLogger,
      values: {},
      positionals: [],
      out,
    });
    assert.equal(code, 1);
    assert.match(printed, /BROKEN at entry 1: entries 1–100 were cut off/);
  });

  it('detects the last entries deleted and the head moved back', async () => {
    await asOwnerWithoutTriggers(t.db, async () => {
      await t.db.query('DELETE FROM audit_log WHERE seq > 90');
      await t.db.query(`UPDATE audit_chain_head SET last_seq = 90, last_hash = '${await hashOf(t.db, 90)}'`);
    });
    const r = broken(await verify());
    assert.equal(r.firstBrokenSeq, 91);
    assert.match(r.reason, /entries 91–100 were cut off/);
  });

  it('does not detect entries cut after the latest checkpoint (the window the interval bounds)', async () => {
    await asOwnerWithoutTriggers(t.db, async () => {
      await t.db.query('DELETE FROM audit_log WHERE seq > 110');
      await t.db.query(
        `UPDATE audit_chain_head SET last_seq = 110, last_hash = '${await hashOf(t.db, 110)}'`,
      );
    });
    assert.deepEqual(await verify(), { ok: true, entries: 110, checkpoints: { checked: 1, latestSeq: 100 } });
  });

  it('detects a chain recomputed from entry 50 onward with the application’s own hash functions', async () => {
    await asOwnerWithoutTriggers(t.db, async () => {
      const { rows } = await t.db.query<AuditLogRow>(
        `SELECT ${AUDIT_LOG_COLUMNS} FROM audit_log WHERE seq >= 50 ORDER BY seq`,
      );
      let prev = await hashOf(t.db, 49);
      for (const row of rows) {
        const e = toEntry(row);
        const changed = e.seq === 50 ? { ...e, personPseudonym: 'someone-else' } : e;
        const content = contentHash(changed);
        const hash = linkHash(prev, e.seq, content);
        await t.db.query(
          'UPDATE audit_log SET person_pseudonym = $1, content_hash = $2, prev_hash = $3, hash = $4 WHERE seq = $5',
          [changed.personPseudonym, content, prev, hash, e.seq],
        );
        prev = hash;
      }
      await t.db.query(`UPDATE audit_chain_head SET last_hash = '${prev}'`);
    });
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 120 }, 'the chain alone cannot tell');
    const r = broken(await verify());
    assert.equal(r.firstBrokenSeq, 100);
    assert.match(r.reason, /rewritten between entries 1 and 100/);
  });

  it('detects a forged row after the head, even without checkpoints', async () => {
    await asOwnerWithoutTriggers(t.db, async () => {
      const prev = await hashOf(t.db, 120);
      const content = '1'.repeat(64);
      await t.db.query(
        `INSERT INTO audit_log (seq, occurred_at, action, outcome, details, content_hash, prev_hash, hash)
         VALUES (121, now(), 'person_read', 'allowed', '{}', $1, $2, $3)`,
        [content, prev, linkHash(prev, 121, content)],
      );
    });
    const r = broken(await verifyAuditChain(t.db));
    assert.equal(r.firstBrokenSeq, 121);
    assert.match(r.reason, /beyond the chain head/);
  });

  it('refuses a checkpoint signed with another key', async () => {
    const forged = signCheckpoint(
      Buffer.from('another-key-another-key-another-key'),
      120,
      await hashOf(t.db, 120),
      new Date(),
    );
    fs.appendFileSync(file, `${JSON.stringify(forged)}\n`);
    const r = broken(await verify());
    assert.match(r.reason, /checkpoint at entry 120 .* has no valid signature/);
    // The right key signs the same head fine.
    const good = signCheckpoint(
      Buffer.from(TEST_AUDIT_CHECKPOINT_KEY),
      120,
      await hashOf(t.db, 120),
      new Date(),
    );
    fs.writeFileSync(file, `${JSON.stringify(good)}\n`);
    assert.deepEqual(await verify(), { ok: true, entries: 120, checkpoints: { checked: 2, latestSeq: 120 } });
  });
});
