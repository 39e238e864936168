/**
 * The code lists the register forms choose from, and small helpers of the entry forms; the entries
 * themselves are the contract in src/contracts/registers.ts.
 */
import {
  ENTRY_SCHEMAS,
  FOLLOWUP_INSTRUMENTS,
  PHASES,
  RISK_AREAS,
  type EntryRegister,
} from '../../../domain/registers/entries';

export type Register = EntryRegister;
export const REGISTERS: readonly Register[] = ['senior_alert', 'palliative', 'followup'];

// The lists the kinds endpoint does not carry come from the same domain schemas the server uses.
export const RISK_AREA_LIST: readonly string[] = RISK_AREAS;
export const PHASE_LIST: readonly string[] = PHASES;
export const FOLLOWUP_INSTRUMENT_LIST: readonly string[] = FOLLOWUP_INSTRUMENTS;
export const OUTCOMES: readonly string[] = ENTRY_SCHEMAS.senior_alert.follow_up.shape.outcome.options;
export const CLOSURE_REASONS: readonly string[] = ENTRY_SCHEMAS.senior_alert.closure.shape.reason.options;
export const DEATH_PLACES: readonly string[] = ENTRY_SCHEMAS.palliative.death.shape.place.options;
export const GOAL_MET: readonly string[] = ['yes', 'partly', 'no'];
export const MAX_GOALS = 10;

/** Which instrument scores an entry's answers (mirrors src/domain/registers/derive.ts). */
export function instrumentOf(register: string, kind: string, data: Record<string, unknown>): string | null {
  if (register === 'palliative' && kind === 'death_registration') return 'palliative-eol';
  if (
    (register === 'senior_alert' && kind === 'risk_assessment') ||
    (register === 'followup' && kind === 'measure')
  )
    return typeof data['instrument'] === 'string' ? data['instrument'] : null;
  return null;
}

/** The data a new entry of a kind starts from. */
export function emptyData(register: string, kind: string): Record<string, unknown> {
  if (register === 'senior_alert' && kind === 'risk_assessment') return { answers: {}, causes: [] };
  if (register === 'palliative' && kind === 'death_registration') return { answers: {} };
  if (register === 'followup' && kind === 'measure') return { answers: {}, goals: [] };
  return {};
}

/**
 * What is sent: empty strings and empty optional texts left out, so an untouched optional field
 * is absent rather than invalid.
 */
export function cleanData(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined || v === '') continue;
    if (isRecord(v) && k !== 'answers') out[k] = cleanData(v);
    else out[k] = v;
  }
  return out;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Today in Sweden (YYYY-MM-DD). */
export function swedishToday(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/** A time stamp as Swedish local date and time, "2024-06-15 12:00". */
export function stockholmTime(iso: string, lang: 'sv' | 'en'): string {
  return new Date(iso).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A DOM id for a server field path ("data.ksi.target" → "p-data_ksi_target"). */
export function fieldId(prefix: string, field: string): string {
  return `${prefix}-${field.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The id prefix of an instrument's answers inside a form (FormRenderer's idPrefix). */
export function answersPrefix(prefix: string): string {
  return `${prefix}-a`;
}
