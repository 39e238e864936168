import { createHmac } from 'node:crypto';
import { addKeys, perturbCount, type PerturbationTable } from '../../domain/disclosure/cellkey.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { publishTable, type PublishedValue } from '../../domain/indicators/publish.js';
import type { Placement, UnitSexCount } from '../../domain/indicators/rollup.js';
import type { SurveyCountRow } from '../../domain/indicators/survey-publish.js';
import { valueRowsJson } from './publish-queries.js';
import { protectAcrossIndicators, type ReleasePeriodTable } from './release-joint.js';
import type { Member } from './release-queries.js';
import { surveyReleaseTables } from './survey-release.js';

/**
 * The pure part of a release (release.ts reads and writes): from the members the facts count,
 * the org register's placements and the settled survey counts to every released table. Plain
 * data in and out, so that it runs in a worker thread (publish-pool.ts) as well as inline, with
 * the same result. See RELEASES.md beside this file.
 */
export interface ReleaseInput {
  /** Every active definition: coverage indicators are looked up among them. */
  definitions: readonly IndicatorDefinition[];
  /** Per indicator a release reads (released, and their coverage indicators): who it counts. */
  members: ReadonlyMap<string, readonly Member[]>;
  /** Per period: where each unit sat in the org register. */
  placements: ReadonlyMap<string, ReadonlyMap<string, Placement>>;
  surveyCounts: readonly SurveyCountRow[];
  threshold: number;
  /** The cell key secret (cellKeySecret of the pseudonym key); never stored in the database. */
  secret: Uint8Array;
  perturbation: PerturbationTable;
  /** Whether to answer the values too (tests and benchmarks), not only the tables as stored. */
  withValues?: boolean;
}

/** What the step across indicators did, for benchmarks and tests. */
export interface AcrossStats {
  /** Cells hidden beyond each table's own pattern. */
  added: number;
  /** The most rounds of the union check (per period) that found a sensitive count. */
  rounds: number;
  ms: number;
}

export interface ReleasedTable {
  indicatorId: string;
  version: number;
  period: string;
  values: PublishedValue[];
}

/**
 * A released table as it is stored: its values already as the rows released_value's insert reads
 * (valueRowsJson), in chunks, so that the main thread neither rebuilds tens of thousands of
 * objects from the worker's answer nor holds the embedded engine with one huge statement.
 */
export interface StoredTable {
  indicatorId: string;
  version: number;
  period: string;
  cells: number;
  suppressed: number;
  rows: string[];
}

export interface ReleaseOutput {
  stored: StoredTable[];
  /** Only when the input asked for them (withValues). */
  values?: ReleasedTable[];
  across: AcrossStats;
}

/** Values per insert statement: one statement holds the embedded engine for tens of ms at most. */
const ROWS_PER_CHUNK = 1000;

export function storedTable(t: ReleasedTable): StoredTable {
  const rows: string[] = [];
  for (let i = 0; i < t.values.length; i += ROWS_PER_CHUNK)
    rows.push(valueRowsJson(t.values.slice(i, i + ROWS_PER_CHUNK)));
  return {
    indicatorId: t.indicatorId,
    version: t.version,
    period: t.period,
    cells: t.values.length,
    suppressed: t.values.filter((v) => v.status === 'suppressed').length,
    rows,
  };
}

