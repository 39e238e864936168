import type { EntrySummary } from '../../contracts/library.js';
import type { Queryable } from '../../db/db.js';
import { toInt } from '../../db/db.js';
import type { EvidenceLevel } from '../../domain/library/evidence.js';
import { HIT_START, HIT_STOP, MAX_VARIANTS, MIN_FUZZY_LENGTH } from '../../domain/library/query.js';
import type { EntryKind, OperatingArea, Problem, TargetGroup } from '../../domain/library/vocabulary.js';

/** Public reads of the library: published entries only (library_search). */
type Raw = Record<string, unknown>;

/**
 * How similar (pg_trgm similarity, 0–1) a vocabulary word must be to count as a variant: 0.55
 * keeps typos and inflected compounds ("fallpreventon", "fallpreventiva" for "fallprevention":
 * 0.61–0.67) and leaves out other compounds on the same head ("familjeprevention": 0.5).
 */
export const VARIANT_SIMILARITY = 0.55;

/**
 * Vocabulary words similar to each query word (typos, compounds whose stems differ). One
 * statement with a branch per word, each the nearest words by trigram distance (1 − similarity)
 * from the GiST index (library_word_trgm_gist, 0181) instead of a scan of the vocabulary per word.
 * The index walk orders by distance only (a tie-break would make it read every candidate), so it
 * takes four times the variants wanted and the outer query orders those by similarity and word.
 */
export async function variantsOf(q: Queryable, words: readonly string[]): Promise<Map<string, string[]>> {
  const fuzzy = words.filter((w) => w.length >= MIN_FUZZY_LENGTH);
  const out = new Map<string, string[]>();
  if (fuzzy.length === 0) return out;
  const branches = fuzzy.map(
    (_, i) =>
      `(SELECT ${i + 1} AS n, word FROM (
          SELECT word, similarity(word, $${i + 3}) AS sim FROM library_word WHERE word % $${i + 3}
           ORDER BY word <-> $${i + 3} LIMIT $2 * 4) nearest
         WHERE sim >= $1 ORDER BY sim DESC, word LIMIT $2)`,
  );
  const { rows } = await q.query<Raw>(branches.join(' UNION ALL '), [
    VARIANT_SIMILARITY,
    MAX_VARIANTS,
    ...fuzzy,
  ]);
  for (const r of rows) {
    const w = fuzzy[toInt(r['n']) - 1] as string;
    out.set(w, [...(out.get(w) ?? []), r['word'] as string]);
  }
  return out;
}

export interface SearchFilters {
  operatingAreas: OperatingArea[] | null;
  targetGroups: TargetGroup[] | null;
  evidence: EvidenceLevel[] | null;
  kinds: EntryKind[] | null;
  limit: number;
  offset: number;
}

/** A published entry as lists and search show it (the API's EntrySummary). */
export type PublishedSummary = EntrySummary;

export interface SearchHitRow extends PublishedSummary {
  rank: number;
  headline: string;
}

const SUMMARY_COLUMNS = `s.entry_id, s.slug, s.kind, s.title, s.summary, s.ksi_code, s.instrument_id, s.target_groups,
  s.operating_areas, s.problems, s.evidence, s.outcome_indicators, s.municipality_code, s.is_sample, s.last_reviewed,
  s.review_due`;

function summaryOf(r: Raw): PublishedSummary {
  return {
    entryId: r['entry_id'] as string,
    slug: r['slug'] as string,
    kind: r['kind'] as EntryKind,
    title: r['title'] as string,
    summary: r['summary'] as string,
    ksiCode: (r['ksi_code'] ?? null) as string | null,
    instrumentId: (r['instrument_id'] ?? null) as string | null,
    targetGroups: r['target_groups'] as TargetGroup[],
    operatingAreas: r['operating_areas'] as OperatingArea[],
    problems: r['problems'] as Problem[],
    evidence: r['evidence'] as EvidenceLevel,
    outcomeIndicators: r['outcome_indicators'] as string[],
    municipalityCode: (r['municipality_code'] ?? null) as string | null,
    isSample: r['is_sample'] as boolean,
    lastReviewed: (r['last_reviewed'] ?? null) as string | null,
    reviewDue: (r['review_due'] ?? null) as string | null,
  };
}

const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_STOP}, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

const FILTERS = `($1::text[] IS NULL OR s.operating_areas && $1::text[])
    AND ($2::text[] IS NULL OR s.target_groups && $2::text[])
    AND ($3::text[] IS NULL OR s.evidence = ANY($3::text[]))
    AND ($4::text[] IS NULL OR s.kind = ANY($4::text[]))`;

/** A page of hits and the total; `capped`: more entries match than `total`, the cap. */
export interface SearchPage {
  total: number;
  capped: boolean;
  hits: SearchHitRow[];
}

