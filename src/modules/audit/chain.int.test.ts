import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { openTestDb, silentLogger, testConfig, type TestDb } from '../../../test/support/db.js';
import type { Queryable } from '../../db/db.js';
import { APP_ROLE, inScope } from '../../db/scope.js';
import type { AuditEntry } from '../../domain/audit/entry.js';
import { contentHash, linkHash, type ChainedAuditEntry } from '../../domain/audit/chain.js';
import { appendAudit } from './append.js';
import { auditVerifyCommand } from './cli.js';
import { AUDIT_LOG_COLUMNS, toEntry, type AuditLogRow } from './rows.js';
import { verifyAuditChain } from './verify.js';

const ACTOR = '0b6f7c1e-3a52-4c1f-9e0a-8d1b2c3d4e5f';
const UNIT = 'c4a1f6d2-7b3e-4f80-9a15-2e6d8c0b1a93';
const T0 = Date.parse('2026-03-02T08:00:00.000Z');

function sample(i: number): AuditEntry {
  return {
    actorUserId: ACTOR,
    action: i % 7 === 0 ? 'record_write' : 'person_read',
    outcome: i % 11 === 0 ? 'denied' : 'allowed',
    personPseudonym: `ps-${i % 97}`,
    unitId: UNIT,
    municipalityCode: '0180',
    recordType: 'assessment',
    recordId: `rec-${i}`,
    purpose: 'vård och omsorg',
    breakGlass: i % 50 === 0,
    clientAddress: '192.0.2.10',
    details: { i, nested: { b: [1, 2.5, null], a: 'å' } },
  };
}

/** Appends `n` entries, `perTransaction` to a transaction, 1 ms apart. */
async function appendMany(db: TestDb['db'], n: number, perTransaction = 100): Promise<void> {
  for (let start = 0; start < n; start += perTransaction) {
    await db.transaction(async (tx) => {
      for (let i = start; i < Math.min(n, start + perTransaction); i++) {
        await appendAudit(tx, sample(i), new Date(T0 + i));
      }
    });
  }
}

/** Runs SQL as the owner with the append-only trigger off, as a superuser tampering would. */
async function tamper(db: Queryable, sql: string): Promise<void> {
  await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
  try {
    await db.query(sql);
  } finally {
    await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  }
}

async function runVerifyCli(t: TestDb): Promise<{ code: number; printed: string }> {
  const out = new PassThrough();
  let printed = '';
  out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const code = await auditVerifyCommand.run({
    db: t.db,
    config: testConfig(),
    log: silentLogger,
    values: {},
    positionals: [],
    out,
  });
  return { code, printed };
}

describe('audit chain: append and verify', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(async () => t.close());

  it('an empty log is intact', async () => {
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 0 });
  });

  it('1000 entries verify intact, in batches smaller than the log', async () => {
    await appendMany(t.db, 1000);
    assert.deepEqual(await verifyAuditChain(t.db, 128), { ok: true, entries: 1000 });
    const cli = await runVerifyCli(t);
    assert.equal(cli.code, 0);
    assert.match(cli.printed, /intact: 1000 entries/);
  });

  it('stores what it hashed: text and JSON that need care round-trip on this engine', async () => {
    await t.db.transaction((tx) =>
      appendAudit(tx, {
        actorUserId: ACTOR.toUpperCase(),
        action: 'import',
        outcome: 'allowed',
        purpose: 'nul\u0000 and lone \uD800 surrogate, emoji 😀, quotes "\'',
        details: {
          big: 1e21,
          small: 1e-7,
          negativeZero: -0,
          notANumber: NaN,
          missing: undefined,
          when: new Date(T0),
          list: [{ z: 1, a: 2 }, 'x'],
          'key with space': true,
          långt: 'ö'.repeat(300),
        },
      }),
    );
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 1001 });
  });

  it('the trigger refuses UPDATE, DELETE and TRUNCATE, even for the owner', async () => {
    await assert.rejects(t.db.query(`UPDATE audit_log SET outcome = 'denied' WHERE seq = 5`), /append-only/);
    await assert.rejects(t.db.query('DELETE FROM audit_log WHERE seq = 5'), /append-only/);
    await assert.rejects(t.db.query('TRUNCATE audit_log'), /append-only/);
    await assert.rejects(t.db.query('UPDATE audit_chain_head SET last_seq = 3'), /only moves forward/);
    await assert.rejects(t.db.query('DELETE FROM audit_chain_head'), /only moves forward/);
  });

  it('the app role may append but not read, update or delete', async () => {
    const scope = { accountId: ACTOR, unitIds: [UNIT], municipalityCodes: [] };
    await inScope(t.db, scope, (tx) => appendAudit(tx, sample(2000)));
    for (const sql of [
      `UPDATE audit_log SET outcome = 'denied' WHERE seq = 5`,
      'DELETE FROM audit_log WHERE seq = 5',
      'SELECT count(*) FROM audit_log',
      `INSERT INTO audit_log (seq, occurred_at, action, outcome, content_hash, prev_hash, hash)
         VALUES (9999, now(), 'login', 'failed', repeat('0', 64), repeat('0', 64), repeat('0', 64))`,
      'SELECT count(*) FROM audit_pending',
      'UPDATE audit_chain_head SET last_seq = last_seq + 1',
      'TRUNCATE audit_log',
      'DELETE FROM audit_chain_head',
      `INSERT INTO audit_chain_head (singleton, last_seq, last_hash) VALUES (false, 0, repeat('0', 64))`,
    ]) {
      await assert.rejects(
        t.db.transaction((tx) => tx.query(sql), { setup: [{ sql: `SET LOCAL ROLE ${APP_ROLE}` }] }),
        /permission denied/,
        sql,
      );
    }
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 1002 });
  });

  it('an append rolled back with its transaction leaves no trace and no gap', async () => {
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await appendAudit(tx, sample(3000));
        throw new Error('the access itself failed');
      }),
      /access itself failed/,
    );
    await t.db.transaction((tx) => appendAudit(tx, sample(3001)));
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 1003 });
  });
});

