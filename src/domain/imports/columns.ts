import type { EntryRegister } from '../registers/entries.js';

/**
 * The flat row format of imports (README "Importformat / Import formats"): one row per register
 * entry, the same column names in CSV, XLSX and JSON. Common columns say who, where, when and
 * which record; each kind adds its own columns, which map onto the entry's `data`.
 */

/** URL and CLI names of the registers (kebab case) → the registers' own names. */
export const IMPORT_REGISTERS = {
  'senior-alert': 'senior_alert',
  palliative: 'palliative',
  followup: 'followup',
} as const satisfies Record<string, EntryRegister>;
export type ImportRegisterName = keyof typeof IMPORT_REGISTERS;

export function registerOfName(name: string): EntryRegister | undefined {
  return Object.hasOwn(IMPORT_REGISTERS, name) ? IMPORT_REGISTERS[name as ImportRegisterName] : undefined;
}

export const COMMON_COLUMNS = [
  'record_id',
  'personnummer',
  'name',
  'unit_code',
  'unit_id',
  'served_from',
  'date',
  'kind',
] as const;
export type CommonColumn = (typeof COMMON_COLUMNS)[number];

/** How a cell becomes a value in `data`: text as is, a whole number, or a `a|b` list. */
export type CellType = 'text' | 'int' | 'list';

export interface KindColumn {
  column: string;
  /** Where the value goes in the entry's data, e.g. ['ksi', 'target']. */
  path: readonly string[];
  type: CellType;
}

const col = (column: string, path: string | readonly string[], type: CellType = 'text'): KindColumn => ({
  column,
  path: typeof path === 'string' ? [path] : path,
  type,
});
const note = col('note', 'note');

/** The kind's own columns; kinds with instrument answers also take `answer.<itemId>` columns. */
export const KIND_COLUMNS: Record<EntryRegister, Record<string, readonly KindColumn[]>> = {
  senior_alert: {
    risk_assessment: [col('instrument', 'instrument'), col('causes', 'causes', 'list'), note],
    planned_action: [col('risk_area', 'riskArea'), col('action_code', 'actionCode'), col('text', 'text')],
    event: [col('event_type', 'eventType'), col('grade', 'grade', 'int'), note],
    follow_up: [col('risk_area', 'riskArea'), col('outcome', 'outcome'), note],
    closure: [col('reason', 'reason'), note],
  },
  palliative: {
    death: [col('place', 'place')],
    death_registration: [],
  },
  followup: {
    measure: [col('phase', 'phase'), col('instrument', 'instrument'), col('client_view', 'clientView')],
    intervention: [
      col('ksi_target', ['ksi', 'target']),
      col('ksi_action_type', ['ksi', 'actionType']),
      col('ksi_method', ['ksi', 'method']),
      col('end_date', 'endDate'),
      note,
    ],
  },
};

/** Kinds whose rows carry instrument answers; the fixed instrument where the kind has one. */
export const ANSWER_KINDS: Record<string, { instrument: string | null }> = {
  'senior_alert/risk_assessment': { instrument: null },
  'followup/measure': { instrument: null },
  'palliative/death_registration': { instrument: 'palliative-eol' },
};

export const ANSWER_PREFIX = 'answer.';
export const MAX_GOALS = 10;
const GOAL_COLUMN = /^goal\.(\d{1,2})\.(text|met)$/;

/** `goal.<n>.text|met` (n 1–10) → its number and field, or null. */
export function goalColumn(column: string): { n: number; field: 'text' | 'met' } | null {
  const m = GOAL_COLUMN.exec(column);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= MAX_GOALS ? { n, field: m[2] as 'text' | 'met' } : null;
}

export function kindsOf(register: EntryRegister): string[] {
  return Object.keys(KIND_COLUMNS[register]);
}

/** Every column a register's files may have (answer.* and goal.* are patterns). */
export function knownColumn(register: EntryRegister, column: string): boolean {
  if ((COMMON_COLUMNS as readonly string[]).includes(column)) return true;
  if (column.startsWith(ANSWER_PREFIX) && column.length > ANSWER_PREFIX.length)
    return Object.keys(ANSWER_KINDS).some((k) => k.startsWith(`${register}/`));
  if (goalColumn(column)) return register === 'followup';
  return Object.values(KIND_COLUMNS[register]).some((cols) => cols.some((c) => c.column === column));
}

const COMMON_SET: ReadonlySet<string> = new Set(COMMON_COLUMNS);
export const isCommonColumn = (column: string): boolean => COMMON_SET.has(column);

/** The kind's own column names, as a set (looked up for every cell of every row). */
const KIND_COLUMN_SETS = new Map<string, ReadonlySet<string>>(
  Object.entries(KIND_COLUMNS).flatMap(([register, kinds]) =>
    Object.entries(kinds).map(([kind, cols]) => [`${register}/${kind}`, new Set(cols.map((c) => c.column))]),
  ),
);

/** Does this column belong to rows of this kind (common columns belong to every kind)? */
export function columnOfKind(register: EntryRegister, kind: string, column: string): boolean {
  if (COMMON_SET.has(column)) return true;
  if (column.startsWith(ANSWER_PREFIX)) return Object.hasOwn(ANSWER_KINDS, `${register}/${kind}`);
  if (column.startsWith('goal.') && goalColumn(column)) return register === 'followup' && kind === 'measure';
  return KIND_COLUMN_SETS.get(`${register}/${kind}`)?.has(column) ?? false;
}
