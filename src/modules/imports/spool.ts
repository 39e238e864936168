import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { byteCounter } from './read/index.js';

/**
 * Receives a file to a private temporary file, for imports that answer before they end. The file
 * holds personal identity numbers: it is created readable by its owner only and unlinked as soon
 * as it is open again for reading, so nothing is left on disk even if the process dies.
 */
export async function spoolToFile(
  input: Readable,
  limitBytes: number,
): Promise<{ stream: fs.ReadStream; size: number; fd: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-import-'));
  const file = path.join(dir, 'upload');
  let size = 0;
  try {
    await pipeline(
      input,
      byteCounter((n) => (size = n), limitBytes),
      fs.createWriteStream(file, { mode: 0o600 }),
    );
    // Opened before the file is unlinked; the fd also lets a reader look at any part (a zip's end).
    const fd = fs.openSync(file, 'r');
    const stream = fs.createReadStream('', { fd });
    return { stream, size, fd };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
