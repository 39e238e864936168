import { periodIntervals } from './analytics-periods.js';
import assert from 'node:assert/strict';
import type { Db, Queryable } from '../../db/db.js';
import { activeDefinitions } from './engine.js';
import { cellKeySecret, makeRelease, type ReleaseSummary } from './release.js';
import {
  UNKNOWN,
  exactly,
  intervalDisclosed,
  propagateBounds,
  type Interval,
} from '../../domain/disclosure/bounds.js';
import { deriveRelations } from '../../domain/disclosure/relations.js';
import { verifyTable, type PublishedCell } from '../../domain/disclosure/verify.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { parsePeriod } from '../../domain/indicators/period.js';
import { nodeOf, rollUp, type OrgLevel } from '../../domain/indicators/rollup.js';
import { placementsFor, unitCounts } from './publish-queries.js';
import { can } from '../../domain/policy/policy.js';
import type { Principal } from '../../domain/policy/principal.js';
import type { AnalyticsRow } from './analytics-queries.js';
import { detailTable, keysOf, targetOf, type DetailTable } from './analytics-detail.js';
import { groupCallerPattern, groupOf, type GroupMember } from './analytics-joint.js';
import { mergeDetail, type EntitledRow } from './analytics-entitled.js';

/** Checks of published tables for the tests (not part of the build). */

export interface PublishedRow extends Record<string, unknown> {
  indicator_id: string;
  period: string;
  level: 'nation' | 'region' | 'municipality' | 'unit';
  code: string;
  sex: 'T' | 'K' | 'M';
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  status: string;
}

/**
 * Asserts that every published table (indicator and period) leaves no suppressed count
 * recoverable (the exact verifier, over the numerators and over the denominators, against the
 * counts rolled up), and that no cell publishes a count from 1 to threshold − 1. Returns how many
 * tables there are and how many cells are suppressed.
 */
export async function verifyPublishedTables(
  q: Queryable,
  defs: readonly IndicatorDefinition[],
  threshold: number,
): Promise<{ tables: number; suppressedCells: number }> {
  const { rows } = await q.query<PublishedRow>('SELECT * FROM published_value ORDER BY indicator_id, period');
  const tables = new Map<string, PublishedRow[]>();
  for (const r of rows) {
    const key = `${r.indicator_id}|${r.period}`;
    tables.set(key, [...(tables.get(key) ?? []), r]);
  }
  let suppressedCells = 0;
  for (const [key, cells] of tables) {
    const [indicatorId, periodKey] = key.split('|') as [string, string];
    const def = defs.find((d) => d.id === indicatorId);
    const period = parsePeriod(periodKey);
    assert.ok(def && period);
    const { parents } = rollUp(
      await unitCounts(q, def.id, def.version, periodKey),
      await placementsFor(q, period),
    );
    for (const part of ['numerator', 'denominator'] as const) {
      const verdict = verifyTable(
        parents,
        cells.map((c) => ({ node: nodeOf(c.level, c.code), sex: c.sex, value: c[part] ?? '..' })),
      );
      assert.ok(
        verdict.ok,
        `${key} ${part}: ${verdict.determined.map((d) => `${d.cell.node}/${d.cell.sex}`).join(', ')}`,
      );
    }
    for (const c of cells) {
      if (c.status === 'suppressed') suppressedCells++;
      for (const part of ['numerator', 'denominator'] as const) {
        const n = c[part];
        assert.ok(n === null || n === 0 || n >= threshold, `${key} publishes a ${part} of ${n}`);
      }
    }
  }
  return { tables: tables.size, suppressedCells };
}

/** The cell key secret of the tests (a fixed, public one; servers derive theirs from the pseudonym key). */
export const TEST_CELL_KEY_SECRET = cellKeySecret(Buffer.from('test-pseudonym-key-not-a-secret-0123456789'));

/** Makes a release as the scheduler would, for tests that read public values. */
export async function releaseForTests(db: Db, threshold = 5, now?: Date): Promise<ReleaseSummary> {
  return makeRelease(
    db,
    await activeDefinitions(db),
    { threshold, secret: TEST_CELL_KEY_SECRET },
    { kind: 'on_demand', madeBy: 'test', ...(now ? { now } : {}) },
  );
}

/**
 * The analytics detail as the route computed it before the batched cache: one national detail
 * table per (indicator, period) per request. The reference the tests and bench:analytics compare with.
 */
