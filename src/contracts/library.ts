import type { EvidenceLevel } from '../domain/library/evidence.js';
import type { Standing, Status } from '../domain/library/workflow.js';
import type { SnippetPart } from '../domain/library/query.js';
import type {
  EntryKind,
  OperatingArea,
  Problem,
  ReferenceKind,
  TargetGroup,
} from '../domain/library/vocabulary.js';

/** The knowledge library's answers (src/modules/library), as server and web both type them. */

/** A reference: a guideline, a systematic review, a report. */
export interface Reference {
  kind: ReferenceKind;
  title: string;
  year: number;
  url: string;
}

/** What an entry is about: what lists show and what an editor writes. */
export interface EntryDescription {
  title: string;
  summary: string;
  ksiCode: string | null;
  instrumentId: string | null;
  targetGroups: TargetGroup[];
  operatingAreas: OperatingArea[];
  problems: Problem[];
  evidence: EvidenceLevel;
  outcomeIndicators: string[];
}

/** A published entry as lists and search show it. */
export interface EntrySummary extends EntryDescription {
  entryId: string;
  slug: string;
  kind: EntryKind;
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
  /** The words searched for, and what each also matched (stems, similar words). */
  words: Array<{ word: string; variants: string[] }>;
  total: number;
  /** More entries match than `total`, which is then the cap (1,000): shown as "över 1 000 träffar". */
  totalCapped: boolean;
  limit: number;
  offset: number;
  hits: SearchHit[];
}

export interface IndicatorLink {
  id: string;
  title: { sv: string; en: string };
  openComparisons: boolean;
}

/** One period of a good example's figures, from the published values. */
export interface ExampleFigure {
  period: string;
  /** "" published, ".." suppressed by disclosure control, "." not stated or not published. */
  status: '' | '..' | '.';
  /** Per cent with one decimal; null unless status is "". */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  publishedAt: string | null;
}

export interface ExampleFigures {
  municipalityCode: string;
  indicatorId: string;
  before: ExampleFigure;
  after: ExampleFigure;
}

export interface EntryPage extends EntrySummary {
  version: number;
  body: string;
  references: Reference[];
  indicators: IndicatorLink[];
  /** A good example's before/after, from published values. */
  figures: ExampleFigures | null;
  sampleWrittenOn: string | null;
  stale: boolean;
}

export interface EntryList {
  entries: EntrySummary[];
}

/** What one version of an entry says, as an editor writes it (POST bodies and version rows). */
export interface EntryContent extends EntryDescription {
  body: string;
  references: Reference[];
  example: { municipalityCode: string; indicatorId: string; before: string; after: string } | null;
  reviewDue: string | null;
}

/** An entry's editorial state. */
export interface EditorialEntry {
  id: string;
  slug: string;
  kind: EntryKind;
  status: Status;
  headVersion: number;
  publishedVersion: number | null;
  municipalityCode: string | null;
  lastReviewed: string | null;
  reviewDue: string | null;
  createdBy: string | null;
}

/** One saved version: its content, who saved it, when and why. */
export interface EntryVersion extends EntryContent {
  entryId: string;
  version: number;
  changeNote: string;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: string;
  sampleWrittenOn: string | null;
}

/** One step of the editorial history. */
export interface EntryEvent {
  version: number;
  action: string;
  fromStatus: Status | null;
  toStatus: Status;
  note: string;
  actor: string | null;
  actorName: string | null;
  at: string;
}

/** `GET /api/v1/library/entries/{id}`: everything an editor (or the submitter) sees. */
export interface EntryForEditing {
  entry: EditorialEntry;
  standing: Standing;
  /** Newest last. */
  versions: EntryVersion[];
  /** Oldest first. */
  events: EntryEvent[];
}

/** `GET /api/v1/library/entries`: the editorial list (an editor's all, a submitter's own). */
export interface EditorialList {
  /** Newest change first, at most 500. */
  entries: Array<EditorialEntry & { title: string; updatedAt: string }>;
}

/** `GET /api/v1/library/indicators/{id}`: the published entries that follow an indicator. */
export interface IndicatorEntries {
  indicator: string;
  entries: EntrySummary[];
}

/** `GET /api/v1/library/related`: the published entries for recorded KSI codes and problems. */
export interface RelatedEntries {
  ksi: string[];
  problems: Problem[];
  entries: EntrySummary[];
}
