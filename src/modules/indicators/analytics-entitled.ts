import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/db.js';
import { asSuppressed } from '../../domain/indicators/publish.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import type { OrgLevel, Placement, UnitSexCount } from '../../domain/indicators/rollup.js';
import { can } from '../../domain/policy/policy.js';
import type { Principal } from '../../domain/policy/principal.js';
import {
  countsOfTables,
  countStamps,
  placementStamp,
  type AnalyticsRow,
  type TablePair,
} from './analytics-queries.js';
import {
  buildDetailTable,
  detailOf,
  keysOf,
  rowKey,
  targetOf,
  type DetailTable,
  type UnsuppressedDetail,
} from './analytics-detail.js';
import { groupCallerPattern, groupOf, type GroupMember } from './analytics-joint.js';
import { intervalsFrom, publishedOfYear, yearStamps, type CellIntervals } from './analytics-periods.js';
import { placementsFor } from './publish-queries.js';

/**
 * The detail tables behind an analytics answer, many at once and kept between requests: a table
 * is rebuilt only when its counts or its units' placements changed (see countStamps), and the
 * caller's own disclosure pattern is kept per table and scope. The tables mean exactly what
 * detailTable computes per request (the tests compare both on a synthetic nation).
 */
export type EntitledRow = AnalyticsRow & { unsuppressed?: UnsuppressedDetail };

export interface CachedTable {
  stamp: string;
  threshold: number;
  placementStamp: string;
  table: DetailTable;
  /**
   * Hidden cells per caller scope (analytics-joint.ts), computed on first use, with what they
   * were computed from: the group's count stamps and the published periods of their year.
   */
  hiddenByScope: Map<string, { from: string; hidden: Set<string> }>;
  /** The table's period intervals (analytics-periods.ts) and the year's publications they come from. */
  intervals?: { from: string; value: Map<string, CellIntervals> };
}

export class DetailCache {
  private readonly tables = new Map<string, CachedTable>();
  /** Placements by period, valid while the org register's fingerprint is `stamp`. */
  readonly placements = new Map<string, { stamp: string; placements: Map<string, Placement> }>();
  /** A national table takes a few MB, so keep about two dashboards' worth. */
  constructor(private readonly capacity = 128) {}

  /** Whether analytics holds the table (the publisher then keeps it up to date). */
  holds(pair: TablePair): boolean {
    return this.tables.has(tableKey(pair));
  }

  /** A table the publisher computed from the counts its publication `stamp` names. */
  keep(pair: TablePair, entry: Omit<CachedTable, 'hiddenByScope'>): void {
    this.set(tableKey(pair), { ...entry, hiddenByScope: new Map() });
  }

  get(key: string): CachedTable | undefined {
    const hit = this.tables.get(key);
    if (hit) {
      // Most recently used last, so eviction drops the oldest.
      this.tables.delete(key);
      this.tables.set(key, hit);
    }
    return hit;
  }

  set(key: string, entry: CachedTable): void {
    this.tables.delete(key);
    this.tables.set(key, entry);
    while (this.tables.size > this.capacity) {
      const oldest = this.tables.keys().next().value;
      if (oldest === undefined) break;
      this.tables.delete(oldest);
    }
  }
}

const isCurrent = (hit: CachedTable, stamp: string, threshold: number, orgStamp: string) =>
  hit.stamp === stamp && hit.threshold === threshold && hit.placementStamp === orgStamp;

/** Names a table by the counts it was built from, for a table whose publication is pending. */
function countsFingerprint(counts: readonly UnitSexCount[]): string {
  const hash = createHash('sha1');
  for (const c of counts) hash.update(`${c.unitId}|${c.sex}|${c.numerator}|${c.denominator}\n`);
  return `counts:${hash.digest('base64url')}`;
}

const tableKey = (p: { indicatorId: string; version: number; period: string }) =>
  `${p.indicatorId}|${p.version}|${p.period}`;

/** One cache per database, shared by the analytics route and the background publisher. */
const caches = new WeakMap<object, DetailCache>();
export function detailCacheOf(db: object): DetailCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new DetailCache()));
  return cache;
}

/** What a caller's disclosure pattern depends on: the assignments that grant aggregates. */
function scopeKeyOf(principal: Principal): string {
  return JSON.stringify(principal.assignments.map((a) => [a.role, a.scope]).sort());
}

