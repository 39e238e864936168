import type { Queryable } from '../../db/db.js';
import type { Fact } from '../../domain/facts/fact.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { factsOfServedSpan, type ServedSpan } from '../../domain/registers/facts.js';
import { applyFactChange } from './engine.js';
import * as q from './queries.js';

/**
 * The one way facts are written: every writer hands the owner the complete facts of each source
 * it changed (an entry, a service period), and the owner replaces them and moves the counts. A
 * FactSink does that either at once (a registration: counts right when it commits) or, for a
 * long import, deferred to one settlement at the end (FactLedger). Both derive the counts from
 * the facts before and after with the same pure functions (membershipsOf, sumFactChange).
 */
export interface FactItem {
  source: q.FactSource;
  facts: readonly Fact[];
  /** A source created in this transaction (a new entry): it has no earlier facts to look for. */
  fresh: boolean;
  /** A service period's months served, stored as one span (null: none counted); `facts` are its months. */
  span?: ServedSpan | null;
}

/** The item of a service period's served span: stored as the span, counted a fact a month. */
export function servedSpanItem(source: q.FactSource, span: ServedSpan | null, fresh: boolean): FactItem {
  return { source, facts: span ? factsOfServedSpan(span) : [], fresh, span };
}

export interface FactSink {
  replace(tx: Queryable, items: readonly FactItem[]): Promise<void>;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

function uniqueSlices(slices: readonly q.Slice[]): q.Slice[] {
  const seen = new Map<string, q.Slice>();
  for (const s of slices) seen.set(`${s.person}|${s.unitId}|${s.year}`, s);
  return [...seen.values()];
}

/**
 * Replaces the facts of the sources and applies the change to the counts in the same
 * transaction: the memberships of every (person, unit, year) slice touched, before and after.
 * A batch of one source is a registration; a batch of many costs the same six statements.
 */
export async function replaceFactsNow(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  items: readonly FactItem[],
): Promise<void> {
  if (items.length === 0) return;
  const old = items.filter((i) => !i.fresh).map((i) => i.source);
  const slices = uniqueSlices([
    ...(await q.slicesOfSources(tx, old)),
    ...items.flatMap((i) =>
      i.facts.map((f) => ({ person: f.person, unitId: f.unitId, year: yearOf(f.date) })),
    ),
  ]);
  const before = slices.length ? await q.factsOfSlices(tx, slices) : [];
  await q.deleteFactsOfSources(tx, old);
  await q.insertFactsOfSources(tx, items);
  const after = slices.length ? await q.factsOfSlices(tx, slices) : [];
  await applyFactChange(tx, definitions, before, after);
}

/** A sink that counts every batch when it is written (registrations, the daily job). */
export function immediateFacts(definitions: readonly IndicatorDefinition[]): FactSink {
  return { replace: (tx, items) => replaceFactsNow(tx, definitions, items) };
}

/**
 * The person's statistical sex changed: facts still carrying the other sex (sources the caller
 * cannot see, whose facts are not recomputed) are relabelled in place and their slices recounted.
 */
export async function relabelPersonSex(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  pseudonym: string,
  sex: 'K' | 'M',
): Promise<void> {
  const slices = await q.slicesOfPersonWithOtherSex(tx, pseudonym, sex);
  if (slices.length === 0) return;
  const before = await q.factsOfSlices(tx, slices);
  await q.setSexOfFacts(tx, pseudonym, sex);
  const after = before.map((f) => (f.person === pseudonym ? { ...f, sex } : f));
  await applyFactChange(tx, definitions, before, after);
}
