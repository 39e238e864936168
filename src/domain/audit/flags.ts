/**
 * Flags that point a reviewer at entries worth a second look. Pure: the audit module hands in the
 * entries of a page and the surrounding entries of the same actors.
 */

export const AUDIT_FLAGS = ['outside_working_hours', 'many_persons', 'break_glass'] as const;
export type AuditFlag = (typeof AUDIT_FLAGS)[number];

/** Working hours in Swedish local time: weekdays from 07:00 up to (not including) 19:00. */
export interface WorkingHours {
  timeZone: string;
  /** First working hour (local, 0–23). */
  startHour: number;
  /** First hour after work (local); an entry at endHour:00 is outside. */
  endHour: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days. Public holidays are not known here. */
  workingDays: readonly number[];
}
export const WORKING_HOURS: WorkingHours = {
  timeZone: 'Europe/Stockholm',
  startHour: 7,
  endHour: 19,
  workingDays: [1, 2, 3, 4, 5],
};

/** One actor touching at least `persons` distinct persons within `windowMinutes`. */
export interface ManyPersonsRule {
  persons: number;
  windowMinutes: number;
}
export const MANY_PERSONS: ManyPersonsRule = { persons: 20, windowMinutes: 10 };

/** What the flags look at in an entry. */
export interface FlagInput {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  personPseudonym: string | null;
  breakGlass: boolean;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(at: Date, timeZone: string): { hour: number; weekday: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const weekday = WEEKDAYS[parts.find((p) => p.type === 'weekday')?.value ?? ''] ?? 0;
  return { hour, weekday };
}

export function isOutsideWorkingHours(at: Date, hours: WorkingHours = WORKING_HOURS): boolean {
  const { hour, weekday } = localParts(at, hours.timeZone);
  if (!hours.workingDays.includes(weekday)) return true;
  return hour < hours.startHour || hour >= hours.endHour;
}

/**
 * The seqs of every entry that lies in some window shorter than `windowMinutes` in which its
 * actor touched at least `persons` distinct persons. The whole burst is flagged, not only the
 * entry that crossed the threshold. Linear per actor (two pointers over time-sorted entries).
 */
export function manyPersonsSeqs(
  entries: readonly FlagInput[],
  rule: ManyPersonsRule = MANY_PERSONS,
): Set<number> {
  const flagged = new Set<number>();
  const byActor = new Map<string, FlagInput[]>();
  for (const e of entries) {
    if (e.actorUserId === null || e.personPseudonym === null) continue;
    const list = byActor.get(e.actorUserId) ?? [];
    list.push(e);
    byActor.set(e.actorUserId, list);
  }
  const windowMs = rule.windowMinutes * 60_000;
  for (const list of byActor.values()) {
    list.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.seq - b.seq);
    const inWindow = new Map<string, number>();
    let left = 0;
    let markedUpTo = -1;
    for (let right = 0; right < list.length; right++) {
      const current = list[right] as FlagInput;
      const person = current.personPseudonym as string;
      inWindow.set(person, (inWindow.get(person) ?? 0) + 1);
      for (;;) {
        const oldest = list[left] as FlagInput;
        if (current.occurredAt.getTime() - oldest.occurredAt.getTime() < windowMs) break;
        const p = oldest.personPseudonym as string;
        const n = (inWindow.get(p) ?? 1) - 1;
        if (n === 0) inWindow.delete(p);
        else inWindow.set(p, n);
        left++;
      }
      if (inWindow.size < rule.persons) continue;
      for (let i = Math.max(left, markedUpTo + 1); i <= right; i++) flagged.add((list[i] as FlagInput).seq);
      markedUpTo = right;
    }
  }
  return flagged;
}

export interface FlagRules {
  hours: WorkingHours;
  manyPersons: ManyPersonsRule;
}
export const DEFAULT_FLAG_RULES: FlagRules = { hours: WORKING_HOURS, manyPersons: MANY_PERSONS };

/**
 * Flags for each entry of `page`. `context` must hold the actors' person entries from
 * `windowMinutes` before the page's oldest to `windowMinutes` after its newest entry (it may
 * include the page itself); without it a burst that straddles the page edge goes unseen.
 */
export function flagEntries(
  page: readonly FlagInput[],
  context: readonly FlagInput[],
  rules: FlagRules = DEFAULT_FLAG_RULES,
): Map<number, AuditFlag[]> {
  const all = new Map<number, FlagInput>();
  for (const e of context) all.set(e.seq, e);
  for (const e of page) all.set(e.seq, e);
  const burst = manyPersonsSeqs([...all.values()], rules.manyPersons);
  const result = new Map<number, AuditFlag[]>();
  for (const e of page) {
    const flags: AuditFlag[] = [];
    if (isOutsideWorkingHours(e.occurredAt, rules.hours)) flags.push('outside_working_hours');
    if (burst.has(e.seq)) flags.push('many_persons');
    if (e.breakGlass) flags.push('break_glass');
    result.set(e.seq, flags);
  }
  return result;
}
