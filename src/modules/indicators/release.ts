import { createHmac } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.js';
import {
  PERTURBATION,
  addKeys,
  methodDescription,
  perturbCount,
  type PerturbationTable,
} from '../../domain/disclosure/cellkey.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { publishTable, type PublishedValue } from '../../domain/indicators/publish.js';
import { closedPeriods, releaseVersion } from '../../domain/indicators/release.js';
import type { UnitSexCount } from '../../domain/indicators/rollup.js';
import { memberSelectSql, postgresDialect } from './count-sql.js';
import { placementsFor } from './publish-queries.js';
import * as rq from './release-queries.js';

/**
 * Releases: what the public sees. The live publisher keeps `published_value` current for the
 * people entitled to it; a release freezes every public annual table once, with the cell key
 * perturbation of src/domain/disclosure/cellkey.ts applied to the unit × sex counts, then the same
 * roll-up, disclosure control (primary and secondary suppression, exactly verified) and coverage
 * gate as publication, on the perturbed counts. See RELEASES.md beside this file.
 */
export interface ReleaseSettings {
  threshold: number;
  /** The cell key secret (cellKeySecret of the pseudonym key); never stored in the database. */
  secret: Uint8Array;
  perturbation?: PerturbationTable;
}

export interface ReleaseRequest {
  kind: 'scheduled' | 'on_demand' | 'first';
  madeBy: string;
  now?: Date;
}

/** The cell key secret, derived from the pseudonym key (which stays outside the database). */
export function cellKeySecret(pseudonymKey: Uint8Array): Buffer {
  return createHmac('sha256', pseudonymKey).update('kunskapsnav/cell-key/v1').digest();
}

/** A record's 32-bit key for one role ('den' or 'num'): the first four bytes of an HMAC. */
export function recordKey(secret: Uint8Array, role: 'den' | 'num', person: string): number {
  return createHmac('sha256', secret).update(`${role}:${person}`).digest().readUInt32BE(0);
}

/** The true counts of one (unit, sex) cell with its two cell keys. */
export interface KeyedCount {
  unitId: string;
  sex: 'K' | 'M';
  numerator: number;
  denominator: number;
  denominatorKey: number;
  numeratorKey: number;
}

/** Indicators a release covers: the public ones with annual periods. */
export function releasedDefinitions(definitions: readonly IndicatorDefinition[]): IndicatorDefinition[] {
  return definitions.filter((d) => d.openComparisons && d.periodTypes.includes('year'));
}

/** Per annual period: the unit × sex counts of one indicator with their cell keys. */
export async function keyedCounts(
  q: Queryable,
  def: IndicatorDefinition,
  secret: Uint8Array,
  keyCache = new Map<string, [number, number]>(),
): Promise<Map<string, KeyedCount[]>> {
  const cells = new Map<string, KeyedCount>();
  for (const m of await rq.members(q, memberSelectSql(postgresDialect, def, 'year'))) {
    let keys = keyCache.get(m.person);
    if (!keys) {
      keys = [recordKey(secret, 'den', m.person), recordKey(secret, 'num', m.person)];
      keyCache.set(m.person, keys);
    }
    const k = `${m.period}|${m.unitId}|${m.sex}`;
    const c = cells.get(k) ?? {
      unitId: m.unitId,
      sex: m.sex,
      numerator: 0,
      denominator: 0,
      denominatorKey: 0,
      numeratorKey: 0,
    };
    c.denominator++;
    c.denominatorKey = addKeys(c.denominatorKey, keys[0]);
    c.numeratorKey = addKeys(c.numeratorKey, keys[0]);
    if (m.inNumerator) {
      c.numerator++;
      c.numeratorKey = addKeys(c.numeratorKey, keys[1]);
    }
    cells.set(k, c);
  }
  const out = new Map<string, KeyedCount[]>();
  for (const [k, c] of cells) {
    const period = k.slice(0, k.indexOf('|'));
    out.set(period, [...(out.get(period) ?? []), c]);
  }
  for (const list of out.values())
    list.sort((a, b) => (a.unitId === b.unitId ? a.sex.localeCompare(b.sex) : a.unitId < b.unitId ? -1 : 1));
  return out;
}

export function perturbed(table: PerturbationTable, counts: readonly KeyedCount[]): UnitSexCount[] {
  return counts.map((c) => ({ unitId: c.unitId, sex: c.sex, ...perturbCount(table, c) }));
}

export interface ReleasedTable {
  indicatorId: string;
  version: number;
  period: string;
  values: PublishedValue[];
}

/**
 * Computes every table a release would hold, from the facts as they are now (pure apart from
 * reading): the perturbed counts rolled up, disclosure-controlled and gated.
 */
export async function computeRelease(
  q: Queryable,
  definitions: readonly IndicatorDefinition[],
  settings: ReleaseSettings,
): Promise<ReleasedTable[]> {
  const table = settings.perturbation ?? PERTURBATION;
  const keyCache = new Map<string, [number, number]>();
  const byDef = new Map<string, Map<string, KeyedCount[]>>();
  const countsOf = async (def: IndicatorDefinition) => {
    let c = byDef.get(def.id);
    if (!c) {
      c = await keyedCounts(q, def, settings.secret, keyCache);
      byDef.set(def.id, c);
    }
    return c;
  };
  const out: ReleasedTable[] = [];
  for (const def of releasedDefinitions(definitions)) {
    const coverageDef = def.minCoverage
      ? definitions.find((d) => d.id === def.minCoverage?.indicator)
      : undefined;
    const counts = await countsOf(def);
    for (const period of [...counts.keys()].sort()) {
      const parsed = parsePeriod(period);
      if (!parsed) continue;
      const coverage = coverageDef ? (await countsOf(coverageDef)).get(period) : undefined;
      const result = publishTable(
        def,
        period,
        perturbed(table, counts.get(period) ?? []),
        await placementsFor(q, parsed),
        {
          threshold: settings.threshold,
          noise: table,
          ...(coverageDef ? { coverageCounts: perturbed(table, coverage ?? []) } : {}),
        },
      );
      out.push({ indicatorId: def.id, version: def.version, period, values: result.values });
    }
  }
  return out;
}

export interface ReleaseSummary {
  id: number;
  version: string;
  madeAt: Date;
  tables: number;
  cells: number;
  suppressed: number;
}

/** Makes a release: computes every public annual table and stores it, in one transaction. */
export async function makeRelease(
  db: Db,
  definitions: readonly IndicatorDefinition[],
  settings: ReleaseSettings,
  request: ReleaseRequest,
): Promise<ReleaseSummary> {
  const madeAt = request.now ?? new Date();
  return db.transaction(async (tx) => {
    const tables = await computeRelease(tx, definitions, settings);
    const periods = [...new Set(tables.map((t) => t.period))].sort();
    const version = releaseVersion(madeAt, await rq.releasesInMonth(tx, madeAt));
    const cells = tables.reduce((s, t) => s + t.values.length, 0);
    const suppressed = tables.reduce(
      (s, t) => s + t.values.filter((v) => v.status === 'suppressed').length,
      0,
    );
    const id = await rq.insertRelease(tx, {
      version,
      madeAt,
      kind: request.kind,
      madeBy: request.madeBy,
      periods,
      finalPeriods: closedPeriods(periods, madeAt),
      method: methodDescription(settings.perturbation ?? PERTURBATION, settings.threshold),
      tables: tables.length,
      cells,
      suppressed,
    });
    for (const t of tables) await rq.insertReleasedTable(tx, id, t);
    return { id, version, madeAt, tables: tables.length, cells, suppressed };
  });
}
