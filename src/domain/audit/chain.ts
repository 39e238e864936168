import { createHash } from 'node:crypto';
import type { AuditAction, AuditEntry, AuditOutcome } from './entry.js';

/**
 * The hash chain of the audit log. Two steps, both defined here:
 *
 * 1. contentHash = SHA-256 of the entry's fields as canonical JSON (keys sorted, no whitespace),
 *    after normalising them to what the database gives back (millisecond timestamps, lower-case
 *    uuids, JSON without undefined, strings PostgreSQL can store). The writer
 *    (src/modules/audit/append.ts) computes it before it touches the chain.
 * 2. hash = SHA-256 of `${prevHash}:${seq}:${contentHash}` — the link. The database computes
 *    this same string when it links the entry under the chain-head lock (audit_link_entry in
 *    0020_audit_log.sql), so the lock never spans a round trip to the application.
 *
 * The verifier (src/modules/audit/verify.ts) recomputes both steps here, so any difference between
 * the trigger's link and linkHash below shows up as a broken chain in the tests of both engines.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** An entry as stored: every field present, nulls instead of absent values. */
export interface ChainedAuditEntry {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  personPseudonym: string | null;
  unitId: string | null;
  municipalityCode: string | null;
  recordType: string | null;
  recordId: string | null;
  purpose: string | null;
  breakGlass: boolean;
  clientAddress: string | null;
  details: JsonObject;
  contentHash: string;
  prevHash: string;
  hash: string;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * PostgreSQL text cannot hold NUL, and UTF-8 cannot hold a lone surrogate (the driver would turn
 * it into U+FFFD, so the stored string would no longer hash the same). Replace both up front.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(s: string): string {
  return s.replace(UNSTORABLE, '\uFFFD');
}

/** A JSON value as it comes back from jsonb: no undefined, no non-finite numbers, storable text. */
export function storableJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
  if (typeof value === 'string') return storableText(value);
  if (typeof value === 'bigint') return storableText(value.toString());
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => storableJson(v));
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      // JSON.stringify drops undefined members and functions; so do we.
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      out[storableText(k)] = storableJson(v);
    }
    return out;
  }
  return null;
}

/** JSON with object keys sorted by UTF-16 code units at every level and no whitespace. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(',')}}`;
}

function optionalText(s: string | null | undefined): string | null {
  return s === null || s === undefined ? null : storableText(s);
}

function optionalUuid(field: string, s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const lower = s.toLowerCase();
  if (!UUID.test(lower)) throw new Error(`audit entry ${field} must be a uuid, got ${JSON.stringify(s)}`);
  return lower;
}

/** Millisecond precision: what timestamptz stores and gives back for a JS Date. */
function wholeMilliseconds(d: Date): Date {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) throw new Error('audit entry time is not a valid date');
  return new Date(Math.trunc(ms));
}

/** The fields the content hash covers, normalised; seq and the hashes come from the chain. */
export type AuditContent = Omit<ChainedAuditEntry, 'seq' | 'contentHash' | 'prevHash' | 'hash'>;

export function normaliseEntry(entry: AuditEntry, occurredAt: Date): AuditContent {
  const details = storableJson(entry.details ?? {});
  return {
    occurredAt: wholeMilliseconds(occurredAt),
    actorUserId: optionalUuid('actorUserId', entry.actorUserId),
    action: entry.action,
    outcome: entry.outcome,
    personPseudonym: optionalText(entry.personPseudonym),
    unitId: optionalUuid('unitId', entry.unitId),
    municipalityCode: optionalText(entry.municipalityCode),
    recordType: optionalText(entry.recordType),
    recordId: optionalText(entry.recordId),
    purpose: optionalText(entry.purpose),
    breakGlass: entry.breakGlass ?? false,
    clientAddress: optionalText(entry.clientAddress),
    details: details !== null && typeof details === 'object' && !Array.isArray(details) ? details : {},
  };
}

/** The exact string whose SHA-256 is the content hash; `v` names the serialisation. */
export function canonicalContent(e: AuditContent): string {
  return canonicalJson({
    v: 1,
    occurredAt: e.occurredAt.toISOString(),
    actorUserId: e.actorUserId,
    action: e.action,
    outcome: e.outcome,
    personPseudonym: e.personPseudonym,
    unitId: e.unitId,
    municipalityCode: e.municipalityCode,
    recordType: e.recordType,
    recordId: e.recordId,
    purpose: e.purpose,
    breakGlass: e.breakGlass,
    clientAddress: e.clientAddress,
    details: e.details,
  });
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function contentHash(e: AuditContent): string {
  return sha256Hex(canonicalContent(e));
}

/** The link; mirrored by audit_link_entry() in 0020_audit_log.sql (ASCII only, so bytes agree). */
export function linkHash(prevHash: string, seq: number, entryContentHash: string): string {
  return sha256Hex(`${prevHash}:${seq}:${entryContentHash}`);
}

/** An entry as the chain would store it after `prev` (for tests and tools; the database does this). */
export function chainAfter(
  prev: { seq: number; hash: string } | null,
  content: AuditContent,
): ChainedAuditEntry {
  const seq = prev ? prev.seq + 1 : 1;
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  const hashOfContent = contentHash(content);
  return {
    ...content,
    seq,
    contentHash: hashOfContent,
    prevHash,
    hash: linkHash(prevHash, seq, hashOfContent),
  };
}

/** On failure, `seq` is the first entry that is wrong or missing. */
export type ChainCheck = { ok: true } | { ok: false; seq: number; reason: string };

/**
 * Checks one stored entry against its predecessor (null for the first). The reasons name the
 * rule broken, so an operator knows whether a row was changed, removed or reordered.
 */
export function checkLink(prev: { seq: number; hash: string } | null, e: ChainedAuditEntry): ChainCheck {
  const expectedSeq = prev ? prev.seq + 1 : 1;
  if (e.seq !== expectedSeq) {
    return {
      ok: false,
      seq: expectedSeq,
      reason: `entry ${expectedSeq} is missing (next stored entry is ${e.seq})`,
    };
  }
  const expectedPrev = prev ? prev.hash : GENESIS_HASH;
  if (e.prevHash !== expectedPrev) {
    return { ok: false, seq: e.seq, reason: `prev_hash does not match the hash of entry ${expectedSeq - 1}` };
  }
  if (contentHash(e) !== e.contentHash) {
    return {
      ok: false,
      seq: e.seq,
      reason: 'content_hash does not match the entry’s fields (the row was changed)',
    };
  }
  if (linkHash(e.prevHash, e.seq, e.contentHash) !== e.hash) {
    return { ok: false, seq: e.seq, reason: 'hash does not match prev_hash, seq and content_hash' };
  }
  return { ok: true };
}
