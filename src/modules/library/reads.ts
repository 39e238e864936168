import type { EntryPage, IndicatorLink, SearchHit, SearchResult } from '../../contracts/library.js';
import type { Queryable } from '../../db/db.js';
import { NotFoundError } from '../../domain/errors.js';
import { atLeast, type EvidenceLevel } from '../../domain/library/evidence.js';
import { SEARCH_CAP, queryWords, snippetParts, tsQueryText } from '../../domain/library/query.js';
import { isStale } from '../../domain/library/workflow.js';
import {
  ksiPrefixes,
  type EntryKind,
  type OperatingArea,
  type Problem,
  type TargetGroup,
} from '../../domain/library/vocabulary.js';
import { activeDefinitions } from '../indicators/engine.js';
import { exampleFigures } from './examples.js';
import * as s from './search-queries.js';
import type { ExampleSpec, Reference } from './types.js';

/** The public side of the library: search, an entry's page, the entries beside a number. */
export interface SearchInput {
  q: string;
  operatingAreas?: OperatingArea[] | undefined;
  targetGroups?: TargetGroup[] | undefined;
  /** The weakest evidence level to include ("at least …"). */
  minEvidence?: EvidenceLevel | undefined;
  kinds?: EntryKind[] | undefined;
  limit: number;
  offset: number;
  /** How many matches are ranked at most (SEARCH_CAP; smaller in tests). Not an API parameter. */
  cap?: number | undefined;
}

export async function search(db: Queryable, input: SearchInput, today: string): Promise<SearchResult> {
  const words = queryWords(input.q);
  const variants = await s.variantsOf(db, words);
  const tsq =
    words.length > 0
      ? {
          tsQuery: tsQueryText(words, variants),
          cap: input.cap ?? SEARCH_CAP,
        }
      : null;
  const { total, capped, hits } = await s.searchPublished(db, tsq, {
    operatingAreas: input.operatingAreas?.length ? input.operatingAreas : null,
    targetGroups: input.targetGroups?.length ? input.targetGroups : null,
    evidence: input.minEvidence ? atLeast(input.minEvidence) : null,
    kinds: input.kinds?.length ? input.kinds : null,
    limit: input.limit,
    offset: input.offset,
  });
  return {
    q: input.q,
    words: words.map((w) => ({ word: w, variants: variants.get(w) ?? [] })),
    total,
    totalCapped: capped,
    limit: input.limit,
    offset: input.offset,
    hits: hits.map(({ headline, ...h }) => ({
      ...h,
      snippet: tsq === null ? [{ text: headline, hit: false }] : snippetParts(headline),
      stale: isStale(h.reviewDue, today),
    })),
  };
}

async function indicatorLinks(db: Queryable, ids: readonly string[]): Promise<IndicatorLink[]> {
  const defs = new Map((await activeDefinitions(db)).map((d) => [d.id, d]));
  return ids.flatMap((id) => {
    const d = defs.get(id);
    return d ? [{ id, title: d.title, openComparisons: d.openComparisons }] : [];
  });
}

export async function entryPage(db: Queryable, slug: string, today: string): Promise<EntryPage> {
  const row = await s.publishedBySlug(db, slug);
  if (!row) throw new NotFoundError(`library entry ${slug}`);
  // The raw example spec is not part of the page: its figures are (EntryPage names no `example`).
  const { example: spec, ...page } = row;
  const example = spec as ExampleSpec | null;
  return {
    ...page,
    references: row.references as Reference[],
    indicators: await indicatorLinks(db, row.outcomeIndicators),
    figures: example ? await exampleFigures(db, example) : null,
    stale: isStale(row.reviewDue, today),
  };
}

export async function forIndicator(db: Queryable, indicatorId: string): Promise<s.PublishedSummary[]> {
  return s.publishedForIndicator(db, indicatorId);
}

/** Entries for a client's recorded interventions (KSI codes) and problems. */
export async function related(
  db: Queryable,
  ksiCodes: readonly string[],
  problems: readonly Problem[],
): Promise<s.PublishedSummary[]> {
  const prefixes = [...new Set(ksiCodes.flatMap(ksiPrefixes))];
  return s.publishedRelated(db, prefixes, problems);
}

export type { EntryPage, IndicatorLink, SearchHit, SearchResult };
