import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { projectRoot } from '../../config/paths.js';
import { checkHeader } from '../../domain/imports/row.js';
import { checkRecord } from './check.js';
import { readItems, type ImportFormat } from './read/index.js';

/** The examples in the imports README's "Import formats" section are files the import accepts. */
function examples(): Array<[ImportFormat, string]> {
  const readme = fs.readFileSync(path.join(projectRoot(), 'src/modules/imports/README.md'), 'utf8');
  const start = readme.indexOf('## Importformat / Import formats');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 10));
  return [...section.matchAll(/```(csv|json)\n([\s\S]*?)```/g)].map((m) => [
    m[1] as ImportFormat,
    m[2] ?? '',
  ]);
}

describe('the README import examples', () => {
  it('read and check without a single bad row', async () => {
    const found = examples();
    assert.deepEqual(
      found.map(([format]) => format),
      ['csv', 'json'],
    );
    for (const [format, text] of found) {
      let records = 0;
      for await (const item of readItems(format, Readable.from([Buffer.from(text)]), {})) {
        if (item.type === 'header') assert.deepEqual(checkHeader('senior_alert', item.columns), []);
        assert.notEqual(item.type, 'bad');
        if (item.type !== 'record') continue;
        records++;
        const checked = checkRecord(item.record, {
          register: 'senior_alert',
          today: '2025-01-15',
          key: Buffer.from('readme-example-key-0123456789abcdef'),
          checkColumns: format === 'json',
        });
        assert.ok(checked.ok, JSON.stringify(checked));
      }
      assert.ok(records >= 2, format);
    }
  });
});
