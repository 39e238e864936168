import { Transform, type Readable } from 'node:stream';
import { csvItems } from './csv.js';
import { jsonItems } from './json.js';
import { FileTooLargeError, type ImportFormat, type ReadInfo, type SourceItem } from './source.js';
import { xlsxItems } from './xlsx.js';

export * from './source.js';

/** One reader per format, all yielding the same items. */
export function readItems(
  format: ImportFormat,
  input: Readable,
  info: ReadInfo,
  charset?: string,
): AsyncGenerator<SourceItem> {
  switch (format) {
    case 'csv':
      return csvItems(input, charset, info);
    case 'xlsx':
      return xlsxItems(input);
    case 'json':
      return jsonItems(input, info);
  }
}

/**
 * Counts the bytes flowing through (for the progress bar's percentage) and stops the file at
 * `limitBytes`: a pass-through body gets no limit from Fastify, so the import enforces its own.
 */
export function byteCounter(onBytes: (total: number) => void, limitBytes: number): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > limitBytes) return done(new FileTooLargeError(limitBytes));
      onBytes(total);
      done(null, chunk);
    },
  });
}
