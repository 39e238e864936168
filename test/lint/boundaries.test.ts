import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { projectRoot } from '../../src/config/paths.js';

/**
 * The layer boundaries of eslint.config.js, run on probe imports without type information: each
 * layer is refused what it must not import and keeps what it may.
 */
const { default: config } = (await import(
  pathToFileURL(path.join(projectRoot(), 'eslint.config.js')).href
)) as {
  default: Linter.Config[];
};
const boundaries = config.filter((c) => c.rules && 'no-restricted-imports' in c.rules);
const linter = new Linter({ configType: 'flat' });

function refused(file: string, source: string): boolean {
  const messages = linter.verify(
    `import '${source}';\n`,
    [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } }, ...boundaries],
    { filename: path.join(projectRoot(), file) },
  );
  assert.deepEqual(
    messages.filter((m) => m.ruleId !== 'no-restricted-imports'),
    [],
  );
  return messages.length > 0;
}

describe('layer boundaries (eslint.config.js)', () => {
  it('keeps I/O, the server and the web out of the domain', () => {
    for (const source of ['node:fs', 'fs', 'node:child_process', 'pg', '@electric-sql/pglite', 'fastify'])
      assert.ok(refused('src/domain/org/probe.ts', source), source);
    for (const source of ['../../modules/org/service.js', '../../db/db.js', '../../web/api.js'])
      assert.ok(refused('src/domain/org/probe.ts', source), source);
    for (const source of ['node:crypto', 'zod', '../errors.js', './validity.js'])
      assert.ok(!refused('src/domain/org/probe.ts', source), source);
    assert.ok(!refused('src/domain/org/probe.test.ts', 'node:fs'), 'tests may read fixtures');
  });

  it('lets the web import from the server side only contracts and the domain', () => {
    for (const source of [
      '../../../modules/org/queries.js',
      '../../db/db',
      '../../../cli/run',
      'node:fs',
      'pg',
    ])
      assert.ok(refused('src/web/pages/org/probe.tsx', source), source);
    for (const source of ['../../../contracts/org', '../../../domain/policy/policy', 'react', '../../api'])
      assert.ok(!refused('src/web/pages/org/probe.tsx', source), source);
  });

  it('lets contracts import only zod, each other and the domain', () => {
    for (const source of ['../modules/org/queries.js', '../server/problem.js', 'fastify', 'node:fs', 'react'])
      assert.ok(refused('src/contracts/probe.ts', source), source);
    for (const source of ['zod', './org.js', '../domain/errors.js'])
      assert.ok(!refused('src/contracts/probe.ts', source), source);
  });
});