/**
 * Ranked full-text search with the Swedish configuration. `tsQuery` is to_tsquery text
 * (src/domain/library/query.ts); null lists everything the filters keep, by title. One statement. Only a capped candidate set is ranked: the
 * first `cap + 1` matches the scan finds and, only when there are more, enough that match in the
 * title (weight A, which ranks highest; found through library_search_title, 0182) to fill the
 * page asked for, so a word found in every entry costs a bounded
 * amount; narrow rows until the page is chosen, and headlines for the page shown only. The tsquery is
 * one CTE row, so the planner does not see it and keeps the GIN index (library_search_document):
 * shown it, it estimates matches well but prefers a scan of every document, which is slower.
 */
export async function searchPublished(
  q: Queryable,
  query: { tsQuery: string; cap: number } | null,
  f: SearchFilters,
): Promise<SearchPage> {
  const params = [f.operatingAreas, f.targetGroups, f.evidence, f.kinds, f.limit, f.offset];
  if (query === null) {
    const { rows } = await q.query<Raw>(
      `SELECT ${SUMMARY_COLUMNS}, s.summary AS headline, count(*) OVER () AS matched
         FROM library_search s
        WHERE ${FILTERS}
        ORDER BY s.title, s.entry_id LIMIT $5 OFFSET $6`,
      params,
    );
    const total = rows[0] ? toInt(rows[0]['matched']) : 0;
    return { total, capped: false, hits: hitsOf(rows, () => 0) };
  }
  const { rows } = await q.query<Raw>(
    `WITH query AS (SELECT to_tsquery('swedish', $7) AS tsq),
     matched AS (
       SELECT s.entry_id, s.title, ts_rank(s.document, query.tsq) AS rank FROM library_search s, query
        WHERE s.document @@ query.tsq AND ${FILTERS} LIMIT $8 + 1),
     in_title AS (
       SELECT s.entry_id, s.title, ts_rank(s.document, query.tsq) AS rank FROM library_search s, query
        WHERE (SELECT count(*) FROM matched) > $8 AND to_tsvector('swedish', s.title) @@ query.tsq AND ${FILTERS} LIMIT $5::int + $6::int),
     page AS (
       SELECT * FROM matched UNION SELECT * FROM in_title
        ORDER BY rank DESC, title, entry_id LIMIT $5 OFFSET $6)
     SELECT ${SUMMARY_COLUMNS}, p.rank, (SELECT count(*) FROM matched) AS matched,
            ts_headline('swedish', s.summary, query.tsq, $9) AS headline
       FROM page p, query,
            -- LIMIT 1 keeps this a lookup by key per row of the page (never a scan and hash join).
            LATERAL (SELECT * FROM library_search WHERE entry_id = p.entry_id LIMIT 1) s
      ORDER BY p.rank DESC, s.title, s.entry_id`,
    [...params, query.tsQuery, query.cap, HEADLINE_OPTIONS],
  );
  const matched = rows[0] ? toInt(rows[0]['matched']) : 0;
  return {
    total: Math.min(matched, query.cap),
    capped: matched > query.cap,
    hits: hitsOf(rows, (r) => Number(r['rank'])),
  };
}

function hitsOf(rows: Raw[], rank: (r: Raw) => number): SearchHitRow[] {
  return rows.map((r) => ({ ...summaryOf(r), rank: rank(r), headline: r['headline'] as string }));
}

export interface PublishedDetailRow extends PublishedSummary {
  version: number;
  body: string;
  references: unknown;
  example: unknown;
  sampleWrittenOn: string | null;
}

export async function publishedBySlug(q: Queryable, slug: string): Promise<PublishedDetailRow | null> {
  const { rows } = await q.query<Raw>(
    `SELECT ${SUMMARY_COLUMNS}, s.version, s.body, v.refs, v.example, v.sample_written_on
       FROM library_search s JOIN library_entry_version v ON v.entry_id = s.entry_id AND v.version = s.version
      WHERE s.slug = $1`,
    [slug],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    ...summaryOf(r),
    version: toInt(r['version']),
    body: r['body'] as string,
    references: r['refs'],
    example: r['example'] ?? null,
    sampleWrittenOn: (r['sample_written_on'] ?? null) as string | null,
  };
}

/** Published entries meant to move an indicator (its "what works to improve this?"). */
export async function publishedForIndicator(q: Queryable, indicatorId: string): Promise<PublishedSummary[]> {
  const { rows } = await q.query<Raw>(
    `SELECT ${SUMMARY_COLUMNS} FROM library_search s WHERE s.outcome_indicators @> ARRAY[$1::text]
      ORDER BY s.evidence_rank, s.title LIMIT 50`,
    [indicatorId],
  );
  return rows.map(summaryOf);
}

/** Published entries for recorded interventions (KSI codes and their prefixes) and problems. */
export async function publishedRelated(
  q: Queryable,
  ksiPrefixes: readonly string[],
  problems: readonly string[],
): Promise<PublishedSummary[]> {
  const { rows } = await q.query<Raw>(
    `SELECT ${SUMMARY_COLUMNS} FROM library_search s
      WHERE s.ksi_code = ANY($1::text[]) OR s.problems && $2::text[]
      ORDER BY s.evidence_rank, s.title LIMIT 50`,
    [[...ksiPrefixes], [...problems]],
  );
  return rows.map(summaryOf);
}
