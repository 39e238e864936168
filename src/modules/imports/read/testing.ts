import zlib from 'node:zlib';
import { xlsxFile, type SampleRow } from '../testing.js';

/** Hand-written zip files for the readers' tests (issue #18, item 6). */
export interface Entry {
  name: string;
  data: Buffer;
  /** The uncompressed size the headers claim. */
  declared?: number;
}

/** The entries of a zip, read through its central directory (test helper; no zip64). */
export function unzip(zip: Buffer): Entry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  const out: Entry[] = [];
  for (let at = zip.readUInt32LE(eocd + 16), n = 0; n < count; n++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    out.push({ name, data: method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

/** A zip of deflated entries whose headers declare `declared` (or the true size). */
export function zip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = zlib.deflateRawSync(e.data);
    const size = e.declared ?? e.data.length;
    const crc = zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * A workbook of the rows with one more shared string of 65 MiB (deflated: about 65 KB) whose
 * local header and central directory both declare 200 bytes.
 */
export async function lyingWorkbook(rows: readonly SampleRow[]): Promise<Buffer> {
  const entries = unzip(await xlsxFile(rows));
  const shared = entries.find((e) => e.name === 'xl/sharedStrings.xml');
  if (!shared) throw new Error('the workbook keeps no shared strings');
  const padding = `<si><t>${'a'.repeat(65 * 1024 * 1024)}</t></si></sst>`;
  shared.data = Buffer.from(shared.data.toString('utf8').replace('</sst>', padding), 'utf8');
  shared.declared = 200;
  return zip(entries);
}
