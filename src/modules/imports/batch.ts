import type { Queryable } from '../../db/db.js';
import { columnOfField, type RowIssue } from '../../domain/imports/issues.js';
import type { EntryRegister } from '../../domain/registers/entries.js';
import type { EntryRuleIssue } from '../../domain/registers/rules.js';
import type { PalliativeWindows } from '../../domain/registers/windows.js';
import type { FactSink } from '../indicators/fact-writer.js';
import type { UnitCache, UnitInfo } from '../org/units.js';
import { linkPersons, type ClaimIssue } from '../persons/link.js';
import { writeServedFacts } from '../registers/facts.js';
import { placeEntry, recordEntries } from '../registers/record.js';
import type { ImportActor } from './actor.js';
import type { CheckedRow } from './check.js';

/**
 * One batch of checked rows, written inside the import's transaction through the owners'
 * batch writers: the persons module links persons to units, the registers module records the
 * entries and hands their facts (and the new service periods' facts) to the indicators module's
 * sink. The rules are theirs; this file only names each issue by the file's columns.
 */
export interface BatchContext {
  tx: Queryable;
  register: EntryRegister;
  sourceSystem: string;
  actor: ImportActor;
  windows: PalliativeWindows;
  units: UnitCache;
  /** Where facts go: the import's ledger, or nowhere (a dry run, a file already lost). */
  facts: FactSink;
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

/** A sink that drops facts: nothing of a dry run or a rejected file is counted. */
export const NO_FACTS: FactSink = { replace: () => Promise.resolve() };

const unitColumn = (r: CheckedRow) => ('code' in r.unit ? 'unit_code' : 'unit_id');

function issueOf(r: CheckedRow, column: string, rule: string, message: string): RowIssue {
  return { row: r.row, line: r.line, column, rule, message };
}

function claimIssue(r: CheckedRow, i: ClaimIssue): RowIssue {
  const column =
    i.field === 'name' ? 'name' : i.field === 'unit' ? unitColumn(r) : r.servedFrom ? 'served_from' : 'date';
  return issueOf(r, column, i.rule, i.message);
}

function entryIssue(ctx: BatchContext, r: CheckedRow, i: EntryRuleIssue): RowIssue {
  const column =
    i.field === 'occurredOn'
      ? 'date'
      : i.field === 'recordId'
        ? 'record_id'
        : i.field === 'unitId'
          ? unitColumn(r)
          : columnOfField(ctx.register, r.kind, i.field, r.goalNumbers);
  // zod names its own refinements "custom"; the API's problems call them "invalid" (problem.ts).
  return issueOf(r, column, i.rule === 'custom' ? 'invalid' : i.rule, i.message);
}

export async function writeBatch(ctx: BatchContext, rows: readonly CheckedRow[]): Promise<BatchOutcome> {
  const loaded = await ctx.units.load(
    ctx.tx,
    rows.map((r) => r.unit),
  );
  if (loaded.length && ctx.actor.widen)
    await ctx.actor.widen(
      ctx.tx,
      loaded.flatMap((u) => u.versions.map((v) => v.municipalityCode)),
    );
  const bad: RowIssue[][] = [];
  // Each row's unit on the row's date first, as the registers decide it: a row that cannot be
  // written there links nobody.
  const placed: Array<{ r: CheckedRow; unit: UnitInfo }> = [];
  for (const r of rows) {
    const unit = ctx.units.get(r.unit);
    if (!unit) {
      bad.push([issueOf(r, unitColumn(r), 'unknown_unit', 'is not a unit in the organisation register')]);
      continue;
    }
    const place = placeEntry(ctx.actor, unit, r.date);
    if ('rule' in place) bad.push([entryIssue(ctx, r, place)]);
    else placed.push({ r, unit });
  }
  const linked = await linkPersons(
    ctx.tx,
    ctx.actor,
    placed.map(({ r, unit }) => ({
      pseudonym: r.pseudonym,
      identity: r.identity,
      name: r.name,
      unit,
      servedFrom: r.servedFrom ?? r.date,
    })),
  );
  const toRecord: Array<{ r: CheckedRow; unit: UnitInfo }> = [];
  placed.forEach((p, i) => {
    const issue = linked.issues[i];
    if (issue) bad.push([claimIssue(p.r, issue)]);
    else toRecord.push(p);
  });
  const outcomes = await recordEntries(
    ctx.tx,
    { writer: ctx.actor, windows: ctx.windows, facts: ctx.facts },
    toRecord.map(({ r, unit }) => ({
      register: ctx.register,
      kind: r.kind,
      pseudonym: r.pseudonym,
      unit,
      occurredOn: r.date,
      data: r.data,
      checked: { data: r.data, derived: r.derived, sex: r.identity.legalSex },
      source: { system: ctx.sourceSystem, recordId: r.recordId },
    })),
    linked.persons,
  );
  const changedServices = [...linked.newServiceIds, ...linked.movedServiceIds];
  if (changedServices.length)
    await writeServedFacts(ctx.tx, ctx.facts, ctx.today, changedServices, new Set(linked.newServiceIds));
  const counts = { created: 0, unchanged: 0, corrected: 0 };
  outcomes.forEach((o, i) => {
    const row = toRecord[i];
    if (!row) return;
    if (o.status === 'refused') bad.push(o.issues.map((issue) => entryIssue(ctx, row.r, issue)));
    else counts[o.status]++;
  });
  return {
    badRows: bad,
    ...counts,
    personsCreated: linked.personsCreated,
    linksCreated: linked.linksCreated,
  };
}