/** A record's 32-bit key for one role: the first four bytes of an HMAC. */
export function recordKey(secret: Uint8Array, role: 'den' | 'num' | 'pop', person: string): number {
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

/** Fact-based indicators a release covers: the public ones with annual periods (surveys: survey-release.ts). */
export function releasedDefinitions(definitions: readonly IndicatorDefinition[]): IndicatorDefinition[] {
  return definitions.filter((d) => d.openComparisons && d.periodTypes.includes('year') && !d.survey);
}

/** The definitions whose members a release reads: the released ones and their coverage indicators. */
export function readDefinitions(definitions: readonly IndicatorDefinition[]): IndicatorDefinition[] {
  const needed = new Map<string, IndicatorDefinition>();
  for (const def of releasedDefinitions(definitions)) {
    needed.set(def.id, def);
    const coverage = def.minCoverage && definitions.find((d) => d.id === def.minCoverage?.indicator);
    if (coverage) needed.set(coverage.id, coverage);
  }
  return [...needed.values()];
}

class RecordKeys {
  private readonly cache = new Map<string, [den: number, num: number, pop: number]>();
  constructor(private readonly secret: Uint8Array) {}
  of(person: string): [number, number, number] {
    let keys = this.cache.get(person);
    if (!keys) {
      keys = [
        recordKey(this.secret, 'den', person),
        recordKey(this.secret, 'num', person),
        recordKey(this.secret, 'pop', person),
      ];
      this.cache.set(person, keys);
    }
    return keys;
  }
}

/**
 * Per annual period: the unit × sex counts of one indicator with their cell keys. Both keys also
 * add `population` of the unit and period (the pop keys of every person any released indicator
 * counts there), so that anyone new at a unit redraws the noise of every cell of that unit in
 * every table, whether or not they are in it: an unchanged table would otherwise tell that the
 * newcomer is not in it.
 *
 * `grid` lists, per period, the unit × sex cells every table of the indicator holds, counted or
 * not: a cell with no records is a zero perturbed under the population key, so that a newcomer
 * who is the first one counted there does not make a cell appear only if she is in it.
 */
function keyedCounts(
  members: readonly Member[],
  keys: RecordKeys,
  population: ReadonlyMap<string, number>,
  grid: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): Map<string, KeyedCount[]> {
  const cells = new Map<string, KeyedCount & { period: string }>();
  const cellOf = (period: string, unitId: string, sex: 'K' | 'M') => {
    const k = `${period}|${unitId}|${sex}`;
    let c = cells.get(k);
    if (!c) {
      const pop = population.get(`${period}|${unitId}`) ?? 0;
      c = { period, unitId, sex, numerator: 0, denominator: 0, denominatorKey: pop, numeratorKey: pop };
      cells.set(k, c);
    }
    return c;
  };
  for (const [period, unitSexes] of grid)
    for (const unitSex of unitSexes) {
      const [unitId, sex] = unitSex.split('|') as [string, 'K' | 'M'];
      cellOf(period, unitId, sex);
    }
  for (const m of members) {
    const [den, num] = keys.of(m.person);
    const c = cellOf(m.period, m.unitId, m.sex);
    c.denominator++;
    c.denominatorKey = addKeys(c.denominatorKey, den);
    c.numeratorKey = addKeys(c.numeratorKey, den);
    if (m.inNumerator) {
      c.numerator++;
      c.numeratorKey = addKeys(c.numeratorKey, num);
    }
  }
  const out = new Map<string, KeyedCount[]>();
  for (const { period, ...c } of cells.values()) out.set(period, [...(out.get(period) ?? []), c]);
  for (const list of out.values())
    list.sort((a, b) => (a.unitId === b.unitId ? a.sex.localeCompare(b.sex) : a.unitId < b.unitId ? -1 : 1));
  return out;
}

/** Population keys per (period, unit): each person counted there by any of the indicators, once. */
function populationKeys(all: Iterable<readonly Member[]>, keys: RecordKeys): Map<string, number> {
  const seen = new Set<string>();
  const out = new Map<string, number>();
  for (const members of all)
    for (const m of members) {
      const k = `${m.period}|${m.unitId}`;
      if (seen.has(`${k}|${m.person}`)) continue;
      seen.add(`${k}|${m.person}`);
      out.set(k, addKeys(out.get(k) ?? 0, keys.of(m.person)[2]));
    }
  return out;
}

/**
 * Per operating area and period, the unit × sex cells ("unit|sex") any released indicator of that
 * area counts: the cells every table of the area holds, so that which cells exist never depends
 * on one person's outcome. A unit × sex nobody is counted in at all (men at a unit for women)
 * is a structural zero and stays out: no phantom counts there.
 */
function areaGrids(
  definitions: readonly IndicatorDefinition[],
  membersOf: ReadonlyMap<string, readonly Member[]>,
): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const def of definitions) {
    const byPeriod = out.get(def.operatingArea) ?? new Map<string, Set<string>>();
    out.set(def.operatingArea, byPeriod);
    for (const m of membersOf.get(def.id) ?? []) {
      const units = byPeriod.get(m.period) ?? new Set<string>();
      byPeriod.set(m.period, units);
      units.add(`${m.unitId}|${m.sex}`);
    }
  }
  return out;
}

