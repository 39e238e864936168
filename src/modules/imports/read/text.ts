import { StringDecoder } from 'node:string_decoder';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { FileFormatError } from './source.js';

/**
 * Bytes → text for CSV and JSON files. The encoding is decided once from exactly the first 64 KiB
 * (however the upload arrived in chunks, so a dry run and the import decide alike): a byte order
 * mark, else text that decodes as UTF-8 without errors, else what chardet guesses among
 * single-byte European encodings (Swedish files from older Windows systems are Windows-1252;
 * ISO-8859-1 guesses are read as Windows-1252, its superset in practice).
 *
 * Nothing is ever replaced: a byte sequence invalid in the chosen encoding (which decodes to
 * U+FFFD), a U+FFFD in the file itself, or a NUL character stops the file with a FileFormatError
 * naming the line. A file full of NUL bytes is UTF-16 or UTF-32 without a byte order mark.
 */
export const SAMPLE_BYTES = 64 * 1024;

export interface TextDecoderLike {
  write(chunk: Buffer): string;
  end(): string;
}

/**
 * Reads exactly the first `bytes` of the input (fewer only when it ends first), and what of the
 * last chunk read lies beyond them.
 */
export async function readHead(
  it: AsyncIterator<Buffer>,
  bytes: number,
): Promise<{ head: Buffer; rest: Buffer | null }> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < bytes) {
    const next = await it.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    parts.push(chunk);
    size += chunk.length;
  }
  const all = Buffer.concat(parts);
  if (all.length <= bytes) return { head: all, rest: null };
  return { head: all.subarray(0, bytes), rest: all.subarray(bytes) };
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
  if (sample[0] === 0xff && sample[1] === 0xfe && sample[2] === 0 && sample[3] === 0) return 'utf-32le';
  if (sample[0] === 0 && sample[1] === 0 && sample[2] === 0xfe && sample[3] === 0xff) return 'utf-32be';
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

/** Whether a sample without a byte order mark is UTF-16 or UTF-32: text with NUL in many bytes. */
function looksLikeWideText(sample: Buffer): boolean {
  let zeros = 0;
  for (const b of sample) if (b === 0) zeros++;
  return sample.length >= 2 && zeros * 4 >= sample.length;
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const UNWANTED = /[\u0000\uFFFD]/;

/**
 * Counts lines in the decoded text and stops at the first NUL or replacement character, naming
 * its line. Never quotes the text (it may hold a person's name).
 */
class TextGuard {
  private line = 1;
  constructor(private readonly encoding: string) {}
  check(piece: string): string {
    const bad = UNWANTED.exec(piece);
    if (bad) {
      const line = this.line + countNewlines(piece.slice(0, bad.index));
      if (bad[0] === '\u0000') {
        throw new FileFormatError(
          'nul_character',
          `line ${line} holds a NUL character: not a text file`,
          line,
        );
      }
      throw new FileFormatError(
        'invalid_encoding',
        `line ${line} holds bytes that are not valid ${this.encoding}, or a replacement character (U+FFFD)` +
          (this.encoding === 'utf-8'
            ? ': a Windows-1252 file? Send it with content type text/csv; charset=windows-1252 ' +
              '(command line: --charset windows-1252), or save it as UTF-8'
            : ''),
        line,
      );
    }
    this.line += countNewlines(piece);
    return piece;
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
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
  const { head, rest } = await readHead(it, SAMPLE_BYTES);
  const probe = rest ? null : await it.next();
  const complete = rest === null && probe?.done === true;
  const encoding = chooseEncoding(head, complete, charset);
  if (!encoding.startsWith('utf-16') && !encoding.startsWith('utf-32') && looksLikeWideText(head)) {
    throw new FileFormatError(
      'invalid_encoding',
      'the file looks like UTF-16 or UTF-32 without a byte order mark: save it as UTF-8',
      1,
    );
  }
  onEncoding(encoding);
  const decoder = decoderFor(encoding);
  const guard = new TextGuard(encoding);
  let first = decoder.write(head);
  if (first.startsWith('\uFEFF')) first = first.slice(1);
  if (first) yield guard.check(first);
  if (rest) yield guard.check(decoder.write(rest));
  else if (probe && !probe.done) yield guard.check(decoder.write(probe.value));
  if (!complete) {
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const piece = decoder.write(next.value);
      if (piece) yield guard.check(piece);
    }
  }
  const tail = decoder.end();
  if (tail) yield guard.check(tail);
}
