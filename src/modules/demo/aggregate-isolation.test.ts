import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config/paths.js';
import { INDICATOR_CATALOGUE } from '../../domain/indicators/catalogue.js';
import { parseIndicatorDefinitions } from '../../domain/indicators/definition.js';
import { allCountsSelectSql, flatDialect, postgresDialect } from '../indicators/count-sql.js';

/**
 * Who a pseudonym is stays in person_identity, read only by the persons module's audited lookup.
 * Nothing that counts, rolls up or publishes may touch it: checked over the source of the
 * indicator engine and the SQL it generates (the database plan is checked in demo.int.test.ts).
 */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the identity table stays out of aggregates', () => {
  const roots = ['src/modules/indicators', 'src/domain/indicators', 'src/domain/disclosure'];
  for (const root of roots) {
    it(`is not named anywhere in ${root}`, () => {
      const files = sourceFiles(path.join(projectRoot(), root));
      assert.ok(files.length > 0);
      const naming = files.filter((f) => fs.readFileSync(f, 'utf8').includes('person_identity'));
      assert.deepEqual(naming, []);
    });
  }

  it('is not in the counting SQL generated from the shipped definitions, for either dialect', () => {
    const parsed = parseIndicatorDefinitions(INDICATOR_CATALOGUE);
    assert.ok(parsed.ok);
    for (const dialect of [postgresDialect, flatDialect('facts')]) {
      const sql = allCountsSelectSql(dialect, parsed.definitions);
      assert.match(sql, /FROM/i);
      assert.doesNotMatch(sql, /person_identity|\bperson\s+p\b|JOIN\s+person\b/i);
    }
  });
});
