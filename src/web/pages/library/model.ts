/** The library API's answers as the web app reads them (src/modules/library/reads.ts). */
import type { EvidenceLevel } from '../../../domain/library/evidence';
import type { SnippetPart } from '../../../domain/library/query';
import type { EntryKind, OperatingArea, TargetGroup } from '../../../domain/library/vocabulary';

export { EVIDENCE_LEVELS } from '../../../domain/library/evidence';
export {
  ENTRY_KINDS,
  TARGET_GROUPS,
  OPERATING_AREAS,
  PROBLEM_OF_INSTRUMENT,
} from '../../../domain/library/vocabulary';
export type { EvidenceLevel, EntryKind, OperatingArea, TargetGroup, SnippetPart };

export const LIBRARY_BASE = '/bibliotek';

export interface EntrySummary {
  entryId: string;
  slug: string;
  kind: EntryKind;
  title: string;
  summary: string;
  ksiCode: string | null;
  instrumentId: string | null;
  targetGroups: TargetGroup[];
  operatingAreas: OperatingArea[];
  evidence: EvidenceLevel;
  outcomeIndicators: string[];
  municipalityCode: string | null;
  isSample: boolean;
  lastReviewed: string | null;
  reviewDue: string | null;
}

export interface SearchHit extends EntrySummary {
  rank: number;
  snippet: SnippetPart[];
  stale: boolean;
}

export interface SearchResult {
  q: string;
  words: Array<{ word: string; variants: string[] }>;
  total: number;
  limit: number;
  offset: number;
  hits: SearchHit[];
}

export interface Figure {
  period: string;
  status: '' | '..' | '.';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface EntryPage extends EntrySummary {
  version: number;
  body: string;
  references: Array<{
    kind: 'guideline' | 'systematic_review' | 'report' | 'other';
    title: string;
    year: number;
    url: string;
  }>;
  indicators: Array<{ id: string; title: { sv: string; en: string }; openComparisons: boolean }>;
  figures: { municipalityCode: string; indicatorId: string; before: Figure; after: Figure } | null;
  sampleWrittenOn: string | null;
  stale: boolean;
}

export interface EntryList {
  entries: EntrySummary[];
}