export async function entitledDetailPerTable(
  q: Queryable,
  definitions: readonly IndicatorDefinition[],
  principal: Principal,
  rows: readonly AnalyticsRow[],
  threshold: number,
): Promise<EntitledRow[]> {
  const tables = new Map<string, { table: DetailTable; hidden: Set<string> } | undefined>();
  for (const row of rows) {
    const key = `${row.indicator}|${row.period}`;
    if (tables.has(key)) continue;
    const def = definitions.find((d) => d.id === row.indicator);
    const type = parsePeriod(row.period)?.type;
    if (!def || !type) {
      tables.set(key, undefined);
      continue;
    }
    // The whole sharing group of the row's indicator, as analytics-joint.ts protects it.
    const members: GroupMember[] = [];
    for (const d of groupOf(def, type, definitions)) {
      const table = await detailTable(q, definitions, d.id, row.period, threshold);
      if (table)
        members.push({
          def: d,
          table,
          intervals: await periodIntervals(q, d.id, row.period, table.index.keys()),
        });
    }
    const first = members[0]?.table;
    const entitled = (level: OrgLevel, code: string) =>
      !!first && can(principal, 'aggregates.read', targetOf({ level, code }, first));
    const hidden = groupCallerPattern(members, entitled);
    members.forEach((m, i) =>
      tables.set(`${m.def.id}|${row.period}`, {
        table: m.table,
        hidden: keysOf(m.table, hidden[i] ?? new Set()),
      }),
    );
    if (!tables.has(key)) tables.set(key, undefined);
  }
  return mergeDetail(principal, rows, (row) => tables.get(`${row.indicator}|${row.period}`));
}

/**
 * The cells of one (indicator, period) table that a caller can work out exactly from what they
 * see (the exact verifier over the table's own hierarchy), as `part:node/sex`. Asserts that what
 * they see adds up, so a test cannot pass on a table it misread.
 */
export async function determinedCells(
  q: Queryable,
  def: IndicatorDefinition,
  periodKey: string,
  seen: (part: 'numerator' | 'denominator') => PublishedCell[],
  label: string,
): Promise<string[]> {
  const period = parsePeriod(periodKey);
  assert.ok(period);
  const { parents } = rollUp(
    await unitCounts(q, def.id, def.version, periodKey),
    await placementsFor(q, period),
  );
  const out: string[] = [];
  for (const part of ['numerator', 'denominator'] as const) {
    const verdict = verifyTable(parents, seen(part));
    assert.ok(verdict.consistent, `${label}${part}: what the caller sees adds up`);
    out.push(...verdict.determined.map((d) => `${part}:${d.cell.node}/${d.cell.sex}`));
  }
  return out;
}

/**
 * The hidden small counts of one (indicator, period) table that a caller can narrow beyond the
 * protection interval (src/domain/disclosure/bounds.ts), as `part:node/sex`: bounds propagated
 * over the table's relations from what they see, exact where shown, `extra` where they know a
 * range from elsewhere (other periods), ≥ 0 otherwise.
 */
export async function narrowedCells(
  q: Queryable,
  def: IndicatorDefinition,
  periodKey: string,
  seen: (part: 'numerator' | 'denominator') => PublishedCell[],
  extra: (part: 'numerator' | 'denominator', cell: string) => Interval | undefined,
  threshold: number,
): Promise<string[]> {
  const period = parsePeriod(periodKey);
  assert.ok(period);
  const { parents, cells } = rollUp(
    await unitCounts(q, def.id, def.version, periodKey),
    await placementsFor(q, period),
  );
  const relations = deriveRelations(parents, cells);
  const out: string[] = [];
  for (const part of ['numerator', 'denominator'] as const) {
    const shown = new Map(seen(part).map((c) => [`${c.node}/${c.sex}`, c.value]));
    const start = cells.map((c): Interval => {
      const value = shown.get(`${c.node}/${c.sex}`);
      if (typeof value === 'number') return exactly(value);
      return extra(part, `${c.node}/${c.sex}`) ?? UNKNOWN;
    });
    const bounds = propagateBounds(relations, start);
    cells.forEach((c, i) => {
      if (typeof shown.get(`${c.node}/${c.sex}`) === 'number') return;
      if (intervalDisclosed(bounds[i] as Interval, c[part], threshold))
        out.push(`${part}:${c.node}/${c.sex}`);
    });
  }
  return out;
}
