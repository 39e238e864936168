import { StringDecoder } from 'node:string_decoder';
import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Bytes → text for CSV and JSON files. The encoding is decided once from the first 64 KiB: a
 * UTF-8 byte order mark, else text that decodes as UTF-8 without errors, else what chardet
 * guesses among single-byte European encodings (Swedish files from older Windows systems are
 * Windows-1252; ISO-8859-1 guesses are read as Windows-1252, its superset in practice).
 */
export const SAMPLE_BYTES = 64 * 1024;

export interface TextDecoderLike {
  write(chunk: Buffer): string;
  end(): string;
}

/** Reads from the iterator until at least `bytes` are collected or the input ends. */
export async function readHead(it: AsyncIterator<Buffer>, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < bytes) {
    const next = await it.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    parts.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(parts);
}

function isUtf8(sample: Buffer, complete: boolean): boolean {
  // A sample cut mid-file may end inside a character: drop up to three trailing bytes.
  for (let cut = 0; cut <= (complete ? 0 : 3); cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return true;
    } catch {
      // try a shorter sample
    }
  }
  return false;
}

const WINDOWS_1252_LIKE = new Set(['iso-8859-1', 'iso-8859-15', 'windows-1252']);

/** The encoding to read a file in: an explicit charset wins when iconv knows it. */
export function chooseEncoding(sample: Buffer, complete: boolean, charset?: string): string {
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset))
    return WINDOWS_1252_LIKE.has(charset) ? 'windows-1252' : charset;
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (charset || isUtf8(sample, complete)) return 'utf-8';
  // Only single-byte Western and Central European guesses: on short samples chardet also
  // proposes East Asian encodings, which Swedish systems do not write.
  const guess = chardet
    .analyse(sample)
    .map((m) => m.name.toLowerCase())
    .find((name) => /^(iso-8859-\d+|windows-125\d)$/.test(name) && iconv.encodingExists(name));
  return !guess || WINDOWS_1252_LIKE.has(guess) ? 'windows-1252' : guess;
}

export function decoderFor(encoding: string): TextDecoderLike {
  if (encoding === 'utf-8') {
    const d = new StringDecoder('utf8');
    return { write: (b) => d.write(b), end: () => d.end() };
  }
  const d = iconv.getDecoder(encoding);
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

/**
 * The whole input as text pieces, decoded in the chosen encoding, without a byte order mark.
 * Calls `onEncoding` once the encoding is known (before the first piece).
 */
export async function* decodedText(
  input: AsyncIterable<Buffer>,
  charset: string | undefined,
  onEncoding: (encoding: string) => void,
): AsyncGenerator<string> {
  const it = input[Symbol.asyncIterator]();
  const head = await readHead(it, SAMPLE_BYTES);
  const probe = await it.next();
  const complete = probe.done === true;
  const encoding = chooseEncoding(head, complete, charset);
  onEncoding(encoding);
  const decoder = decoderFor(encoding);
  let first = decoder.write(head);
  if (first.startsWith('\uFEFF')) first = first.slice(1);
  if (first) yield first;
  if (!complete) {
    yield decoder.write(probe.value);
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const piece = decoder.write(next.value);
      if (piece) yield piece;
    }
  }
  const tail = decoder.end();
  if (tail) yield tail;
}
