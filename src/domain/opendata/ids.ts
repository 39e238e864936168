import type { FieldIssue } from '../errors.js';

/** Comma lists in Kolada paths and PxWeb values: at most this many ids per segment. */
export const MAX_IDS = 25;

/** Splits "a,b,c" into ids, or names the rule it breaks (empty id, too many, wrong form). */
export function parseIdList(
  field: string,
  raw: string,
  pattern: RegExp,
  what: string,
): { ok: true; ids: string[] } | { ok: false; issue: FieldIssue } {
  const ids = raw.split(',').map((s) => s.trim());
  if (ids.some((id) => id === ''))
    return { ok: false, issue: { field, rule: 'empty_id', message: 'must not contain empty ids' } };
  if (ids.length > MAX_IDS) {
    return {
      ok: false,
      issue: { field, rule: 'too_many_ids', message: `at most ${MAX_IDS} ids, got ${ids.length}` },
    };
  }
  const bad = ids.find((id) => !pattern.test(id));
  if (bad !== undefined)
    return { ok: false, issue: { field, rule: 'invalid_id', message: `"${bad}" is not ${what}` } };
  return { ok: true, ids: [...new Set(ids)] };
}

/** decodeURIComponent that names a malformed escape instead of throwing URIError. */
export function decodeSegment(
  field: string,
  raw: string,
): { ok: true; text: string } | { ok: false; issue: FieldIssue } {
  try {
    return { ok: true, text: decodeURIComponent(raw) };
  } catch {
    return { ok: false, issue: { field, rule: 'bad_escape', message: 'contains a malformed %-escape' } };
  }
}
