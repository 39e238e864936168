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

export type {
  EntryList,
  EntryPage,
  EntrySummary,
  ExampleFigure as Figure,
  SearchHit,
  SearchResult,
} from '../../../contracts/library';
