/**
 * npm run bench:library [-- --entries 10000 --samples 200]
 *
 * Search latency of the knowledge library on the engine the environment names (PGlite by default,
 * DATABASE_URL for a server): N generated published entries (written through the library's own
 * writer, importPublished, in batches), then each query of a fixed mix run `samples` times
 * through the same function the API calls (vocabulary look-up for similar words + ranked
 * Swedish full-text search with headlines, 20 hits). Reports p50/p95 per query and over all, side
 * by side with the statement before #14's cap (every match ranked and counted, `before` below),
 * the two alternating sample by sample so load from other processes falls on both alike.
 * Goal: p95 under 50 ms on the embedded engine at 10,000 entries.
 */
import type { Queryable } from '../src/db/db.js';
import { search, type SearchInput } from '../src/modules/library/reads.js';
import { variantsOf } from '../src/modules/library/search-queries.js';
import { atLeast } from '../src/domain/library/evidence.js';
import { queryWords, tsQueryText } from '../src/domain/library/query.js';
import { importPublished, type PublishedImport } from '../src/modules/library/bulk.js';
import { systemActor } from '../src/modules/library/service.js';
import { EVIDENCE_LEVELS } from '../src/domain/library/evidence.js';
import { OPERATING_AREAS, TARGET_GROUPS, type EntryKind } from '../src/domain/library/vocabulary.js';
import { intFlag, openBenchDb, percentile, timed } from './support.js';

const entries = intFlag('entries', 10_000);
const samples = intFlag('samples', 200);
const BATCH = 1000;

// Words of the field, so that stems, compounds and typos behave as in real text.
const WORDS = (
  'fallprevention fallpreventiva åtgärder äldre äldres balans styrka träning hemtjänst särskilt boende ' +
  'trycksår lägesändring madrass nutrition undernäring måltid munhälsa munvård tandvård demens demenssjukdom ' +
  'bemötande anhöriga stöd samtal motiverande missbruk beroende alkohol narkotika återfall behandling ' +
  'familj barn unga placering skola funktionsnedsättning boendestöd daglig verksamhet personlig assistans ' +
  'läkemedel genomgång smärta palliativ vård livets slutskede brytpunktssamtal ensamhet delaktighet ' +
  'trygghet inflytande uppföljning bedömning kartläggning samverkan region kommun utvärdering kvalitet'
).split(' ');

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Compounds as Swedish makes them (first part + second part): a vocabulary of a few thousand
// words, drawn with a Zipf-like skew so that some words are common and most are rare.
const FIRST =
  'fall tryck mun mat demens anhörig hem vård stöd risk läkemedel smärt boende familje barn skol arbets fritids kontakt besök'.split(
    ' ',
  );
const SECOND =
  'prevention plan samtal grupp team träning bedömning insats program modell miljö rutin uppföljning stöd vård ansvar'.split(
    ' ',
  );
// The most frequent ranks are filler words (as common words are); the field's words and the
// compounds follow, so a query word is in a few per cent of entries, not in all of them.
const FILLER = Array.from({ length: 2000 }, (_, i) => `ord${i.toString(36)}`);
const VOCABULARY = [
  ...FILLER.slice(0, 400),
  ...WORDS,
  ...FIRST.flatMap((f) => SECOND.map((s) => `${f}${s}`)),
  ...FILLER.slice(400),
];

