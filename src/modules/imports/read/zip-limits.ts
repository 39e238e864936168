import fs from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FileFormatError } from './source.js';

/**
 * Limits on what an XLSX (a zip) says it unpacks to, read from its central directory before any
 * entry is inflated (PKWARE APPNOTE 4.3.12/4.3.16: each entry's uncompressed size). A 320 KB file
 * whose shared strings unpack to 320 MB would otherwise be inflated and held by ExcelJS (it keeps
 * shared strings in memory). Worksheets are streamed, so they may be larger.
 *
 * The declared sizes may lie, so `checkInflatedSizes` then inflates every entry once, as a
 * streaming reader meets them (local headers in file order), counting the bytes that actually come
 * out and stopping at the limit. Zip64 sizes (0xFFFFFFFF) are refused as too large.
 */
export const MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024;
export const MAX_ENTRY_BYTES = 1024 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

export interface ZipEntrySize {
  name: string;
  uncompressed: number;
  compressed: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/** The entries and declared sizes of the zip open at `fd` (`size` bytes). */
export function centralDirectory(fd: number, size: number): ZipEntrySize[] {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = Buffer.alloc(tailLength);
  fs.readSync(fd, tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new FileFormatError('xlsx_invalid', 'the file is not a readable XLSX workbook');
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024)
    throw new FileFormatError('xlsx_invalid', 'the file is not a readable XLSX workbook');
  const cd = Buffer.alloc(cdSize);
  fs.readSync(fd, cd, 0, cdSize, cdOffset);
  const out: ZipEntrySize[] = [];
  let at = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL)
      throw new FileFormatError('xlsx_invalid', 'the file is not a readable XLSX workbook');
    const compressed = cd.readUInt32LE(at + 20);
    const uncompressed = cd.readUInt32LE(at + 24);
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const offset = cd.readUInt32LE(at + 42);
    const name = cd.toString('utf8', at + 46, at + 46 + nameLength);
    out.push({ name, uncompressed, compressed, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

const isSharedStrings = (name: string) => /(^|\/)sharedStrings\.xml$/i.test(name);
const mib = (bytes: number) => Math.round(bytes / 1_048_576);

/** Refuses a workbook that says it would unpack to more than the limits above. */
export function checkUnpackedSizes(entries: readonly ZipEntrySize[]): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressed;
    const limit = isSharedStrings(e.name) ? MAX_SHARED_STRINGS_BYTES : MAX_ENTRY_BYTES;
    if (e.uncompressed === 0xffffffff || e.uncompressed > limit || total > MAX_TOTAL_BYTES) {
      throw new FileFormatError(
        'xlsx_too_large',
        `the workbook unpacks to more than it may: ${e.name.slice(0, 100)} would be ` +
          `${Math.round(e.uncompressed / 1_048_576)} MiB (at most ${Math.round(limit / 1_048_576)} MiB` +
          `${limit === MAX_SHARED_STRINGS_BYTES ? ' of shared text' : ''}, ${MAX_TOTAL_BYTES / 1_073_741_824} GiB in all)`,
      );
    }
  }
}

export interface InflateLimits {
  sharedStrings: number;
  entry: number;
  total: number;
}

export const INFLATE_LIMITS: InflateLimits = {
  sharedStrings: MAX_SHARED_STRINGS_BYTES,
  entry: MAX_ENTRY_BYTES,
  total: MAX_TOTAL_BYTES,
};

const invalid = () => new FileFormatError('xlsx_invalid', 'the file is not a readable XLSX workbook');

/** Inflates `length` bytes at `start` of `fd`, counting the output; stops once it passes `cap`. */
async function inflatedBytes(fd: number, start: number, length: number, cap: number): Promise<number> {
  let bytes = 0;
  const over = new Error('over');
  const counter = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > cap ? over : null);
    },
  });
  try {
    const source = fs.createReadStream('', { fd, start, end: start + length - 1, autoClose: false });
    await pipeline(source, zlib.createInflateRaw(), counter);
  } catch (err) {
    if (err !== over) throw invalid(); // a broken or truncated deflate stream
  }
  return bytes;
}

/**
 * Inflates every entry of the zip open at `fd` the way a streaming reader (ExcelJS's unzip) meets
 * them, from the local headers in file order, and refuses the workbook as soon as the bytes that
 * actually come out pass a limit, whatever the headers declare. The deflate stream must end within
 * the entry's compressed bytes (any reader then gets at most what was counted), and the local
 * entries must be exactly those of the central directory (no hidden or overlapping entries).
 */
export async function checkInflatedSizes(
  fd: number,
  size: number,
  entries: readonly ZipEntrySize[],
  limits: InflateLimits = INFLATE_LIMITS,
): Promise<void> {
  const central = new Map(entries.map((e) => [e.offset, e]));
  const walked = new Set<number>();
  const head = Buffer.alloc(30);
  let total = 0;
  for (let at = 0; at + 30 <= size;) {
    fs.readSync(fd, head, 0, 30, at);
    if (head.readUInt32LE(0) !== LOCAL) break; // the central directory begins
    const listed = central.get(at);
    if (!listed || walked.has(at)) throw invalid();
    walked.add(at);
    const flags = head.readUInt16LE(6);
    const method = head.readUInt16LE(8);
    const nameLength = head.readUInt16LE(26);
    const start = at + 30 + nameLength + head.readUInt16LE(28);
    const nameBytes = Buffer.alloc(nameLength);
    fs.readSync(fd, nameBytes, 0, nameLength, at + 30);
    const name = nameBytes.toString('utf8');
    // With bit 3 the sizes follow the data; the central directory holds them.
    const compressed = flags & 8 ? listed.compressed : head.readUInt32LE(18);
    if (compressed === 0xffffffff || start + compressed > size) throw invalid();
    const shared = isSharedStrings(name) || isSharedStrings(listed.name);
    const limit = Math.min(shared ? limits.sharedStrings : limits.entry, limits.total - total);
    const inflated =
      method === 0
        ? compressed
        : method === 8 && compressed > 0
          ? await inflatedBytes(fd, start, compressed, limit)
          : method === 8
            ? 0
            : -1;
    if (inflated < 0) throw invalid(); // a compression method no workbook uses
    if (inflated > limit) {
      const rule = shared ? `${mib(limits.sharedStrings)} MiB of shared text` : `${mib(limits.entry)} MiB`;
      throw new FileFormatError(
        'xlsx_too_large',
        `the workbook unpacks to more than it may: ${name.slice(0, 100)} inflates to more than ` +
          `${mib(limit)} MiB (it declares ${listed.uncompressed} bytes; at most ${rule}, ` +
          `${mib(limits.total)} MiB in all)`,
      );
    }
    total += inflated;
    at = start + compressed;
    if (flags & 8) {
      const sig = Buffer.alloc(4);
      fs.readSync(fd, sig, 0, 4, at);
      at += sig.readUInt32LE(0) === DESCRIPTOR ? 16 : 12;
    }
  }
  if (walked.size !== entries.length) throw invalid();
}
