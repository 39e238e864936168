import type { Db, Queryable } from '../../db/db.js';
import type { Fact } from '../../domain/facts/fact.js';
import { INDICATOR_CATALOGUE } from '../../domain/indicators/catalogue.js';
import {
  indicatorDefinitionSchema,
  parseIndicatorDefinitions,
  type IndicatorDefinition,
} from '../../domain/indicators/definition.js';
import { countDeltas, membershipsOf, type Membership } from '../../domain/indicators/membership.js';
import { parsePeriod, type PeriodType } from '../../domain/indicators/period.js';
import * as q from './queries.js';
import { enqueue } from './publish-queries.js';

/**
 * Computation on write: facts are recorded in the registration's own transaction and the
 * memberships and counts of the (person, unit, year) slices they touch are recomputed there,
 * so a new registration is in its aggregates when its transaction commits. A rebuild derives
 * everything again from the facts with the same membership function.
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

const yearOf = (date: string) => Number(date.slice(0, 4));

function slicesOf(facts: readonly Pick<Fact, 'person' | 'unitId' | 'date'>[]): q.Slice[] {
  return facts.map((f) => ({ person: f.person, unitId: f.unitId, year: yearOf(f.date) }));
}

function uniqueSlices(slices: readonly q.Slice[]): q.Slice[] {
  const seen = new Map<string, q.Slice>();
  for (const s of slices) seen.set(`${s.person}|${s.unitId}|${s.year}`, s);
  return [...seen.values()];
}

function groupBySlice(facts: readonly Fact[]): Fact[][] {
  const groups = new Map<string, Fact[]>();
  for (const f of facts) {
    const key = `${f.person}|${f.unitId}|${yearOf(f.date)}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.values()];
}

async function refresh(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  touched: readonly q.Slice[],
): Promise<void> {
  const slices = uniqueSlices(touched);
  if (slices.length === 0) return;
  const facts = await q.factsOfSlices(tx, slices);
  const after = groupBySlice(facts).flatMap((group) => membershipsOf(definitions, group));
  const before = await q.membershipsOfSlices(tx, slices);
  await q.replaceMemberships(tx, slices, after);
  const deltas = countDeltas(before, after);
  await q.applyCountDeltas(tx, deltas);
  await enqueue(tx, tablesToRepublish(definitions, deltas));
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

/** Records the facts of a registration; call inside the registration's transaction. */
export async function recordFacts(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  facts: readonly Fact[],
  source: q.FactSource,
): Promise<void> {
  await q.insertFacts(tx, facts, source);
  await refresh(tx, definitions, slicesOf(facts));
}

/** Replaces a registration's facts (a correction or a deletion when `facts` is empty). */
export async function replaceFacts(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  facts: readonly Fact[],
  source: q.FactSource,
): Promise<void> {
  const old = await q.deleteFactsOf(tx, source);
  await q.insertFacts(tx, facts, source);
  await refresh(tx, definitions, [...old, ...slicesOf(facts)]);
}

/**
 * Recomputes every membership and count from the facts, in one transaction, reading facts in
 * (person, unit) order a batch at a time so memory stays bounded.
 */
export async function rebuildIndicators(
  db: Db,
  definitions: readonly IndicatorDefinition[],
  batchSize = 20_000,
): Promise<{ facts: number; memberships: number }> {
  return db.transaction(async (tx) => {
    await tx.query('DELETE FROM indicator_membership');
    await tx.query('DELETE FROM indicator_count');
    let after: { person: string; unitId: string; id: number } | null = null;
    let carry: Fact[] = [];
    let factCount = 0;
    let membershipCount = 0;
    const flush = async (groups: Fact[][]) => {
      const rows: Membership[] = groups.flatMap((g) => membershipsOf(definitions, g));
      membershipCount += rows.length;
      await q.insertMemberships(tx, rows);
    };
    for (;;) {
      const batch = await q.factBatchAfter(tx, after, batchSize);
      if (batch.length === 0) break;
      factCount += batch.length;
      const last = batch[batch.length - 1];
      if (last) after = { person: last.fact.person, unitId: last.fact.unitId, id: last.id };
      const facts = [...carry, ...batch.map((b) => b.fact)];
      // The last (person, unit) may continue in the next batch: hold it back.
      const tail = facts.filter((f) => f.person === last?.fact.person && f.unitId === last.fact.unitId);
      carry = tail;
      await flush(groupBySlice(facts.slice(0, facts.length - tail.length)));
    }
    await flush(groupBySlice(carry));
    await q.countsFromMemberships(tx);
    await q.enqueueAllCounted(tx);
    return { facts: factCount, memberships: membershipCount };
  });
}

function periodTypeOf(key: string): PeriodType | undefined {
  return parsePeriod(key)?.type;
}