function perturbed(table: PerturbationTable, counts: readonly KeyedCount[]): UnitSexCount[] {
  return counts.map((c) => ({ unitId: c.unitId, sex: c.sex, ...perturbCount(table, c) }));
}

/**
 * Every table a release holds: the perturbed counts rolled up, disclosure-controlled and gated,
 * then protected across indicators; the survey tables after them.
 */
export function computeReleaseTables(input: ReleaseInput): ReleaseOutput {
  const { definitions, perturbation: table, threshold } = input;
  const keys = new RecordKeys(input.secret);
  const needed = readDefinitions(definitions);
  const population = populationKeys(input.members.values(), keys);
  const grids = areaGrids(needed, input.members);
  const byDef = new Map<string, Map<string, KeyedCount[]>>();
  const countsOf = (def: IndicatorDefinition): Map<string, KeyedCount[]> => {
    let c = byDef.get(def.id);
    if (!c) {
      c = keyedCounts(input.members.get(def.id) ?? [], keys, population, grids.get(def.operatingArea));
      byDef.set(def.id, c);
    }
    return c;
  };
  const placementsOf = (period: string): ReadonlyMap<string, Placement> => {
    const placements = input.placements.get(period);
    if (!placements) throw new Error(`a release has no placements read for ${period}`);
    return placements;
  };
  const out: ReleasedTable[] = [];
  const byPeriod = new Map<string, ReleasePeriodTable[]>();
  for (const def of releasedDefinitions(definitions)) {
    const coverageDef = def.minCoverage
      ? definitions.find((d) => d.id === def.minCoverage?.indicator)
      : undefined;
    const counts = countsOf(def);
    for (const period of [...counts.keys()].sort()) {
      if (!parsePeriod(period)) continue;
      const coverage = coverageDef ? countsOf(coverageDef).get(period) : undefined;
      const keyed = counts.get(period) ?? [];
      const placements = placementsOf(period);
      const noisy = perturbed(table, keyed);
      const result = publishTable(def, period, noisy, placements, {
        threshold,
        noise: table,
        ...(coverageDef ? { coverageCounts: perturbed(table, coverage ?? []) } : {}),
      });
      out.push({ indicatorId: def.id, version: def.version, period, values: result.values });
      const list = byPeriod.get(period) ?? [];
      byPeriod.set(period, list);
      list.push({ def, values: result.values, perturbed: noisy, placements });
    }
  }
  // Indicators that count the same persons publish the same perturbed counts: one pattern for them.
  const started = performance.now();
  const across = { added: 0, rounds: 0, ms: 0 };
  for (const tables of byPeriod.values()) {
    const { added, rounds } = protectAcrossIndicators(tables, threshold);
    across.added += added;
    across.rounds = Math.max(across.rounds, rounds);
  }
  across.ms = performance.now() - started;
  const surveys = surveyReleaseTables(definitions, input.surveyCounts, placementsOf, threshold);
  const tables = [...out, ...surveys];
  return { stored: tables.map(storedTable), ...(input.withValues ? { values: tables } : {}), across };
}