describe('audit chain: tampering is detected', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
    await appendMany(t.db, 300);
    await t.db.query('CREATE TABLE audit_saved AS SELECT * FROM audit_log');
  });
  after(async () => t.close());

  /** Puts the log back as it was (all user triggers off, as only the owner can). */
  async function restore(): Promise<void> {
    await t.db.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    try {
      await t.db.query('DELETE FROM audit_log');
      await t.db.query('INSERT INTO audit_log SELECT * FROM audit_saved');
    } finally {
      await t.db.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    }
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 300 });
  }

  async function storedEntry(seq: number): Promise<ChainedAuditEntry> {
    const { rows } = await t.db.query<AuditLogRow>(
      `SELECT ${AUDIT_LOG_COLUMNS} FROM audit_log WHERE seq = $1`,
      [seq],
    );
    assert.ok(rows[0]);
    return toEntry(rows[0]);
  }

  async function broken(batchSize?: number) {
    const result = await verifyAuditChain(t.db, batchSize);
    assert.equal(result.ok, false);
    if (result.ok) throw new Error('unreachable');
    return result;
  }

  it('a changed row is named by its seq, and the CLI exits 1 printing it', async () => {
    await tamper(t.db, `UPDATE audit_log SET person_pseudonym = 'someone-else' WHERE seq = 137`);
    const result = await broken(50);
    assert.equal(result.firstBrokenSeq, 137);
    assert.match(result.reason, /changed/);
    assert.equal(result.entry?.personPseudonym, 'someone-else');
    assert.equal(result.entries, 136);
    const cli = await runVerifyCli(t);
    assert.equal(cli.code, 1);
    assert.match(cli.printed, /BROKEN at entry 137/);
    assert.match(cli.printed, /someone-else/);
    await restore();
  });

  it('a changed row with a recomputed content hash no longer matches its link', async () => {
    const forged = { ...(await storedEntry(10)), purpose: 'forged' };
    await tamper(
      t.db,
      `UPDATE audit_log SET purpose = 'forged', content_hash = '${contentHash(forged)}' WHERE seq = 10`,
    );
    const result = await broken();
    assert.equal(result.firstBrokenSeq, 10);
    assert.match(result.reason, /^hash does not match/);
    await restore();
  });

  it('a changed row with both hashes recomputed breaks the link of the next one', async () => {
    const forged = { ...(await storedEntry(10)), purpose: 'forged' };
    const content = contentHash(forged);
    const link = linkHash(forged.prevHash, 10, content);
    await tamper(
      t.db,
      `UPDATE audit_log SET purpose = 'forged', content_hash = '${content}', hash = '${link}' WHERE seq = 10`,
    );
    const result = await broken();
    assert.equal(result.firstBrokenSeq, 11);
    assert.match(result.reason, /prev_hash/);
    await restore();
  });

  it('a row deleted in the middle is detected at its seq', async () => {
    await tamper(t.db, 'DELETE FROM audit_log WHERE seq = 42');
    const result = await broken(16);
    assert.equal(result.firstBrokenSeq, 42);
    assert.match(result.reason, /entry 42 is missing/);
    assert.equal(result.entry, null);
    await restore();
  });

  it('entries cut off the end are detected through the chain head', async () => {
    await tamper(t.db, 'DELETE FROM audit_log WHERE seq > 297');
    const result = await broken();
    assert.equal(result.firstBrokenSeq, 298);
    assert.match(result.reason, /298–300 are missing/);
    await restore();
  });
});

describe('audit chain: concurrent appends', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(async () => t.close());

  it('50 transactions appending at once keep one valid chain', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.db.transaction(async (tx) => {
          await tx.query('SELECT 1');
          await appendAudit(tx, sample(i));
          await appendAudit(tx, sample(i + 1000));
        }),
      ),
    );
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 100 });
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(DISTINCT details->>'i')::int AS n FROM audit_log`,
    );
    assert.equal(rows[0]?.n, 100);
  });

  it('also as the app role in scoped transactions', async () => {
    const scope = { accountId: ACTOR, unitIds: [UNIT], municipalityCodes: [] };
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => inScope(t.db, scope, (tx) => appendAudit(tx, sample(i)))),
    );
    assert.deepEqual(await verifyAuditChain(t.db), { ok: true, entries: 150 });
  });

  it(
    'links entries at commit, in commit order',
    { skip: !process.env['DATABASE_URL'] && 'PGlite runs one transaction at a time and links at once' },
    async () => {
      let releaseFirst = (): void => undefined;
      const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstAppended = (): void => undefined;
      const firstHasAppended = new Promise<void>((resolve) => (firstAppended = resolve));
      const first = t.db.transaction(async (tx) => {
        await appendAudit(tx, { ...sample(1), recordId: 'appended-first' });
        firstAppended();
        await firstMayCommit;
      });
      await firstHasAppended;
      // The second appends and commits while the first is still open: nothing waits for the first.
      await t.db.transaction((tx) => appendAudit(tx, { ...sample(2), recordId: 'committed-first' }));
      releaseFirst();
      await first;
      const { rows } = await t.db.query<{ record_id: string }>(
        `SELECT record_id FROM audit_log WHERE record_id IN ('appended-first', 'committed-first') ORDER BY seq`,
      );
      assert.deepEqual(
        rows.map((r) => r.record_id),
        ['committed-first', 'appended-first'],
      );
      assert.equal((await verifyAuditChain(t.db)).ok, true);
    },
  );
});
