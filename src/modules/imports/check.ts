import { ValidationError } from '../../domain/errors.js';
import { columnOfField, type RowIssue } from '../../domain/imports/issues.js';
import { mapRecord, type MappedRow, type RawRecord } from '../../domain/imports/row.js';
import { pseudonymOf } from '../../domain/persons/pseudonym.js';
import type { EntryRegister } from '../../domain/registers/entries.js';
import type { ScoreResult } from '../../domain/instruments/index.js';
import { deathDateIssue } from '../../domain/registers/rules.js';
import { validateEntry } from '../registers/validate.js';

/**
 * One record, checked without the database: the common columns, the entry's data against its
 * kind (validateEntry, the same function every registration goes through) and the instrument's
 * answers. The personnummer is turned into the pseudonym here; the number itself goes on only
 * to the identity table (a new person), never into the report or the log.
 */
export interface CheckedRow extends MappedRow {
  pseudonym: string;
  derived: ScoreResult | null;
}

export type CheckResult = { ok: true; row: CheckedRow } | { ok: false; issues: RowIssue[] };

export interface CheckOptions {
  register: EntryRegister;
  today: string;
  key: Uint8Array;
  checkColumns: boolean;
  /** Pseudonyms already computed in this import, by number: a person's rows recur in a file. */
  pseudonyms?: Map<string, string>;
}

/** Bounds the memory of CheckOptions.pseudonyms (it starts over when full). */
const PSEUDONYMS_KEPT = 100_000;

function pseudonymFor(normalised: string, o: CheckOptions): string {
  const known = o.pseudonyms?.get(normalised);
  if (known) return known;
  const pseudonym = pseudonymOf(normalised, o.key);
  if (o.pseudonyms) {
    if (o.pseudonyms.size >= PSEUDONYMS_KEPT) o.pseudonyms.clear();
    o.pseudonyms.set(normalised, pseudonym);
  }
  return pseudonym;
}

/** validateEntry's issues, named by the row's columns. */
export function entryIssues(err: ValidationError, row: MappedRow, register: EntryRegister): RowIssue[] {
  return err.issues.map((i) => ({
    row: row.row,
    line: row.line,
    column: columnOfField(register, row.kind, i.field, row.goalNumbers),
    // zod names its own refinements "custom"; the API's problems call them "invalid" (problem.ts).
    rule: i.rule === 'custom' ? 'invalid' : i.rule,
    message: i.message,
  }));
}

/** Validates (and scores) the row's data for a person of this sex. */
export function validateRow(
  row: MappedRow,
  register: EntryRegister,
  sex: 'K' | 'M',
):
  | { ok: true; data: Record<string, unknown>; derived: ScoreResult | null }
  | { ok: false; issues: RowIssue[] } {
  try {
    const { data, derived } = validateEntry(register, row.kind, row.data, sex);
    return { ok: true, data, derived };
  } catch (err) {
    if (err instanceof ValidationError) return { ok: false, issues: entryIssues(err, row, register) };
    throw err;
  }
}

export function checkRecord(record: RawRecord, o: CheckOptions): CheckResult {
  const mapped = mapRecord(o.register, record, { today: o.today, checkColumns: o.checkColumns });
  if (!mapped.ok) return mapped;
  const row = mapped.row;
  const valid = validateRow(row, o.register, row.identity.legalSex);
  if (!valid.ok) return valid;
  const death = deathDateIssue(o.register, row.kind, valid.data, row.date);
  if (death)
    return {
      ok: false,
      issues: [
        {
          row: row.row,
          line: row.line,
          column: 'answer.dateOfDeath',
          rule: death.rule,
          message: death.message,
        },
      ],
    };
  return {
    ok: true,
    row: {
      ...row,
      data: valid.data,
      derived: valid.derived,
      pseudonym: pseudonymFor(row.identity.normalised, o),
    },
  };
}