/** The detail table of every (indicator, period) among the rows, by `indicator|period`. */
async function detailTables(
  q: Queryable,
  definitions: readonly IndicatorDefinition[],
  rows: readonly AnalyticsRow[],
  threshold: number,
  cache: DetailCache,
): Promise<Map<string, CachedTable>> {
  const pairs = new Map<string, TablePair>();
  for (const r of rows) {
    const def = definitions.find((d) => d.id === r.indicator);
    const period = parsePeriod(r.period);
    // The whole sharing group, whichever of its tables the rows name (analytics-joint.ts).
    if (def && period)
      for (const member of groupOf(def, period.type, definitions))
        pairs.set(`${member.id}|${r.period}`, {
          indicatorId: member.id,
          version: member.version,
          period: r.period,
        });
  }
  const out = new Map<string, CachedTable>();
  if (pairs.size === 0) return out;
  const stamps = await countStamps(q, [...pairs.values()]);
  const orgStamp = await placementStamp(q);
  const placementsByPeriod = new Map<string, Map<string, Placement>>();
  for (const period of new Set([...pairs.values()].map((p) => p.period))) {
    const parsed = parsePeriod(period);
    if (!parsed) continue;
    let placed = cache.placements.get(period);
    if (placed?.stamp !== orgStamp) {
      placed = { stamp: orgStamp, placements: await placementsFor(q, parsed) };
      cache.placements.set(period, placed);
    }
    placementsByPeriod.set(period, placed.placements);
  }
  const missing: TablePair[] = [];
  for (const [key, pair] of pairs) {
    const stamp = stamps.get(key) ?? null;
    const hit = cache.get(tableKey(pair));
    if (stamp !== null && hit && isCurrent(hit, stamp, threshold, orgStamp)) out.set(key, hit);
    else missing.push(pair);
  }
  const counts = await countsOfTables(q, missing);
  for (const pair of missing) {
    const key = `${pair.indicatorId}|${pair.period}`;
    const def = definitions.find((d) => d.id === pair.indicatorId);
    const placed = placementsByPeriod.get(pair.period);
    if (!def || !placed) continue;
    const read = counts.get(key) ?? [];
    // A queued table's counts are still moving: the counts just read name it instead.
    const stamp = stamps.get(key) ?? countsFingerprint(read);
    const hit = cache.get(tableKey(pair));
    if (hit && isCurrent(hit, stamp, threshold, orgStamp)) {
      out.set(key, hit);
      continue;
    }
    const entry: CachedTable = {
      stamp,
      threshold,
      placementStamp: orgStamp,
      table: buildDetailTable(def, pair.period, read, placed, threshold),
      hiddenByScope: new Map(),
    };
    out.set(key, entry);
    cache.set(tableKey(pair), entry);
  }
  return out;
}

/**
 * Adds `unsuppressed` to the rows whose node lies inside the principal's aggregate scope, and
 * hides the published rows that those unsuppressed numbers would give away (the caller's own
 * disclosure pattern: src/domain/disclosure/known.ts).
 */
export async function withEntitledDetail(
  q: Queryable,
  definitions: readonly IndicatorDefinition[],
  principal: Principal,
  rows: readonly AnalyticsRow[],
  threshold: number,
  cache: DetailCache,
): Promise<EntitledRow[]> {
  const tables = await detailTables(q, definitions, rows, threshold, cache);
  const scope = scopeKeyOf(principal);
  const published = await yearStamps(
    q,
    [...tables.keys()].map((key) => {
      const [indicatorId = '', period = ''] = key.split('|');
      return { indicatorId, period };
    }),
  );
  // The caller's pattern is computed per sharing group of one period (analytics-joint.ts), and
  // kept per scope with the group's count stamps and the year's publications it was computed
  // from: what the caller can bound from the same indicator's other periods counts too
  // (analytics-periods.ts), so a republished month changes the year's pattern.
  const hidden = new Map<string, Set<string>>();
  for (const [key, entry] of tables) {
    if (hidden.has(key)) continue;
    const [indicatorId = '', period = ''] = key.split('|');
    const def = definitions.find((d) => d.id === indicatorId);
    const type = parsePeriod(period)?.type;
    if (!def || !type) continue;
    const members: Array<{ key: string; entry: CachedTable; member: GroupMember; from: string }> = [];
    for (const d of groupOf(def, type, definitions)) {
      const k = `${d.id}|${period}`;
      const e = tables.get(k);
      if (!e) continue;
      const from = published.get(`${d.id}|${period.slice(0, 4)}`) ?? 'none';
      if (e.intervals?.from !== from) {
        const rowsOfYear = await publishedOfYear(q, d.id, period.slice(0, 4));
        e.intervals = { from, value: intervalsFrom(rowsOfYear, period, e.table.index.keys()) };
      }
      members.push({
        key: k,
        entry: e,
        from,
        member: { def: d, table: e.table, intervals: e.intervals.value },
      });
    }
    const from = members.map((m) => `${m.key}:${m.entry.stamp}:${m.from}`).join(';');
    let patterns = members.map((m) => {
      const kept = m.entry.hiddenByScope.get(scope);
      return kept?.from === from ? kept.hidden : undefined;
    });
    if (patterns.some((p) => !p)) {
      const entitled = (level: OrgLevel, code: string) =>
        can(principal, 'aggregates.read', targetOf({ level, code }, entry.table));
      const indices = groupCallerPattern(
        members.map((m) => m.member),
        entitled,
      );
      const computed = members.map((m, i) => keysOf(m.entry.table, indices[i] ?? new Set()));
      members.forEach((m, i) =>
        m.entry.hiddenByScope.set(scope, { from, hidden: computed[i] as Set<string> }),
      );
      patterns = computed;
    }
    members.forEach((m, i) => hidden.set(m.key, patterns[i] as Set<string>));
  }
  return mergeDetail(principal, rows, (row) => {
    const key = `${row.indicator}|${row.period}`;
    const entry = tables.get(key);
    const cells = hidden.get(key);
    return entry && cells ? { table: entry.table, hidden: cells } : undefined;
  });
}

/** The rows with the caller's detail merged in, given each row's detail table and hidden cells. */
export function mergeDetail(
  principal: Principal,
  rows: readonly AnalyticsRow[],
  tableOf: (row: AnalyticsRow) => { table: DetailTable; hidden: Set<string> } | undefined,
): EntitledRow[] {
  return rows.map((row) => {
    const t = tableOf(row);
    const detail =
      t && can(principal, 'aggregates.read', targetOf(row, t.table)) ? detailOf(t.table, row) : undefined;
    if (detail) return { ...row, unsuppressed: detail };
    if (t?.hidden.has(rowKey(row)) && row.status !== 'suppressed') return asSuppressed(row);
    return row;
  });
}
