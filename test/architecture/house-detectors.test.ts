import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { projectRoot } from '../../src/config/paths.js';
import { foreignUsesIn, type SourceFile, sourceFiles, tablesReadBy, viewsCreatedBy } from './house.js';

/** The house test's read detectors, case by case: what they must find and what they must let be. */
describe('the house detectors', () => {
  it('finds the relations SQL reads: after FROM, JOIN, USING and in comma lists', () => {
    const cases: Array<[string, string[]]> = [
      ['SELECT 1 FROM person p JOIN ONLY org_unit u ON true LEFT JOIN x_y z', ['org_unit', 'person', 'x_y']],
      ['SELECT * FROM a x, b AS y, only c WHERE x.n IN (1, 2)', ['a', 'b', 'c']],
      ['SELECT * FROM public.org_unit, "org_region" r', ['org_region', 'org_unit']],
      ['SELECT * FROM a ORDER BY x, y', ['a']],
      ['SELECT * FROM a GROUP BY x, y', ['a']],
      ['SELECT * FROM a t\n  WHERE t.n = 1', ['a']],
      ['SELECT * FROM a JOIN LATERAL (SELECT name FROM b ORDER BY n LIMIT 1) l ON true', ['a', 'b']],
      ['DELETE FROM a USING b WHERE a.id = b.id', ['a', 'b']],
      ['SELECT * FROM a JOIN b USING (id)', ['a', 'b']],
      ['SELECT * FROM org_units_during($1, $2)', ['org_units_during']],
      ['SELECT * FROM ${table}', []],
      ["import { a } from '../org/reads.js';", []],
    ];
    for (const [sql, tables] of cases) assert.deepEqual(tablesReadBy(sql), tables, sql);
    assert.deepEqual(viewsCreatedBy('CREATE VIEW a AS SELECT 1;\ncreate or replace view B AS SELECT 2'), [
      'a',
      'b',
    ]);
  });

  it("flags reads of another module's tables, never of its views, and writes of either", () => {
    const migrations: SourceFile[] = [
      { path: 'src/modules/org/sql/0001_org.sql', text: 'CREATE TABLE org_unit (id uuid);' },
      {
        path: 'src/modules/org/sql/0220_reads.sql',
        text: 'CREATE VIEW org_units AS SELECT id FROM org_unit;',
      },
      {
        path: 'src/modules/audit/sql/0020_log.sql',
        text: 'CREATE TABLE audit_log (seq bigint);\nCREATE VIEW audit_heads AS SELECT 1',
      },
    ];
    const file = (path: string, text: string): SourceFile => ({ path, text });
    const reads = (...r: string[]) => ({ writes: [], reads: r });
    const cases: Array<[string, SourceFile, { writes: string[]; reads: string[] }]> = [
      ['the owner reads its table', file('src/modules/org/queries.ts', 'SELECT id FROM org_unit'), reads()],
      ['another module reads a view', file('src/modules/opendata/q.ts', 'SELECT id FROM org_units'), reads()],
      [
        'another module reads a table',
        file('src/modules/opendata/q.ts', 'SELECT 1 FROM org_units v JOIN org_unit u ON true'),
        reads('src/modules/opendata/q.ts reads org_unit (owned by org)'),
      ],
      [
        'a table in a comma list',
        file('src/modules/identity/q.ts', 'SELECT 1 FROM org_units, audit_log'),
        reads('src/modules/identity/q.ts reads audit_log (owned by audit)'),
      ],
      [
        'code outside the modules',
        file('src/cli/move.ts', 'SELECT count(*) FROM audit_log'),
        reads('src/cli/move.ts reads audit_log (owned by audit)'),
      ],
      [
        'a migration of another module is not code that reads',
        file('src/modules/persons/sql/0025_x.sql', 'SELECT 1 FROM org_unit'),
        reads(),
      ],
      [
        'a write through a view',
        file('src/modules/system/q.ts', 'UPDATE audit_heads SET x = 1'),
        { writes: ['src/modules/system/q.ts writes audit_heads (owned by audit)'], reads: [] },
      ],
      [
        'a delete both writes and reads',
        file('src/modules/system/q.ts', 'DELETE FROM org_unit'),
        {
          writes: ['src/modules/system/q.ts writes org_unit (owned by org)'],
          reads: ['src/modules/system/q.ts reads org_unit (owned by org)'],
        },
      ],
    ];
    for (const [what, source, expected] of cases)
      assert.deepEqual(foreignUsesIn([...migrations, source]), expected, what);
  });

  it('hands the detectors migrations and production code, never tests or test helpers', () => {
    const files = sourceFiles(projectRoot()).map((f) => f.path);
    assert.ok(files.includes('src/modules/org/sql/0220_org_reads.sql'));
    assert.ok(files.includes('src/modules/opendata/queries.ts'));
    assert.deepEqual(
      files.filter((f) => /\.test\.ts$|\/testing\.ts$/.test(f)),
      [],
    );
  });
});
