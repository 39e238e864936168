import { parseIdentityNumber, type IdentityNumber } from '../persons/personnummer.js';
import type { EntryRegister } from '../registers/entries.js';
import { answersFromCells } from './answers.js';
import { cellList, cellText, isEmptyCell, isIsoDate, type Cell } from './cells.js';
import {
  ANSWER_KINDS,
  ANSWER_PREFIX,
  KIND_COLUMNS,
  columnOfKind,
  goalColumn,
  isCommonColumn,
  kindsOf,
  knownColumn,
  type KindColumn,
} from './columns.js';
import type { CellIssue, RowIssue } from './issues.js';

/** One record as read from the file: its cells by column name. */
export interface RawRecord {
  row: number;
  line: number | null;
  cells: Readonly<Record<string, Cell>>;
}

/** A row whose common columns are valid and whose data is built (not yet validated by kind). */
export interface MappedRow {
  row: number;
  line: number | null;
  recordId: string;
  identity: IdentityNumber;
  name: string | null;
  unit: { code: string } | { id: string };
  servedFrom: string | null;
  date: string;
  kind: string;
  data: Record<string, unknown>;
  /** The goal numbers as written (goal.3.text …), to name columns in issues; null for nested data. */
  goalNumbers: number[] | null;
}

export type MapResult = { ok: true; row: MappedRow } | { ok: false; issues: RowIssue[] };

export interface MapOptions {
  /** The Swedish calendar date of the import: no date may lie after it. */
  today: string;
  /** Check every key of the record (JSON has no header that was checked once). */
  checkColumns: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_RECORD_ID = 200;
const MAX_NAME = 200;

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
    else node = node[key] = {};
  }
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = value;
}

function kindValue(spec: KindColumn, cell: Cell, issues: CellIssue[]): unknown {
  if (spec.type === 'list') {
    const list = cellList(cell);
    if (list === undefined)
      issues.push({ column: spec.column, rule: 'list', message: 'must be codes separated by |' });
    return list;
  }
  if (spec.type === 'int') {
    const t = cellText(cell);
    if (/^-?\d+$/.test(t)) return Number(t);
    issues.push({ column: spec.column, rule: 'integer', message: 'must be a whole number' });
    return undefined;
  }
  return typeof cell === 'string' ? cell.trim() : cell instanceof Date ? cellText(cell) : cell;
}

/** A column's trimmed text; '' when the record has no such column. */
const textOf = (cells: Readonly<Record<string, Cell>>, column: string): string =>
  Object.hasOwn(cells, column) ? cellText(cells[column]) : '';

/** The common columns: who, where, when, which record, which kind. */
function commonColumns(register: EntryRegister, cells: Readonly<Record<string, Cell>>, today: string) {
  // Plain pushes, no closures: this runs for every row of a file (each closure cost an allocation).
  const issues: CellIssue[] = [];

  const recordId = textOf(cells, 'record_id');
  if (!recordId)
    issues.push({
      column: 'record_id',
      rule: 'required',
      message: "is required: the sending system's id of the record",
    });
  else if (recordId.length > MAX_RECORD_ID)
    issues.push({ column: 'record_id', rule: 'too_long', message: 'must be at most 200 characters' });

  let identity: IdentityNumber | null = null;
  const number = textOf(cells, 'personnummer');
  if (!number) issues.push({ column: 'personnummer', rule: 'required', message: 'is required' });
  else {
    const parsed = parseIdentityNumber(number, today);
    if (parsed.ok) identity = parsed.value;
    else issues.push({ column: 'personnummer', rule: parsed.rule, message: parsed.message });
  }

  const name = textOf(cells, 'name') || null;
  if (name !== null && name.length > MAX_NAME)
    issues.push({ column: 'name', rule: 'too_long', message: 'must be at most 200 characters' });

  const code = textOf(cells, 'unit_code');
  const id = textOf(cells, 'unit_id');
  let unit: MappedRow['unit'] | null = null;
  if (code && id)
    issues.push({ column: 'unit_id', rule: 'one_of', message: 'give unit_code or unit_id, not both' });
  else if (id && !UUID.test(id))
    issues.push({ column: 'unit_id', rule: 'uuid', message: 'must be a unit id (UUID)' });
  else if (code || id) unit = code ? { code } : { id: id.toLowerCase() };
  else issues.push({ column: 'unit_code', rule: 'required', message: 'is required (or unit_id)' });

  const date = textOf(cells, 'date');
  const dateValid = date !== '' && isIsoDate(date);
  if (!date) issues.push({ column: 'date', rule: 'required', message: 'is required' });
  else if (!dateValid) issues.push({ column: 'date', rule: 'date', message: 'must be a date YYYY-MM-DD' });
  else if (date > today)
    issues.push({ column: 'date', rule: 'in_future', message: 'must not be in the future' });

  const servedFrom = textOf(cells, 'served_from') || null;
  if (servedFrom !== null) {
    if (!isIsoDate(servedFrom))
      issues.push({ column: 'served_from', rule: 'date', message: 'must be a date YYYY-MM-DD' });
    else if (dateValid && servedFrom > date)
      issues.push({ column: 'served_from', rule: 'after_date', message: 'must not be after date' });
  }

  const kind = textOf(cells, 'kind');
  if (!kind) issues.push({ column: 'kind', rule: 'required', message: 'is required' });
  else if (!Object.hasOwn(KIND_COLUMNS[register], kind))
    issues.push({
      column: 'kind',
      rule: 'unknown_kind',
      message: `must be one of ${kindsOf(register).join(', ')}`,
    });

  return { issues, recordId, identity, name, unit, date, servedFrom, kind };
}

