/**
 * Search-query shaping: turns what a person typed into words the database can match, and the
 * database's headline back into safe text segments. Pure; the SQL lives in the module.
 *
 * Matching (src/modules/library/search-queries.ts): each word matches as a Swedish stem with
 * prefix (`äldre` → `äldr:*`, finds "äldres"), OR as any word of the library's vocabulary that is
 * similar to it by trigrams (typos: "fallprevntion"; and compounds whose stems differ:
 * "fallprevention" ~ "fallpreventiva"). Words are ANDed.
 */
export const MAX_QUERY_WORDS = 8;
export const MIN_WORD_LENGTH = 2;
/** Words shorter than this get no trigram variants (too many false friends). */
export const MIN_FUZZY_LENGTH = 4;
/** Variants per word from the vocabulary, most similar first. */
export const MAX_VARIANTS = 6;

/** Lower-case letters and digits only, split on anything else; duplicates and 1-letter words dropped. */
export function queryWords(text: string): string[] {
  const words = text
    .normalize('NFC')
    .toLocaleLowerCase('sv-SE')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= MIN_WORD_LENGTH && w.length <= 60);
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

/** The words a document contributes to the vocabulary (for trigram variants). */
export function vocabularyWords(text: string): string[] {
  return [
    ...new Set(
      text
        .normalize('NFC')
        .toLocaleLowerCase('sv-SE')
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length >= MIN_FUZZY_LENGTH && w.length <= 60 && !/^\p{N}+$/u.test(w)),
    ),
  ].sort();
}

/**
 * Search ranks at most this many matches (plus those matching in the title): a word in nearly every
 * entry would otherwise rank the whole library on every query. Above it the total is shown as
 * "över 1 000 träffar" (SearchResult.totalCapped).
 */
export const SEARCH_CAP = 1000;

/**
 * The to_tsquery text (run with the 'swedish' configuration, which stems each operand):
 * `(w:* | variant | …) & (…)`. Words are letters and digits only, so nothing in them is an operator.
 */
export function tsQueryText(
  words: readonly string[],
  variants: ReadonlyMap<string, readonly string[]>,
): string {
  return words
    .map((w) => {
      const alts = [
        `${w}:*`,
        ...(variants.get(w) ?? []).filter((v) => v !== w && /^[\p{L}\p{N}]+$/u.test(v)),
      ];
      return alts.length === 1 ? alts[0] : `(${alts.join(' | ')})`;
    })
    .join(' & ');
}

/** Marks the database's ts_headline puts around hits: control characters no text contains. */
export const HIT_START = '\u0002';
export const HIT_STOP = '\u0003';

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Splits a headline into plain and highlighted parts; the web renders them as text and <mark>. */
export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = headline;
  while (rest.length > 0) {
    const start = rest.indexOf(HIT_START);
    if (start < 0) {
      parts.push({ text: rest.replaceAll(HIT_STOP, ''), hit: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start).replaceAll(HIT_STOP, ''), hit: false });
    const stop = rest.indexOf(HIT_STOP, start + 1);
    const end = stop < 0 ? rest.length : stop;
    const hit = rest.slice(start + 1, end);
    if (hit) parts.push({ text: hit, hit: true });
    rest = stop < 0 ? '' : rest.slice(stop + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

/** A URL-safe slug from a title: "Fallförebyggande träning" → "fallforebyggande-traning". */
export function slugOf(title: string): string {
  const s = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return s || 'post';
}
