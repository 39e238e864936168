import type { ReviewedEntry, ReviewPage } from '../../contracts/audit.js';
import type { Queryable } from '../../db/db.js';
import { DEFAULT_FLAG_RULES, flagEntries, type FlagRules } from '../../domain/audit/flags.js';
import { swedishLocalTime } from '../../domain/audit/swedish-time.js';
import type { AuditReviewScope } from '../../domain/policy/policy.js';
import { toEntry } from './rows.js';
import { linkStagedAudit } from './link.js';
import { selectEntries, selectPersonContext, type AuditFilter, type ReviewRow } from './queries.js';

/** The log review: pages of entries with their flags, and the same as a stream for export. */

/** Rows read per step when only flagged entries are wanted, and the most one page may scan. */
export const FLAGGED_SCAN_BATCH = 500;
export const FLAGGED_SCAN_LIMIT = 20_000;

async function withFlags(db: Queryable, rows: ReviewRow[], rules: FlagRules): Promise<ReviewedEntry[]> {
  if (rows.length === 0) return [];
  const entries = rows.map((r) => ({ ...toEntry(r), actorUsername: r.actor_username }));
  const times = entries.map((e) => e.occurredAt.getTime());
  const windowMs = rules.manyPersons.windowMinutes * 60_000;
  const actors = [
    ...new Set(entries.flatMap((e) => (e.actorUserId && e.personPseudonym ? [e.actorUserId] : []))),
  ];
  const context = await selectPersonContext(
    db,
    actors,
    new Date(Math.min(...times) - windowMs),
    new Date(Math.max(...times) + windowMs),
  );
  const flags = flagEntries(entries, context, rules);
  return entries.map((e) => ({
    seq: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    occurredAtLocal: swedishLocalTime(e.occurredAt),
    actorUserId: e.actorUserId,
    actorUsername: e.actorUsername,
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
    flags: flags.get(e.seq) ?? [],
    hash: e.hash,
  }));
}

export interface PageRequest {
  limit: number;
  /** Entries older than this seq. */
  cursor?: number | undefined;
  flaggedOnly: boolean;
}

/**
 * One page, newest first. With flaggedOnly the page is filled from successive batches; a page
 * stops after FLAGGED_SCAN_LIMIT rows even if it is not full, and its nextCursor lets the client
 * go on scanning — so one request never walks the whole log.
 */
export async function reviewPage(
  db: Queryable,
  filter: AuditFilter,
  scope: AuditReviewScope,
  request: PageRequest,
  rules: FlagRules = DEFAULT_FLAG_RULES,
): Promise<ReviewPage> {
  // The first page shows every committed read, staged or linked.
  if (request.cursor === undefined) await linkStagedAudit(db);
  if (!request.flaggedOnly) {
    const rows = await selectEntries(db, filter, scope, request.cursor, request.limit + 1);
    const entries = await withFlags(db, rows.slice(0, request.limit), rules);
    const last = entries[entries.length - 1];
    return { entries, nextCursor: rows.length > request.limit && last ? String(last.seq) : null };
  }
  const found: ReviewedEntry[] = [];
  let cursor = request.cursor;
  let scanned = 0;
  for (;;) {
    const rows = await selectEntries(db, filter, scope, cursor, FLAGGED_SCAN_BATCH);
    for (const e of await withFlags(db, rows, rules)) {
      cursor = e.seq;
      if (e.flags.length === 0) continue;
      found.push(e);
      if (found.length === request.limit) return { entries: found, nextCursor: String(e.seq) };
    }
    scanned += rows.length;
    if (rows.length < FLAGGED_SCAN_BATCH) return { entries: found, nextCursor: null };
    if (scanned >= FLAGGED_SCAN_LIMIT) return { entries: found, nextCursor: String(cursor) };
  }
}

/** Every matching entry, newest first, in batches: for the CSV export. */
export async function* reviewStream(
  db: Queryable,
  filter: AuditFilter,
  scope: AuditReviewScope,
  flaggedOnly: boolean,
  batchSize = 1000,
  rules: FlagRules = DEFAULT_FLAG_RULES,
): AsyncGenerator<ReviewedEntry> {
  let cursor: number | undefined;
  await linkStagedAudit(db);
  for (;;) {
    const rows = await selectEntries(db, filter, scope, cursor, batchSize);
    for (const e of await withFlags(db, rows, rules)) {
      cursor = e.seq;
      if (!flaggedOnly || e.flags.length > 0) yield e;
    }
    if (rows.length < batchSize) return;
  }
}
