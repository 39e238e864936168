import fs from 'node:fs';
import { FileFormatError } from './source.js';

/**
 * Limits on what an XLSX (a zip) says it unpacks to, read from its central directory before any
 * entry is inflated (PKWARE APPNOTE 4.3.12/4.3.16: each entry's uncompressed size). A 320 KB file
 * whose shared strings unpack to 320 MB would otherwise be inflated and held by ExcelJS (it keeps
 * shared strings in memory). Worksheets are streamed, so they may be larger.
 *
 * What this does not catch: an entry whose declared size is a lie (ExcelJS's unzip inflates what
 * the local data holds). Zip64 sizes (0xFFFFFFFF) are refused as too large.
 */
export const MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024;
export const MAX_ENTRY_BYTES = 1024 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export interface ZipEntrySize {
  name: string;
  uncompressed: number;
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
    const uncompressed = cd.readUInt32LE(at + 24);
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    out.push({ name: cd.toString('utf8', at + 46, at + 46 + nameLength), uncompressed });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Refuses a workbook that would unpack to more than the limits above. */
export function checkUnpackedSizes(entries: readonly ZipEntrySize[]): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressed;
    const limit = /(^|\/)sharedStrings\.xml$/i.test(e.name) ? MAX_SHARED_STRINGS_BYTES : MAX_ENTRY_BYTES;
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
