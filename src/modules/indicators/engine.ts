import type { Db, Queryable } from '../../db/db.js';
import type { Fact } from '../../domain/facts/fact.js';
import { INDICATOR_CATALOGUE } from '../../domain/indicators/catalogue.js';
import {
  indicatorDefinitionSchema,
  parseIndicatorDefinitions,
  type IndicatorDefinition,
} from '../../domain/indicators/definition.js';
import { CountDeltaSum, type CountDelta } from '../../domain/indicators/membership.js';
import { allCountsSelectSql, postgresDialect } from './count-sql.js';
import { ensureFactYears, yearsInDefault } from './fact-partitions.js';
import { parsePeriod, type PeriodType } from '../../domain/indicators/period.js';
import * as q from './queries.js';
import { enqueue } from './publish-queries.js';
import { replaceFactsNow } from './fact-writer.js';

/**
 * Computation on write: facts are recorded in the registration's own transaction; the
 * memberships of the (person, unit, year) slices they touch are derived from the facts before
 * and after the change, and the difference goes into the counts in that transaction, so a new
 * registration is in its aggregates when it commits. A rebuild counts everything again with
 * set-based SQL generated from the same definitions; tests prove the two agree.
 */

/** Stores the shipped catalogue (new ids and versions only) and returns the active definitions. */
export async function syncCatalogue(db: Db): Promise<IndicatorDefinition[]> {
  const parsed = parseIndicatorDefinitions(INDICATOR_CATALOGUE);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new Error(`indicator catalogue is invalid: ${first?.indicator} ${first?.field}: ${first?.message}`);
  }
  await q.upsertDefinitions(db, parsed.definitions);
  return activeDefinitions(db);
}

export async function activeDefinitions(q0: Queryable): Promise<IndicatorDefinition[]> {
  return (await q.activeDefinitionJson(q0)).map((d) => indicatorDefinitionSchema.parse(d));
}

/** The (indicator, period) tables whose counts changed, and the tables gated on them. */
function tablesToRepublish(
  definitions: readonly IndicatorDefinition[],
  deltas: readonly { indicatorId: string; period: string }[],
): Array<{ indicatorId: string; period: string }> {
  const out = new Map<string, { indicatorId: string; period: string }>();
  for (const d of deltas) {
    out.set(`${d.indicatorId}|${d.period}`, { indicatorId: d.indicatorId, period: d.period });
    for (const gated of definitions.filter((g) => g.minCoverage?.indicator === d.indicatorId)) {
      if (gated.periodTypes.some((t) => periodTypeOf(d.period) === t)) {
        out.set(`${gated.id}|${d.period}`, { indicatorId: gated.id, period: d.period });
      }
    }
  }
  return [...out.values()];
}

/** Records the facts of a new source (replaceFactsNow with one fresh item). */
export async function recordFacts(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  facts: readonly Fact[],
  source: q.FactSource,
): Promise<void> {
  await replaceFactsNow(tx, definitions, [{ source, facts, fresh: true }]);
}

/** Replaces a source's facts (a correction, or a deletion when `facts` is empty). */
export async function replaceFacts(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  facts: readonly Fact[],
  source: q.FactSource,
): Promise<void> {
  await replaceFactsNow(tx, definitions, [{ source, facts, fresh: false }]);
}

function groupBySlice(facts: readonly Fact[]): Fact[][] {
  // By person, then unit and year: no key is concatenated per fact (an import settles millions).
  const byPerson = new Map<string, Map<string, Map<string, Fact[]>>>();
  const groups: Fact[][] = [];
  for (const f of facts) {
    let units = byPerson.get(f.person);
    if (!units) byPerson.set(f.person, (units = new Map<string, Map<string, Fact[]>>()));
    let years = units.get(f.unitId);
    if (!years) units.set(f.unitId, (years = new Map<string, Fact[]>()));
    const year = f.date.slice(0, 4);
    const group = years.get(year);
    if (group) group.push(f);
    else {
      const fresh = [f];
      years.set(year, fresh);
      groups.push(fresh);
    }
  }
  return groups;
}

/**
 * Adds to `sum` the difference between two states of the facts of the same slices (every fact of
 * each slice touched, before and after). Pure: writers that change many facts, such as imports,
 * sum every slice and apply the total once (applyCountChange); see fact-writer.ts.
 */
export function sumFactChange(
  sum: CountDeltaSum,
  definitions: readonly IndicatorDefinition[],
  before: readonly Fact[],
  after: readonly Fact[],
): void {
  // Before first, then after: the sums (and their order) of addChange over membershipsOf.
  for (const group of groupBySlice(before)) sum.addSlice(definitions, group, -1);
  for (const group of groupBySlice(after)) sum.addSlice(definitions, group, 1);
}

/** Writes count deltas and queues the tables they change for publication. */
export async function applyCountChange(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  deltas: readonly CountDelta[],
): Promise<void> {
  await q.applyCountDeltas(tx, deltas);
  await enqueue(tx, tablesToRepublish(definitions, deltas));
}

/** sumFactChange and applyCountChange of one change. */
export async function applyFactChange(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  before: readonly Fact[],
  after: readonly Fact[],
): Promise<void> {
  const sum = new CountDeltaSum();
  sumFactChange(sum, definitions, before, after);
  await applyCountChange(tx, definitions, sum.nonZero());
}

/**
 * Recomputes every count from the facts with set-based SQL generated from the definitions, in
 * one transaction, and queues every table for publication.
 */
export async function rebuildIndicators(
  db: Db,
  definitions: readonly IndicatorDefinition[],
): Promise<{ counts: number }> {
  // Facts written to the default partition (a year without its own) get their year's partition first.
  await ensureFactYears(db, await yearsInDefault(db));
  return db.transaction(async (tx) => {
    await q.enqueueAllPublished(tx);
    await tx.query('DELETE FROM indicator_count');
    // One scan per (definition, period type, partition): PostgreSQL's JIT compiled that plan for
    // 94–190 s of a 100–120 s rebuild of 113k facts over ten years; 17 s without it (bench:decade).
    await tx.query('SET LOCAL jit = off');
    // Without statistics on the spans the planner took each for 1,000 months (generate_series) and
    // the rebuild ran four times as long (bench:indicators); with them it runs as over stored facts.
    await tx.query('ANALYZE indicator_served_span');
    const inserted = await q.insertCountsSelect(tx, allCountsSelectSql(postgresDialect, definitions));
    await q.enqueueAllCounted(tx);
    return { counts: inserted };
  });
}

function periodTypeOf(key: string): PeriodType | undefined {
  return parsePeriod(key)?.type;
}
