import { createHmac } from 'node:crypto';
import type { Db, Queryable } from '../../db/db.js';
import { PERTURBATION, methodDescription, type PerturbationTable } from '../../domain/disclosure/cellkey.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { closedPeriods, releaseVersion } from '../../domain/indicators/release.js';
import type { Placement } from '../../domain/indicators/rollup.js';
import { memberSelectSql, postgresDialect } from './count-sql.js';
import { computeReleaseInline, type ReleaseComputer } from './publish-pool.js';
import { placementsFor } from './publish-queries.js';
import { yieldToEventLoop } from './publish.js';
import {
  readDefinitions,
  type AcrossStats,
  type ReleasedTable,
  type ReleaseInput,
} from './release-compute.js';
import * as rq from './release-queries.js';
import { surveyCountRows } from './survey-counts.js';
import { releasedSurveyDefinitions, surveyPeriods } from './survey-release.js';

export { releasedDefinitions, type AcrossStats, type ReleasedTable } from './release-compute.js';

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
  /** Where the pure computation runs (release-compute.ts); inline by default, a worker thread in the server. */
  compute?: ReleaseComputer;
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

/**
 * Reads what a release is computed from (pure: release-compute.ts): who each released indicator
 * counts, the placements of every period, the settled survey counts. On the embedded engine each
 * query holds the event loop, so it yields between them.
 */
export async function readReleaseInput(
  q: Queryable,
  definitions: readonly IndicatorDefinition[],
  settings: ReleaseSettings,
): Promise<ReleaseInput> {
  const members = new Map<string, rq.Member[]>();
  for (const def of readDefinitions(definitions)) {
    members.set(def.id, await rq.members(q, memberSelectSql(postgresDialect, def, 'year')));
    await yieldToEventLoop();
  }
  const surveyCounts = releasedSurveyDefinitions(definitions).length > 0 ? await surveyCountRows(q) : [];
  const periods = new Set<string>(surveyPeriods(surveyCounts));
  for (const list of members.values()) for (const m of list) periods.add(m.period);
  const placements = new Map<string, Map<string, Placement>>();
  for (const period of [...periods].sort()) {
    const parsed = parsePeriod(period);
    if (parsed) placements.set(period, await placementsFor(q, parsed));
  }
  return {
    definitions,
    members,
    placements,
    surveyCounts,
    threshold: settings.threshold,
    secret: settings.secret,
    perturbation: settings.perturbation ?? PERTURBATION,
  };
}

/**
 * Computes every table a release would hold, from the facts as they are now (pure apart from
 * reading): the perturbed counts rolled up, disclosure-controlled and gated. The computation runs
 * where `settings.compute` says (inline by default).
 */
export async function computeRelease(
  q: Queryable,
  definitions: readonly IndicatorDefinition[],
  settings: ReleaseSettings,
  across?: AcrossStats,
): Promise<ReleasedTable[]> {
  const input = await readReleaseInput(q, definitions, settings);
  const output = await (settings.compute ?? computeReleaseInline)({ ...input, withValues: true });
  if (across) Object.assign(across, output.across);
  return output.values ?? [];
}

export interface ReleaseSummary {
  id: number;
  version: string;
  madeAt: Date;
  tables: number;
  cells: number;
  suppressed: number;
}

/** Reads in one snapshot, so that every table of a release counts the same facts; writes nothing. */
const SNAPSHOT = { setup: [{ sql: 'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY' }] };

/**
 * Makes a release: reads the facts in one snapshot, computes every public annual table (in a
 * worker thread where `settings.compute` is one, so request handling goes on meanwhile), then
 * stores it in one transaction. No transaction is open while it computes, and a computation that
 * fails (or whose thread dies) writes nothing.
 */
export async function makeRelease(
  db: Db,
  definitions: readonly IndicatorDefinition[],
  settings: ReleaseSettings,
  request: ReleaseRequest,
): Promise<ReleaseSummary> {
  const madeAt = request.now ?? new Date();
  const input = await db.transaction((tx) => readReleaseInput(tx, definitions, settings), SNAPSHOT);
  const { stored: tables } = await (settings.compute ?? computeReleaseInline)(input);
  const periods = [...new Set(tables.map((t) => t.period))].sort();
  const cells = tables.reduce((s, t) => s + t.cells, 0);
  const suppressed = tables.reduce((s, t) => s + t.suppressed, 0);
  return db.transaction(async (tx) => {
    const version = releaseVersion(madeAt, await rq.releasesInMonth(tx, madeAt));
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
    for (const t of tables) await rq.insertReleasedTable(tx, id, t, yieldToEventLoop);
    return { id, version, madeAt, tables: tables.length, cells, suppressed };
  });
}
