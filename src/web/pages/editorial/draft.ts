/**
 * The editor's form state and the entry content it becomes. Inputs hold text as typed; the
 * server's zod schema is the judge of what is valid, so this only shapes (trims, splits, parses
 * numbers) and leaves out what a kind does not have (a good example's figures).
 */
import type { EntryContent } from '../../../contracts/library';
import type { EvidenceLevel } from '../../../domain/library/evidence';
import type {
  EntryKind,
  OperatingArea,
  Problem,
  ReferenceKind,
  TargetGroup,
} from '../../../domain/library/vocabulary';

export interface ReferenceDraft {
  kind: ReferenceKind;
  title: string;
  year: string;
  url: string;
}

export interface Draft {
  title: string;
  summary: string;
  body: string;
  ksiCode: string;
  instrumentId: string;
  targetGroups: TargetGroup[];
  operatingAreas: OperatingArea[];
  problems: Problem[];
  evidence: EvidenceLevel | '';
  /** Indicator ids as typed: "K10006, K10008". */
  outcomeIndicators: string;
  references: ReferenceDraft[];
  example: { municipalityCode: string; indicatorId: string; before: string; after: string };
  reviewDue: string;
}

export const emptyReference = (): ReferenceDraft => ({ kind: 'guideline', title: '', year: '', url: '' });

/** The form for a new entry (nothing chosen) or for a saved version. */
export function draftOf(content: EntryContent | null): Draft {
  return {
    title: content?.title ?? '',
    summary: content?.summary ?? '',
    body: content?.body ?? '',
    ksiCode: content?.ksiCode ?? '',
    instrumentId: content?.instrumentId ?? '',
    targetGroups: content?.targetGroups ?? [],
    operatingAreas: content?.operatingAreas ?? [],
    problems: content?.problems ?? [],
    evidence: content?.evidence ?? '',
    outcomeIndicators: (content?.outcomeIndicators ?? []).join(', '),
    references: (content?.references ?? []).map((r) => ({ ...r, year: String(r.year) })),
    example: content?.example ?? { municipalityCode: '', indicatorId: '', before: '', after: '' },
    reviewDue: content?.reviewDue ?? '',
  };
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** A year as typed: a whole number, or the text itself so the server names the rule it breaks. */
function yearOf(s: string): number | string {
  const t = s.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/**
 * The request body's `content`. Typed loosely where the user may have typed nonsense (a year that
 * is not a number, no evidence chosen): the server answers with the field and its rule.
 */
export function contentOf(d: Draft, kind: EntryKind): Record<string, unknown> {
  return {
    title: d.title.trim(),
    summary: d.summary.trim(),
    body: d.body.trim(),
    ksiCode: orNull(d.ksiCode.toUpperCase()),
    instrumentId: orNull(d.instrumentId),
    targetGroups: d.targetGroups,
    operatingAreas: d.operatingAreas,
    problems: d.problems,
    evidence: d.evidence === '' ? undefined : d.evidence,
    outcomeIndicators: d.outcomeIndicators
      .split(/[\s,;]+/)
      .map((s) => s.trim().toUpperCase())
      .filter((s) => s !== ''),
    references: d.references.map((r) => ({
      kind: r.kind,
      title: r.title.trim(),
      year: yearOf(r.year),
      url: r.url.trim(),
    })),
    example:
      kind === 'good_example'
        ? {
            municipalityCode: d.example.municipalityCode.trim(),
            indicatorId: d.example.indicatorId.trim().toUpperCase(),
            before: d.example.before.trim(),
            after: d.example.after.trim(),
          }
        : null,
    reviewDue: orNull(d.reviewDue),
  };
}

/** Toggles one code in a list, keeping the code list's order. */
export function toggled<T extends string>(
  all: readonly T[],
  chosen: readonly T[],
  code: T,
  on: boolean,
): T[] {
  return all.filter((c) => (c === code ? on : chosen.includes(c)));
}
