import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/db.js';
import { swedishDate } from '../../domain/identity/session.js';
import { loadPseudonymKey } from '../../config/secrets.js';
import { syntheticNation } from './queries.js';
import { writeDemoNation } from './service.js';

/**
 * The small nation a demo start gets once (src/runtime/prepare.ts): enough persons for the demo
 * caseworker's unit to have a populated timeline and for every region to show numbers. It covers
 * this year only (and last year too in the first half of a year), because every (indicator,
 * period) is a table the server's publisher works through after the start, and that is what
 * takes long on the embedded engine. `kunskapsnav demo` makes bigger and longer ones.
 */
export const AUTO_DEMO = { persons: 1000, seed: '1' } as const;

export function autoDemoYears(asOf: string): number {
  return Number(asOf.slice(5, 7)) <= 6 ? 1 : 0;
}

/** Writes the demo nation unless synthetic persons exist; returns how many persons were written. */
export async function seedDemoNation(
  db: Db,
  config: Config,
  log: Logger,
  nation: { persons: number; seed: string; years?: number } = AUTO_DEMO,
): Promise<number> {
  // A nation cut short (the first start stopped while writing) is written again from the start.
  const existing = await syntheticNation(db);
  if (existing.persons > 0 && existing.persons >= existing.planned) return 0;
  if (existing.persons > 0) log.warn(existing, 'the synthetic nation is incomplete; writing it again');
  const asOf = swedishDate(new Date());
  const result = await writeDemoNation(
    db,
    {
      years: autoDemoYears(asOf),
      ...nation,
      asOf,
      replace: existing.persons > 0,
      key: loadPseudonymKey(config),
      threshold: config.disclosureThreshold,
      // The server's publisher publishes the queued tables in the background once it is ready.
      publish: false,
      surveys: true,
    },
    log,
  );
  return result.persons;
}
