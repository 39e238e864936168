import type { Queryable } from '../../db/db.js';
import type { RowIssue } from '../../domain/imports/issues.js';
import type { EntryRegister } from '../../domain/registers/entries.js';
import type { PalliativeWindows } from '../../domain/registers/windows.js';
import type { ImportActor } from './actor.js';
import { BatchRow } from './batch-row.js';
import type { CheckedRow } from './check.js';
import { writeEntries } from './entries.js';
import { recordBatchFacts } from './facts.js';
import type { FactLedger } from './ledger.js';
import { linkPersons } from './persons.js';
import { municipalityOn, type UnitCache, type UnitInfo } from './units.js';

/**
 * One batch of checked rows, written inside the import's transaction: units and scope, persons
 * and service links, entries, then (unless only validating) their indicator facts. Each step
 * is a handful of set-based statements whatever the batch size.
 */
export interface BatchContext {
  tx: Queryable;
  register: EntryRegister;
  sourceSystem: string;
  actor: ImportActor;
  windows: PalliativeWindows;
  units: UnitCache;
  ledger: FactLedger;
  today: string;
}

export interface BatchOutcome {
  /** The issues of each bad row (one array per row). */
  badRows: RowIssue[][];
  created: number;
  unchanged: number;
  corrected: number;
  personsCreated: number;
  linksCreated: number;
}

/** Resolves each row's unit and checks the actor may write there on the entry's date. */
function placeRows(ctx: BatchContext, rows: readonly CheckedRow[]) {
  const placed: BatchRow[] = [];
  const bad: RowIssue[][] = [];
  const units = new Map<string, UnitInfo>();
  for (const r of rows) {
    const column = 'code' in r.unit ? 'unit_code' : 'unit_id';
    const issue = (rule: string, message: string) =>
      bad.push([{ row: r.row, line: r.line, column, rule, message }]);
    const unit = ctx.units.get(r.unit);
    const municipalityCode = unit ? municipalityOn(unit, r.date) : undefined;
    if (!unit) issue('unknown_unit', 'is not a unit in the organisation register');
    else if (municipalityCode === undefined)
      issue('unit_not_active', 'the unit does not exist on the date of the row');
    else if (!ctx.actor.mayWrite({ unitId: unit.id, municipalityCode }))
      issue('outside_scope', 'the unit is outside your scope');
    else {
      units.set(unit.id, unit);
      placed.push(new BatchRow(r, unit.id, municipalityCode));
    }
  }
  return { placed, bad, units };
}

export async function writeBatch(
  ctx: BatchContext,
  rows: readonly CheckedRow[],
  writeFacts: boolean,
): Promise<BatchOutcome> {
  const loaded = await ctx.units.load(
    ctx.tx,
    rows.map((r) => r.unit),
  );
  if (loaded.length && ctx.actor.widen)
    await ctx.actor.widen(
      ctx.tx,
      loaded.flatMap((u) => u.versions.map((v) => v.municipalityCode)),
    );
  const { placed, bad, units } = placeRows(ctx, rows);
  const linked = await linkPersons(ctx.tx, placed, units, ctx.actor);
  const entries = await writeEntries(
    ctx.tx,
    ctx,
    placed.filter((b) => !b.bad),
    linked.persons,
  );
  if (writeFacts) await recordBatchFacts(ctx.tx, ctx.ledger, { ...entries, ...linked }, ctx.today);
  for (const b of placed) if (b.bad) bad.push(b.issues);
  return {
    badRows: bad,
    created: entries.created.length,
    unchanged: entries.unchanged,
    corrected: entries.corrected.length,
    personsCreated: linked.personsCreated,
    linksCreated: linked.linksCreated,
  };
}
