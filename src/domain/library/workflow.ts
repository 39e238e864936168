import type { EntryKind } from './vocabulary.js';

/**
 * The editorial workflow: draft → review → published. An entry's head version has a status; a
 * published entry that is edited gets a new draft while the published version stays public until
 * the new one is published. Pure: the caller says who is acting and on what.
 */
export const STATUSES = ['draft', 'review', 'published', 'archived'] as const;
export type Status = (typeof STATUSES)[number];

export const TRANSITIONS = ['submit', 'publish', 'return', 'archive'] as const;
export type Transition = (typeof TRANSITIONS)[number];

/**
 * How the actor stands to the entry: a knowledge editor, the municipality staff member's own
 * submission (a good example from a municipality in their scope), or anyone else.
 */
export type Standing = 'editor' | 'submitter' | 'other';

interface Rule {
  from: readonly Status[];
  to: Status;
  who: readonly Standing[];
}

const RULES: Record<Transition, Rule> = {
  submit: { from: ['draft'], to: 'review', who: ['editor', 'submitter'] },
  publish: { from: ['review'], to: 'published', who: ['editor'] },
  return: { from: ['review'], to: 'draft', who: ['editor'] },
  archive: { from: ['published', 'draft', 'review'], to: 'archived', who: ['editor'] },
};

export type Decision =
  { ok: true; to: Status } | { ok: false; reason: 'forbidden' | 'wrong_status'; message: string };

export function decideTransition(standing: Standing, from: Status, transition: Transition): Decision {
  const rule = RULES[transition];
  if (!rule.who.includes(standing)) {
    return {
      ok: false,
      reason: 'forbidden',
      message:
        standing === 'submitter'
          ? `only a knowledge editor may ${transition} an entry`
          : `you may not ${transition} this entry`,
    };
  }
  if (!rule.from.includes(from)) {
    return {
      ok: false,
      reason: 'wrong_status',
      message: `an entry in status ${from} cannot be ${transition === 'return' ? 'returned' : `${transition}ed`} (needs ${rule.from.join(' or ')})`,
    };
  }
  return { ok: true, to: rule.to };
}

/** Who may create an entry of a kind: editors anything; municipality staff only good examples. */
export function mayCreate(standing: Standing, kind: EntryKind): boolean {
  return standing === 'editor' || (standing === 'submitter' && kind === 'good_example');
}

/**
 * Who may save a new version: editors always (except archived); a submitter only while their
 * example is a draft (once submitted, the editors have it).
 */
export function mayEdit(standing: Standing, status: Status): boolean {
  if (status === 'archived') return false;
  return standing === 'editor' || (standing === 'submitter' && status === 'draft');
}

/** The review-due date: `months` after the review that published the entry (default two years). */
export function reviewDueAfter(reviewedOn: string, months = 24): string {
  const [y, m, d] = reviewedOn.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Stale: the review-due date has passed. */
export function isStale(reviewDue: string | null, today: string): boolean {
  return reviewDue !== null && reviewDue < today;
}
