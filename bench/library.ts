/**
 * npm run bench:library [-- --entries 10000 --samples 200]
 *
 * Search latency of the knowledge library on the engine the environment names (PGlite by default,
 * DATABASE_URL for a server): N generated published entries (written through the library's own
 * writer, importPublished, in batches), then each query of a fixed mix run `samples` times
 * through the same function the API calls (vocabulary look-up for similar words + ranked
 * Swedish full-text search with headlines, 20 hits). Reports p50/p95 per query and over all.
 * Goal: p95 under 50 ms on the embedded engine at 10,000 entries.
 */
import { search, type SearchInput } from '../src/modules/library/reads.js';
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
    const all: number[] = [];
    console.log(`query                                   hits   p50 ms   p95 ms   (${samples} samples each)`);
    for (const { label, input } of QUERIES) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 3; i++) await search(b.db, { ...input, limit: 20, offset: 0 }, today); // warm up
      for (let i = 0; i < samples; i++) {
        const { ms, value } = await timed(() => search(b.db, { ...input, limit: 20, offset: 0 }, today));
        times.push(ms);
        total = value.total;
      }
      times.sort((x, y) => x - y);
      all.push(...times);
      console.log(
        `${label.padEnd(38)} ${String(total).padStart(5)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)}`,
      );
    }
    all.sort((x, y) => x - y);
    console.log(
      `all queries: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms`,
    );
  } finally {
    if (!process.env['KEEP_BENCH_DB']) await b.close();
  }
}

await main();
