import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../../config/config.js';
import { toInt, type Queryable } from '../../db/db.js';
import { linkStagedAudit } from './link.js';
import { parseCheckpoint, signCheckpoint, type AuditCheckpoint } from '../../domain/audit/checkpoint.js';
import { readOrCreateKeyFile } from '../../config/secrets.js';

/**
 * Writing and reading signed checkpoints of the audit chain (src/domain/audit/checkpoint.ts).
 * A checkpoint goes first to the operator's file (AUDIT_CHECKPOINT_FILE, appended and fsynced),
 * then to the log (a JSON line an external collector keeps), then into audit_checkpoint.
 * README.md beside this file says what they detect.
 */
export const AUDIT_CHECKPOINT_KEY_FILE = 'audit-checkpoint.key';

export interface CheckpointAnchor {
  key: Buffer;
  /** The operator's append-only copy; undefined when only the log and the table get them. */
  file: string | undefined;
}

/**
 * The checkpoint key: AUDIT_CHECKPOINT_KEY; in embedded mode without it, a key file generated once
 * in DATA_DIR (mode 0600). Server mode without the variable: undefined, checkpoints are off.
 */
export function loadCheckpointAnchor(config: Config): CheckpointAnchor | undefined {
  const file = config.auditCheckpointFile;
  if (config.auditCheckpointKey !== undefined)
    return { key: Buffer.from(config.auditCheckpointKey, 'utf8'), file };
  if (config.engine === 'postgres') return undefined;
  try {
    const key = readOrCreateKeyFile(
      path.join(config.dataDir, AUDIT_CHECKPOINT_KEY_FILE),
      'AUDIT_CHECKPOINT_KEY',
    );
    return { key: Buffer.from(key, 'utf8'), file };
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError('AUDIT_CHECKPOINT_KEY', err.rule);
    throw err;
  }
}

interface HeadRow extends Record<string, unknown> {
  last_seq: number | string;
  last_hash: string;
}

/**
 * Signs the chain head and writes the checkpoint everywhere; null when the head has not moved
 * since the latest checkpoint (or the log is empty).
 */
export async function writeCheckpoint(
  db: Queryable,
  anchor: CheckpointAnchor,
  log: Logger | undefined,
  now: Date = new Date(),
): Promise<AuditCheckpoint | null> {
  // Sign every committed read too, not only what the linker has reached.
  await linkStagedAudit(db);
  const head = (await db.query<HeadRow>('SELECT last_seq, last_hash FROM audit_chain_head WHERE singleton'))
    .rows[0];
  if (!head) return null;
  const seq = toInt(head.last_seq);
  if (seq === 0) return null;
  const latest = await db.query<{ seq: number | string | null }>(
    'SELECT max(seq) AS seq FROM audit_checkpoint',
  );
  const latestSeq = latest.rows[0]?.seq;
  if (latestSeq !== null && latestSeq !== undefined && toInt(latestSeq) >= seq) return null;
  const checkpoint = signCheckpoint(anchor.key, seq, head.last_hash, now);
  if (anchor.file) appendLine(anchor.file, `${JSON.stringify(checkpoint)}\n`);
  log?.info({ auditCheckpoint: checkpoint }, 'audit checkpoint');
  await db.query(
    `INSERT INTO audit_checkpoint (seq, hash, signed_at, signed_at_text, mac) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [checkpoint.seq, checkpoint.hash, checkpoint.signedAt, checkpoint.signedAt, checkpoint.mac],
  );
  return checkpoint;
}

function appendLine(file: string, line: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, line);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export async function readStoredCheckpoints(db: Queryable): Promise<AuditCheckpoint[]> {
  const { rows } = await db.query<{
    seq: number | string;
    hash: string;
    signed_at_text: string;
    mac: string;
  }>('SELECT seq, hash, signed_at_text, mac FROM audit_checkpoint ORDER BY seq');
  return rows.map((r) => ({ seq: toInt(r.seq), hash: r.hash, signedAt: r.signed_at_text, mac: r.mac }));
}

/**
 * Checkpoints from a file of JSON lines (AUDIT_CHECKPOINT_FILE, or lines copied out of the log).
 * A missing file gives none; a line that is not a checkpoint is skipped and counted (a torn last
 * line after a crash, or other log lines).
 */
export function readCheckpointFile(file: string): { checkpoints: AuditCheckpoint[]; skipped: number } {
  if (!fs.existsSync(file)) return { checkpoints: [], skipped: 0 };
  const checkpoints: AuditCheckpoint[] = [];
  let skipped = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    // A pino line carries the checkpoint under auditCheckpoint.
    const candidate =
      typeof parsed === 'object' && parsed !== null && 'auditCheckpoint' in parsed
        ? parsed.auditCheckpoint
        : parsed;
    const c = parseCheckpoint(candidate);
    if (c) checkpoints.push(c);
    else skipped++;
  }
  return { checkpoints, skipped };
}

export interface VerifyAnchors {
  /** The checkpoint key (AUDIT_CHECKPOINT_KEY). */
  key: Buffer;
  /** Checkpoints kept outside the database (the operator's file, lines copied from the log). */
  external: readonly AuditCheckpoint[];
}

/** The key and the operator's file of checkpoints, for the verifier; undefined when checkpoints are off. */
export function anchorsOf(config: Config, extraFiles: readonly string[] = []): VerifyAnchors | undefined {
  const anchor = loadCheckpointAnchor(config);
  if (!anchor) return undefined;
  const files = [...(anchor.file ? [anchor.file] : []), ...extraFiles];
  return { key: anchor.key, external: files.flatMap((f) => readCheckpointFile(f).checkpoints) };
}

export interface Checkpointer {
  /** Writes a last checkpoint and stops. */
  stop(): Promise<void>;
}

/** Writes a checkpoint every `intervalSeconds` when the chain has grown, and one when stopped. */
export function startCheckpointer(
  db: Queryable,
  anchor: CheckpointAnchor,
  intervalSeconds: number,
  log: Logger,
): Checkpointer {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running
      .then(() => writeCheckpoint(db, anchor, log))
      .catch((err: unknown) => log.error({ err }, 'audit checkpoint failed'));
    return running;
  };
  const timer = setInterval(() => void tick(), intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await tick();
    },
  };
}
