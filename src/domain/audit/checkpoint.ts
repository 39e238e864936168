import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed checkpoints of the audit chain: (seq, hash of entry seq, time) with an HMAC-SHA256 under
 * a key the database never holds (AUDIT_CHECKPOINT_KEY). The hash of entry `seq` commits to every
 * entry up to it, so a checkpoint pins the whole chain up to `seq`: whoever owns the database can
 * rewrite rows and recompute the chain, but cannot make a new checkpoint without the key, and
 * cannot make the chain agree with the checkpoints already written elsewhere.
 * src/modules/audit/README.md says exactly what is and is not detected.
 */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  signedAt: string;
  mac: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** The exact bytes that are signed; `v1` names the format. */
export function checkpointMessage(c: Pick<AuditCheckpoint, 'seq' | 'hash' | 'signedAt'>): string {
  return `kunskapsnav-audit-checkpoint:v1:${c.seq}:${c.hash}:${c.signedAt}`;
}

export function signCheckpoint(key: Buffer, seq: number, hash: string, at: Date): AuditCheckpoint {
  const signedAt = at.toISOString();
  const mac = createHmac('sha256', key)
    .update(checkpointMessage({ seq, hash, signedAt }), 'utf8')
    .digest('hex');
  return { seq, hash, signedAt, mac };
}

export function checkpointSignatureValid(key: Buffer, c: AuditCheckpoint): boolean {
  if (!HEX64.test(c.mac) || !HEX64.test(c.hash) || !Number.isSafeInteger(c.seq) || c.seq < 0) return false;
  const expected = signCheckpoint(key, c.seq, c.hash, new Date(c.signedAt));
  return expected.signedAt === c.signedAt && timingSafeEqual(Buffer.from(expected.mac), Buffer.from(c.mac));
}

/** A checkpoint read from text (a JSON line), or null when the line is not one. */
export function parseCheckpoint(value: unknown): AuditCheckpoint | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const { seq, hash, signedAt, mac } = v;
  if (
    typeof seq !== 'number' ||
    typeof hash !== 'string' ||
    typeof signedAt !== 'string' ||
    typeof mac !== 'string'
  )
    return null;
  return { seq, hash, signedAt, mac };
}

/** What the chain looks like to the checkpoint check. */
export interface ChainFacts {
  /** The seq of the last entry the chain head says exists. */
  lastSeq: number;
  /** The stored hash of each entry asked for; undefined when the entry is missing. */
  hashAt(seq: number): string | undefined;
}

export type CheckpointFinding =
  | { ok: true; checked: number; latestSeq: number | null }
  | { ok: false; firstBrokenSeq: number; reason: string; checked: number };

/**
 * Checks a chain (already walked and found internally consistent up to `lastSeq`) against the
 * checkpoints: every checkpoint must carry a valid signature, point at an entry that exists and
 * agree with its hash. Reports the lowest broken seq.
 */
export function checkAgainstCheckpoints(
  key: Buffer,
  checkpoints: readonly AuditCheckpoint[],
  chain: ChainFacts,
): CheckpointFinding {
  // The same checkpoint usually comes from the table and from the operator's copy: count it once.
  const unique = new Map(checkpoints.map((c) => [`${c.seq}:${c.signedAt}:${c.mac}`, c]));
  const sorted = [...unique.values()].sort((a, b) => a.seq - b.seq);
  let checked = 0;
  let latestSeq: number | null = null;
  for (const c of sorted) {
    if (!checkpointSignatureValid(key, c)) {
      return {
        ok: false,
        firstBrokenSeq: Math.max(1, c.seq),
        reason: `the checkpoint at entry ${c.seq} (${c.signedAt}) has no valid signature under this key (forged, or another key)`,
        checked,
      };
    }
    if (c.seq === 0) {
      checked++;
      continue;
    }
    if (c.seq > chain.lastSeq) {
      return {
        ok: false,
        firstBrokenSeq: chain.lastSeq + 1,
        reason:
          `entries ${chain.lastSeq + 1}–${c.seq} were cut off: a checkpoint signed ${c.signedAt} ` +
          `covers entry ${c.seq}, but the chain ends at ${chain.lastSeq}`,
        checked,
      };
    }
    const stored = chain.hashAt(c.seq);
    if (stored !== c.hash) {
      return {
        ok: false,
        firstBrokenSeq: c.seq,
        reason:
          stored === undefined
            ? `entry ${c.seq} is missing, but a checkpoint signed ${c.signedAt} covers it`
            : `the chain was rewritten between entries ${(latestSeq ?? 0) + 1} and ${c.seq}: the hash of ` +
              `entry ${c.seq} differs from the checkpoint signed ${c.signedAt}`,
        checked,
      };
    }
    checked++;
    latestSeq = c.seq;
  }
  return { ok: true, checked, latestSeq };
}
