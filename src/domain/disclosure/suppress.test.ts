import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { suppress } from './suppress.js';
import type { DisclosedCell } from './suppress.js';
import { buildTable } from './testing.js';
import type { LeafCounts } from './testing.js';
import type { CellKey, CountCell, ParentMap } from './table.js';
import { verifyTable } from './verify.js';

const name = (key: CellKey): string => `${key.node}/${key.sex}`;
const names = (keys: readonly CellKey[]): string[] => keys.map(name).sort();
const hiddenNames = (cells: readonly DisclosedCell[]): string[] =>
  names(cells.filter((c) => c.status === '..'));
const total = (node: string, numerator: number, denominator: number): CountCell => ({
  node,
  sex: 'T',
  numerator,
  denominator,
});

function assertSafe(parents: ParentMap, cells: readonly DisclosedCell[]): void {
  for (const table of ['numerator', 'denominator'] as const) {
    const result = verifyTable(
      parents,
      cells.map((c) => ({ node: c.node, sex: c.sex, value: c[table] })),
    );
    assert.deepEqual(
      { ok: result.ok, determined: result.determined.map((d) => name(d.cell)) },
      { ok: true, determined: [] },
    );
  }
}

// One municipality M0 with units A, B, C; totals only, so only the hierarchy relation applies.
const flat: ParentMap = new Map([
  ['M0', null],
  ['A', 'M0'],
  ['B', 'M0'],
  ['C', 'M0'],
]);

describe('suppress: primary suppression at the boundaries', () => {
  // Each unit alone under its own root: no relations, so only primary suppression acts.
  const lone: ParentMap = new Map([['u', null]]);
  const cases: { numerator: number; denominator: number; threshold?: number; hidden: boolean }[] = [
    { numerator: 0, denominator: 0, hidden: false },
    { numerator: 0, denominator: 1, hidden: true },
    { numerator: 0, denominator: 4, hidden: true },
    { numerator: 0, denominator: 5, hidden: false },
    { numerator: 1, denominator: 5, hidden: true },
    { numerator: 4, denominator: 50, hidden: true },
    { numerator: 5, denominator: 50, hidden: false },
    { numerator: 2, denominator: 2, threshold: 3, hidden: true },
    { numerator: 3, denominator: 3, threshold: 3, hidden: false },
    { numerator: 0, denominator: 3, threshold: 3, hidden: false },
  ];
  for (const c of cases) {
    it(`${c.numerator}/${c.denominator} with threshold ${c.threshold ?? 5} → ${c.hidden ? '..' : 'published'}`, () => {
      const options = c.threshold === undefined ? {} : { threshold: c.threshold };
      const [cell] = suppress(lone, [total('u', c.numerator, c.denominator)], options).cells;
      assert.ok(cell);
      if (c.hidden) {
        assert.deepEqual(cell, {
          node: 'u',
          sex: 'T',
          numerator: null,
          denominator: null,
          rate: null,
          status: '..',
          suppression: 'primary',
        });
      } else {
        assert.equal(cell.status, null);
        assert.equal(cell.suppression, 'none');
        assert.equal(cell.numerator, c.numerator);
        assert.equal(cell.denominator, c.denominator);
        assert.equal(cell.rate, c.denominator === 0 ? null : c.numerator / c.denominator);
      }
    });
  }
});

