import type { PalliativeWindows } from './windows.js';
import { palliativeRefusal } from './windows.js';

/**
 * The rules every register entry obeys, whoever writes it (a form, a correction, an import, the
 * synthetic nation's own check), each written once. They name the entry's fields as the internal
 * API does (`occurredOn`, `data.answers.…`); an import renames them to its columns.
 */
export interface EntryRuleIssue {
  field: string;
  rule: string;
  message: string;
}

/** An entry's date is today or earlier (Swedish time). */
export function futureDateIssue(occurredOn: string, today: string): EntryRuleIssue | null {
  return occurredOn > today
    ? { field: 'occurredOn', rule: 'in_future', message: 'must not be in the future' }
    : null;
}

/** The end-of-life questionnaire's date of death is the entry's date; they must agree. */
export function deathDateIssue(
  register: string,
  kind: string,
  data: Record<string, unknown>,
  occurredOn: string,
): EntryRuleIssue | null {
  if (register !== 'palliative' || kind !== 'death_registration') return null;
  const answers = data['answers'] as Record<string, unknown> | undefined;
  return answers?.['dateOfDeath'] === occurredOn
    ? null
    : {
        field: 'data.answers.dateOfDeath',
        rule: 'matches_occurred_on',
        message: 'must be the same date as occurredOn',
      };
}

/**
 * A death is registered within the registration window after the date of death, and a submitted
 * end-of-life registration is corrected only within the edit window (firstSubmittedAt: null for
 * a new entry).
 */
export function palliativeWindowIssue(
  register: string,
  kind: string,
  windows: PalliativeWindows,
  occurredOn: string,
  today: string,
  firstSubmittedAt: Date | null,
  now: Date,
): EntryRuleIssue | null {
  if (register !== 'palliative' || kind !== 'death_registration') return null;
  const refusal = palliativeRefusal(windows, occurredOn, today, firstSubmittedAt, now);
  if (!refusal) return null;
  const message =
    refusal === 'registration_window_closed'
      ? 'a death is registered within the registration window after the date of death'
      : 'a submitted end-of-life registration may only be corrected within the edit window';
  return { field: 'occurredOn', rule: refusal, message };
}