function generated(n: number): PublishedImport[] {
  const r = rng(1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  // Zipf-like: index ~ N^u, so low indexes (the field words) are frequent.
  const word = () => VOCABULARY[Math.floor(VOCABULARY.length ** r()) - 1] as string;
  const sentence = (len: number) => Array.from({ length: len }, word).join(' ');
  const kinds: EntryKind[] = ['intervention', 'method'];
  return Array.from({ length: n }, (_, i) => ({
    kind: pick(kinds),
    note: 'bench',
    content: {
      title: `${sentence(3)} ${i}`,
      summary: `${sentence(25)}.`,
      body: `${sentence(60)}.`,
      ksiCode: null,
      instrumentId: null,
      targetGroups: [pick(TARGET_GROUPS)],
      operatingAreas: [pick(OPERATING_AREAS)],
      problems: [],
      evidence: pick(EVIDENCE_LEVELS.slice(0, 5)),
      outcomeIndicators: [],
      references: [],
      example: null,
      reviewDue: null,
      sampleWrittenOn: null,
    },
  }));
}

const QUERIES: Array<{ label: string; input: Omit<SearchInput, 'limit' | 'offset'> }> = [
  { label: 'fallprevention', input: { q: 'fallprevention' } },
  { label: 'äldre', input: { q: 'äldre' } },
  { label: 'motiverande samtal', input: { q: 'motiverande samtal' } },
  { label: 'typo: fallpreventon', input: { q: 'fallpreventon' } },
  { label: 'typo: demenssjukdmo anhöriga', input: { q: 'demenssjukdmo anhöriga' } },
  {
    label: 'trycksår + area + evidence',
    input: { q: 'trycksår', operatingAreas: ['elderly_care'], minEvidence: 'moderate' },
  },
  { label: 'no words, filters only', input: { q: '', targetGroups: ['relatives'] } },
  // The worst case: "ord1" is the commonest word and, as a prefix (ord1:*), matches every entry.
  { label: 'worst case: ord1 (every entry)', input: { q: 'ord1' } },
];

/**
 * The search before the cap, for comparison: every match ranked, counted by a window over the wide
 * rows, the page's headlines (the statement of search-queries.ts before #14's last point).
 */
async function before(db: Queryable, input: Omit<SearchInput, 'limit' | 'offset'>): Promise<number> {
  const words = queryWords(input.q);
  const variants = await variantsOf(db, words);
  const filters = [
    input.operatingAreas ?? null,
    input.targetGroups ?? null,
    input.minEvidence ? atLeast(input.minEvidence) : null,
    null,
  ];
  const where = `($2::text[] IS NULL OR s.operating_areas && $2::text[])
    AND ($3::text[] IS NULL OR s.target_groups && $3::text[])
    AND ($4::text[] IS NULL OR s.evidence = ANY($4::text[])) AND ($5::text[] IS NULL OR s.kind = ANY($5::text[]))`;
  const sql =
    words.length === 0
      ? `SELECT ${SUMMARY_COLUMNS}, count(*) OVER () AS total FROM library_search s
          WHERE $1::text IS NULL AND ${where} ORDER BY s.title, s.entry_id LIMIT 20`
      : `WITH query AS (SELECT to_tsquery('swedish', $1) AS tsq),
         hits AS (
           SELECT s.*, ts_rank(s.document, query.tsq) AS rank, count(*) OVER () AS total
             FROM library_search s, query
            WHERE s.document @@ query.tsq AND ${where}
            ORDER BY rank DESC, s.title, s.entry_id LIMIT 20)
         SELECT ${SUMMARY_COLUMNS}, s.rank, s.total, ts_headline('swedish', s.summary, query.tsq,
                'MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2') AS headline
           FROM hits s, query ORDER BY s.rank DESC, s.title, s.entry_id`;
  const tsq = words.length === 0 ? null : tsQueryText(words, variants);
  const { rows } = await db.query<{ total: number }>(sql, [tsq, ...filters]);
  return Number(rows[0]?.total ?? 0);
}

// The columns the search answers with (search-queries.ts), so that both return the same rows.
const SUMMARY_COLUMNS = `s.entry_id, s.slug, s.kind, s.title, s.summary, s.ksi_code, s.instrument_id, s.target_groups,
  s.operating_areas, s.problems, s.evidence, s.outcome_indicators, s.municipality_code, s.is_sample, s.last_reviewed,
  s.review_due`;

const fmt = (xs: number[], p: number) => percentile(xs, p).toFixed(1).padStart(8);

async function main(): Promise<void> {
  const b = await openBenchDb({ demo: false });
  try {
    const items = generated(entries);
    const write = await timed(async () => {
      for (let i = 0; i < items.length; i += BATCH)
        await importPublished(b.db, systemActor(new Date()), items.slice(i, i + BATCH));
    });
    await b.db.query('ANALYZE library_search');
    await b.db.query('ANALYZE library_word');
    const words = (await b.db.query<{ n: number }>('SELECT count(*)::int AS n FROM library_word')).rows[0]?.n;
    console.log(
      `${b.label}: ${entries} entries written in ${(write.ms / 1000).toFixed(1)} s; vocabulary ${words} words`,
    );
    const today = new Date().toISOString().slice(0, 10);
    const all = { before: [] as number[], after: [] as number[] };
    console.log(
      `query                                  hits before p50/p95 ms   after hits  p50/p95 ms   (${samples} samples each)`,
    );
    for (const { label, input } of QUERIES) {
      const times = { before: [] as number[], after: [] as number[] };
      let totals = { before: 0, after: '' };
      const after = () => search(b.db, { ...input, limit: 20, offset: 0 }, today);
      for (let i = 0; i < 3; i++) await Promise.all([before(b.db, input), after()]); // warm up
      for (let i = 0; i < samples; i++) {
        const first = await timed(() => before(b.db, input));
        const second = await timed(after);
        times.before.push(first.ms);
        times.after.push(second.ms);
        totals = {
          before: first.value,
          after: `${second.value.totalCapped ? '>' : ''}${second.value.total}`,
        };
      }
      for (const k of ['before', 'after'] as const) {
        times[k].sort((x, y) => x - y);
        all[k].push(...times[k]);
      }
      console.log(
        `${label.padEnd(36)} ${String(totals.before).padStart(6)} ${fmt(times.before, 50)} ${fmt(times.before, 95)}` +
          `   ${totals.after.padStart(6)} ${fmt(times.after, 50)} ${fmt(times.after, 95)}`,
      );
    }
    for (const k of ['before', 'after'] as const) {
      all[k].sort((x, y) => x - y);
      console.log(`all queries, ${k}: p50 ${fmt(all[k], 50)} ms, p95 ${fmt(all[k], 95)} ms`);
    }
  } finally {
    if (!process.env['KEEP_BENCH_DB']) await b.close();
  }
}

await main();