describe('suppress: complementary suppression', () => {
  it('hides the smallest sibling of a single hidden child', () => {
    const cells = [total('M0', 0, 24), total('A', 0, 3), total('B', 0, 12), total('C', 0, 9)];
    const result = suppress(flat, cells);
    assert.deepEqual(names(result.primary), ['A/T']);
    assert.deepEqual(names(result.secondary), ['C/T']);
    assert.deepEqual(
      result.cells.map((c) => [c.node, c.denominator, c.suppression]),
      [
        ['M0', 24, 'none'],
        ['A', null, 'primary'],
        ['B', 12, 'none'],
        ['C', null, 'secondary'],
      ],
    );
    assertSafe(flat, result.cells);
    assert.deepEqual(result.loss.total, {
      cells: 2,
      cellShare: 0.5,
      numeratorSum: 0,
      numeratorShare: 0,
      denominatorSum: 12,
      denominatorShare: 0.25,
    });
    assert.equal(result.loss.primary.denominatorSum, 3);
    assert.equal(result.loss.secondary.denominatorSum, 9);
  });

  it('does not hide an empty cell when a non-empty one will do', () => {
    const cells = [total('M0', 0, 32), total('A', 0, 2), total('B', 0, 0), total('C', 0, 30)];
    const result = suppress(flat, cells);
    assert.deepEqual(names(result.secondary), ['C/T']);
    assert.equal(result.cells[2]?.denominator, 0);
  });

  it('protects a sensitive numerator over a large denominator', () => {
    const cells = [total('M0', 14, 60), total('A', 2, 20), total('B', 6, 15), total('C', 6, 25)];
    const result = suppress(flat, cells);
    assert.deepEqual(names(result.primary), ['A/T']);
    assert.deepEqual(names(result.secondary), ['B/T']); // smallest denominator first
    assertSafe(flat, result.cells);
  });

  it('closes a hidden women’s count across sex and hierarchy into a 2 × 2 pattern', () => {
    const parents: ParentMap = new Map([
      ['M0', null],
      ['A', 'M0'],
      ['B', 'M0'],
    ]);
    const leaves = new Map<string, LeafCounts>([
      ['A', { K: [0, 3], M: [0, 6] }],
      ['B', { K: [0, 8], M: [0, 7] }],
    ]);
    const cells = buildTable(parents, leaves);
    const result = suppress(parents, cells);
    assert.deepEqual(names(result.primary), ['A/K']);
    // A/T = A/K + A/M: A/M (6) is cheaper than A/T (9); M0/K = A/K + B/K: B/K (8) before M0/K (11);
    // then M0/M = A/M + B/M needs B/M (7) before M0/M (13); B/T = B/K + B/M then holds two.
    assert.deepEqual(names(result.secondary), ['A/M', 'B/K', 'B/M']);
    assert.deepEqual(hiddenNames(result.cells), ['A/K', 'A/M', 'B/K', 'B/M']);
    assertSafe(parents, result.cells);
    assert.equal(result.loss.total.denominatorSum, 24);
    assert.equal(result.loss.total.denominatorShare, 24 / 96);
  });

  it('hides a cell in both tables when either count is sensitive', () => {
    const parents: ParentMap = new Map([
      ['M0', null],
      ['A', 'M0'],
      ['B', 'M0'],
    ]);
    // A/M has a sensitive numerator (3) only; its denominator (40) is safe on its own.
    const leaves = new Map<string, LeafCounts>([
      ['A', { K: [10, 30], M: [3, 40] }],
      ['B', { K: [20, 50], M: [12, 60] }],
    ]);
    const cells = buildTable(parents, leaves);
    const result = suppress(parents, cells);
    assert.deepEqual(names(result.primary), ['A/M']);
    const aM = result.cells.find((c) => name(c) === 'A/M');
    assert.deepEqual([aM?.numerator, aM?.denominator, aM?.rate], [null, null, null]);
    assertSafe(parents, result.cells);
  });
});

describe('suppress: input checks', () => {
  it('rejects a table that is not additive', () => {
    const cells = [total('M0', 0, 25), total('A', 0, 3), total('B', 0, 12), total('C', 0, 9)];
    assert.throws(() => suppress(flat, cells), /denominator table is not additive at M0\/T/);
  });

  it('rejects negative or fractional counts and a bad threshold', () => {
    assert.throws(() => suppress(flat, [total('A', -1, 3)]), RangeError);
    assert.throws(() => suppress(flat, [total('A', 0, 2.5)]), RangeError);
    assert.throws(() => suppress(flat, [total('A', 0, 3)], { threshold: 0 }), RangeError);
  });
});
