import { StringDecoder } from 'node:string_decoder';
import { JsonArrayError, JsonArrayReader } from '../../../domain/imports/json-array.js';
import { FileFormatError, type ReadInfo, type SourceItem } from './source.js';

/**
 * JSON, streamed: an array of objects with the same names as the CSV columns (or a nested `data`
 * object). JSON is UTF-8 (RFC 8259); a byte order mark is skipped.
 */
export async function* jsonItems(input: AsyncIterable<Buffer>, info: ReadInfo): AsyncGenerator<SourceItem> {
  info.encoding = 'utf-8';
  const decoder = new StringDecoder('utf8');
  const reader = new JsonArrayReader();
  let row = 0;
  const records = function* (elements: ReturnType<JsonArrayReader['push']>): Generator<SourceItem> {
    for (const e of elements) {
      row++;
      if (typeof e.value !== 'object' || e.value === null || Array.isArray(e.value)) {
        const message = 'must be an object';
        yield { type: 'bad', issue: { row, line: e.line, column: '(row)', rule: 'object', message } };
      } else yield { type: 'record', record: { row, line: e.line, cells: e.value } };
    }
  };
  try {
    for await (const chunk of input) yield* records(reader.push(decoder.write(chunk)));
    yield* records(reader.push(decoder.end()));
    reader.end();
  } catch (err) {
    if (err instanceof JsonArrayError) throw new FileFormatError('json_syntax', err.message, err.line);
    throw err;
  }
}