/** The entry's data from the kind's columns (or the nested `data` object of a JSON row). */
function buildData(
  register: EntryRegister,
  kind: string,
  date: string,
  cells: Readonly<Record<string, Cell>>,
  issues: CellIssue[],
): { data: Record<string, unknown>; goalNumbers: number[] | null } {
  const nested = Object.hasOwn(cells, 'data') ? cells['data'] : undefined;
  const answerKind = ANSWER_KINDS[`${register}/${kind}`];
  const withDeathDate = (data: Record<string, unknown>) => {
    // The date of death is the entry's date; a row need not write it twice.
    const answers = data['answers'];
    if (answerKind?.instrument === 'palliative-eol' && typeof answers === 'object' && answers !== null)
      (answers as Record<string, unknown>)['dateOfDeath'] ??= date;
    return data;
  };
  if (nested !== undefined) {
    if (typeof nested !== 'object' || nested === null || Array.isArray(nested)) {
      issues.push({ column: 'data', rule: 'object', message: 'must be an object' });
      return { data: {}, goalNumbers: null };
    }
    return { data: withDeathDate({ ...(nested as Record<string, unknown>) }), goalNumbers: null };
  }
  const data: Record<string, unknown> = {};
  for (const spec of KIND_COLUMNS[register][kind] ?? []) {
    const cell = Object.hasOwn(cells, spec.column) ? cells[spec.column] : undefined;
    if (isEmptyCell(cell)) continue;
    const value = kindValue(spec, cell, issues);
    if (value !== undefined) setPath(data, spec.path, value);
  }
  if (answerKind) {
    const instrument = answerKind.instrument ?? cellText(cells['instrument']);
    const answerCells: Array<[string, Cell]> = [];
    for (const c in cells)
      if (c.startsWith(ANSWER_PREFIX) && Object.hasOwn(cells, c)) answerCells.push([c, cells[c]]);
    const { answers, issues: answerIssues } = answersFromCells(instrument, answerCells);
    issues.push(...answerIssues);
    data['answers'] = answers;
  }
  const goalNumbers: number[] = [];
  if (register === 'followup' && kind === 'measure') {
    const goals = new Map<number, Record<string, unknown>>();
    for (const [column, cell] of Object.entries(cells)) {
      const g = goalColumn(column);
      if (!g || isEmptyCell(cell)) continue;
      const goal = goals.get(g.n) ?? {};
      goal[g.field] = cellText(cell);
      goals.set(g.n, goal);
    }
    const numbers = [...goals.keys()].sort((a, b) => a - b);
    goalNumbers.push(...numbers);
    if (numbers.length) data['goals'] = numbers.map((n) => goals.get(n));
  }
  return { data: withDeathDate(data), goalNumbers };
}

/**
 * Checks a record's common columns and builds its entry data. Pure: the units, the persons and
 * the kind's own rules (validateEntry) are checked afterwards by the import engine.
 */
export function mapRecord(register: EntryRegister, rec: RawRecord, options: MapOptions): MapResult {
  const common = commonColumns(register, rec.cells, options.today);
  const issues = common.issues;
  const kindKnown = !issues.some((i) => i.column === 'kind');
  const nested = Object.hasOwn(rec.cells, 'data');
  for (const column in rec.cells) {
    if (column === 'data' || !Object.hasOwn(rec.cells, column)) continue;
    const filled = !isEmptyCell(rec.cells[column]);
    if (options.checkColumns && !knownColumn(register, column))
      issues.push({ column, rule: 'unknown_column', message: `is not a column of ${register} imports` });
    else if (filled && nested && !isCommonColumn(column))
      issues.push({
        column,
        rule: 'data_and_columns',
        message: 'give the data object or its columns, not both',
      });
    else if (filled && kindKnown && !columnOfKind(register, common.kind, column))
      issues.push({ column, rule: 'not_used_for_kind', message: `is not used for kind ${common.kind}` });
  }
  const built = kindKnown ? buildData(register, common.kind, common.date, rec.cells, issues) : null;
  const at = (i: CellIssue): RowIssue => ({ row: rec.row, line: rec.line, ...i });
  if (issues.length || !built || !common.identity || !common.unit)
    return { ok: false, issues: issues.map(at) };
  return {
    ok: true,
    row: {
      row: rec.row,
      line: rec.line,
      recordId: common.recordId,
      identity: common.identity,
      name: common.name,
      unit: common.unit,
      servedFrom: common.servedFrom,
      date: common.date,
      kind: common.kind,
      data: built.data,
      goalNumbers: built.goalNumbers,
    },
  };
}

/** Header problems (row 0): unknown or repeated columns, required columns missing. */
export function checkHeader(register: EntryRegister, columns: readonly string[]): RowIssue[] {
  const issues: RowIssue[] = [];
  const at = (column: string, rule: string, message: string) =>
    issues.push({ row: 0, line: null, column, rule, message });
  const seen = new Set<string>();
  for (const c of columns) {
    if (c === '') at('(empty)', 'empty_column_name', 'every column needs a name in the header');
    else if (seen.has(c)) at(c, 'duplicate_column', 'appears more than once in the header');
    else if (!knownColumn(register, c)) at(c, 'unknown_column', `is not a column of ${register} imports`);
    seen.add(c);
  }
  for (const c of ['record_id', 'personnummer', 'date', 'kind'])
    if (!seen.has(c)) at(c, 'missing_column', 'is a required column');
  if (!seen.has('unit_code') && !seen.has('unit_id'))
    at('unit_code', 'missing_column', 'is a required column (or unit_id)');
  return issues;
}
