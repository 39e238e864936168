/**
 * Validity periods are half-open [from, to) over ISO dates. `null` stands for an open end
 * (the database stores '-infinity' / 'infinity'). Pure helpers shared by the org register
 * and every later "as of" question.
 */
export interface Validity {
  validFrom: string | null;
  validTo: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2023-02-30). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function isValidAt(v: Validity, date: string): boolean {
  return (v.validFrom === null || v.validFrom <= date) && (v.validTo === null || date < v.validTo);
}

export function overlaps(a: Validity, b: Validity): boolean {
  const aStartsBeforeBEnds = a.validFrom === null || b.validTo === null || a.validFrom < b.validTo;
  const bStartsBeforeAEnds = b.validFrom === null || a.validTo === null || b.validFrom < a.validTo;
  return aStartsBeforeBEnds && bStartsBeforeAEnds;
}

export function isNonEmpty(v: Validity): boolean {
  return v.validFrom === null || v.validTo === null || v.validFrom < v.validTo;
}

/** Maps the database's infinite bounds to null for the API. */
export function fromDbBound(value: string): string | null {
  return value === 'infinity' || value === '-infinity' ? null : value;
}

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
