import type { Db, Queryable } from '../../db/db.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import {
  factsOfEntry,
  followupFacts,
  servedSpan,
  type PersonFacts,
  type StoredEntry,
} from '../../domain/registers/facts.js';
import {
  immediateFacts,
  relabelPersonSex,
  servedSpanItem,
  type FactItem,
  type FactSink,
} from '../indicators/fact-writer.js';
import {
  personFactsOf,
  serviceIdsAfter,
  servicePeriodsOf,
  type ServicePeriodOfPerson,
} from '../persons/queries.js';
import { elderlyCareOn } from '../org/reads.js';
import { activeDefinitions } from '../indicators/engine.js';
import { addDays } from '../../domain/org/validity.js';
import { swedishDate } from '../../domain/identity/session.js';
import type { Logger } from 'pino';
import { serviceIdsOfPersons } from '../persons/write.js';
import { entriesOfPerson, entriesOfPersons, servedThrough } from './queries.js';
import { markServedThrough } from './write.js';

/**
 * The indicator facts of register entries and Senior Alert service periods, from the pure
 * functions of src/domain/registers/facts.ts, handed to the indicators module's writer in the
 * writer's transaction. Follow-up facts depend on the person's other follow-up entries
 * (baseline, interventions), so a change there recomputes all of that person's.
 */
export async function entryFactItems(
  tx: Queryable,
  written: ReadonlyArray<{ entry: StoredEntry; person: PersonFacts; fresh: boolean }>,
): Promise<FactItem[]> {
  const items: FactItem[] = [];
  const fresh = new Set(written.filter((w) => w.fresh).map((w) => w.entry.id));
  const followupPersons = new Map<string, PersonFacts>();
  for (const { entry, person } of written) {
    if (entry.register === 'followup') followupPersons.set(person.pseudonym, person);
    else
      items.push({
        source: { type: 'entry', id: entry.id },
        facts: factsOfEntry(person, entry),
        fresh: fresh.has(entry.id),
      });
  }
  if (followupPersons.size === 0) return items;
  const byPerson = new Map<string, StoredEntry[]>();
  for (const e of await entriesOfPersons(tx, [...followupPersons.keys()], 'followup'))
    byPerson.set(e.personPseudonym, [...(byPerson.get(e.personPseudonym) ?? []), e]);
  for (const [pseudonym, entries] of byPerson) {
    const person = followupPersons.get(pseudonym);
    if (!person) continue;
    for (const [id, facts] of followupFacts(person, entries))
      items.push({ source: { type: 'entry', id }, facts, fresh: fresh.has(id) });
  }
  return items;
}

/** A service period with what its monthly "served" facts need. */
export interface ServiceForFacts extends ServicePeriodOfPerson {
  elderlyCare: boolean;
}

/** The given service periods, in id order, with whether their unit was in elderly care at the start. */
export async function servicesForFacts(tx: Queryable, ids: readonly number[]): Promise<ServiceForFacts[]> {
  const periods = await servicePeriodsOf(tx, ids);
  const elderly = await elderlyCareOn(
    tx,
    periods.map((p) => ({ unitId: p.unitId, day: p.validFrom })),
  );
  return periods.map((p, i) => ({ ...p, elderlyCare: elderly[i] === true }));
}

/**
 * Monthly "served" facts of Senior Alert (elderly-care) service periods, up to `through`, and the
 * mark of how far they reach. `fresh` are periods created in this transaction.
 */
export async function writeServedFacts(
  tx: Queryable,
  sink: FactSink,
  through: string,
  serviceIds: readonly number[],
  fresh: ReadonlySet<number> = new Set(),
): Promise<number> {
  const services = await servicesForFacts(tx, serviceIds);
  await sink.replace(
    tx,
    services.map((s) =>
      servedSpanItem(
        { type: 'service', id: String(s.id) },
        s.elderlyCare ? servedSpan(s.person, s, through) : null,
        fresh.has(s.id),
      ),
    ),
  );
  await markServedThrough(
    tx,
    services.map((s) => s.id),
    through,
  );
  return services.length;
}

/** Served facts of the given periods, counted at once (a registration, the daily job). */
export function refreshServedFacts(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  through: string,
  serviceIds: readonly number[],
): Promise<number> {
  return writeServedFacts(tx, immediateFacts(definitions), through, serviceIds);
}

/**
 * Every fact of one person again, after a change to the person itself (the sex used in
 * statistics), in the transaction that made it. The facts of the entries and service periods the
 * transaction can see are recomputed from them (follow-up once for the person). Row-level security
 * hides the person's entries and periods at units outside the caller's scope; their facts carry the
 * person's sex only as a label, so the indicators module relabels them in place.
 */
export async function refreshFactsOfPerson(
  tx: Queryable,
  definitions: readonly IndicatorDefinition[],
  pseudonym: string,
  today: string,
): Promise<void> {
  const person = (await personFactsOf(tx, [pseudonym])).get(pseudonym);
  if (!person) throw new Error('the person whose facts to refresh is not visible');
  const sink = immediateFacts(definitions);
  const entries = await entriesOfPerson(tx, pseudonym);
  await sink.replace(
    tx,
    await entryFactItems(
      tx,
      entries.map((entry) => ({ entry, person, fresh: false })),
    ),
  );
  await writeServedFacts(tx, sink, today, await serviceIdsOfPersons(tx, [pseudonym]));
  await relabelPersonSex(tx, definitions, pseudonym, person.sex);
}

/**
 * The daily job: extends the served facts of every service period to `today`, a page of periods
 * at a time, each page in its own transaction. A period is due when its facts were never written,
 * or stop before today while it ran on after them.
 */
export async function extendServedFacts(
  db: Db,
  definitions: readonly IndicatorDefinition[],
  today: string,
  page = 500,
): Promise<number> {
  let total = 0;
  let after = 0;
  for (;;) {
    const last = await db.transaction(async (tx) => {
      const ids = await serviceIdsAfter(tx, after, page);
      if (ids.length === 0) return null;
      const marks = await servedThrough(tx, ids);
      const periods = await servicePeriodsOf(tx, ids);
      const due = periods
        .filter((p) => {
          const through = marks.get(p.id);
          return through === undefined || (through < today && addDays(through, 1) < p.validTo);
        })
        .map((p) => p.id);
      total += await writeServedFacts(tx, immediateFacts(definitions), today, due);
      return ids[ids.length - 1] ?? null;
    });
    if (last === null) return total;
    after = last;
  }
}

/** Runs extendServedFacts now and every `intervalMs` (the server's background job). */
export function startServedFactsJob(db: Db, log: Logger, intervalMs = 3_600_000): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running
      .then(async () => {
        const extended = await extendServedFacts(db, await activeDefinitions(db), swedishDate(new Date()));
        if (extended > 0) log.info({ servicePeriods: extended }, 'served facts extended to today');
      })
      .catch((err: unknown) => log.error({ err }, 'extending served facts failed'));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
