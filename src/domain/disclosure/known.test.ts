import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { protectAgainstKnown } from './known.js';
import { suppress } from './suppress.js';
import { verifyTable } from './verify.js';
import type { CountCell } from './table.js';

// Nation ⊃ region R ⊃ municipality M ⊃ units A (the caller's, 4/4 women) and B (1/1 woman), and
// a second municipality N with one unit C, so the region and nation are published.
const parents = new Map<string, string | null>([
  ['nation', null],
  ['R', 'nation'],
  ['M', 'R'],
  ['N', 'R'],
  ['A', 'M'],
  ['B', 'M'],
  ['C', 'N'],
]);
const counts: Record<string, [K: number, M: number]> = {
  A: [4, 0],
  B: [1, 0],
  C: [20, 20],
  M: [5, 0],
  N: [20, 20],
  R: [25, 20],
  nation: [25, 20],
};
const cells: CountCell[] = Object.entries(counts).flatMap(([node, [k, m]]) => [
  { node, sex: 'K' as const, numerator: k, denominator: k },
  { node, sex: 'M' as const, numerator: m, denominator: m },
  { node, sex: 'T' as const, numerator: k + m, denominator: k + m },
]);

describe('a caller who knows some cells', () => {
  it('hides from that caller what their own cells would give away, and nothing is then recoverable', () => {
    const published = suppress(parents, cells, { threshold: 5 });
    const hiddenPublicly = new Set(published.cells.flatMap((c, i) => (c.status === '..' ? [i] : [])));
    const index = (node: string, sex: string) => cells.findIndex((c) => c.node === node && c.sex === sex);
    const known = new Set(['K', 'M', 'T'].map((s) => index('A', s)));

    // The public table alone protects B, but A (known to the caller) plus M give B away.
    const naive = verifyTable(
      parents,
      cells.map((c, i) => ({ ...c, value: hiddenPublicly.has(i) && !known.has(i) ? '..' : c.numerator })),
    );
    assert.ok(
      naive.determined.some((d) => d.cell.node === 'B'),
      'without the caller pattern B falls out',
    );

    const pattern = protectAgainstKnown(parents, cells, hiddenPublicly, known);
    assert.ok(pattern.extra.length > 0);
    const verdict = verifyTable(
      parents,
      cells.map((c, i) => ({ ...c, value: pattern.hidden.has(i) ? '..' : c.numerator })),
    );
    assert.deepEqual(
      verdict.determined.map((d) => `${d.cell.node}/${d.cell.sex}`),
      [],
    );
    for (const k of known) assert.ok(!pattern.hidden.has(k), 'known cells are never hidden from their owner');
  });

  it('adds nothing for a caller who knows nothing', () => {
    const published = suppress(parents, cells, { threshold: 5 });
    const hidden = new Set(published.cells.flatMap((c, i) => (c.status === '..' ? [i] : [])));
    assert.deepEqual(protectAgainstKnown(parents, cells, hidden, new Set()).extra, []);
  });
});
