import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Rational } from './rational.js';
import { deriveRelations, relationCells } from './relations.js';
import { buildTable, randomTable, seededRandom } from './testing.js';
import type { LeafCounts } from './testing.js';
import type { CellKey, CountCell, ParentMap } from './table.js';
import { verifyTable } from './verify.js';
import type { PublishedCell } from './verify.js';

const name = (key: CellKey): string => `${key.node}/${key.sex}`;

/** Publishes the denominators, hiding the named cells. */
function publish(cells: readonly CountCell[], hidden: readonly string[]): PublishedCell[] {
  return cells.map((c) => ({
    node: c.node,
    sex: c.sex,
    value: hidden.includes(name(c)) ? '..' : c.denominator,
  }));
}

// A municipality M0 with units A and B; denominators only (numerators 0).
const parents: ParentMap = new Map([
  ['M0', null],
  ['A', 'M0'],
  ['B', 'M0'],
]);
const leaves = new Map<string, LeafCounts>([
  ['A', { K: [0, 3], M: [0, 2] }],
  ['B', { K: [0, 4], M: [0, 10] }],
]);
const cells = buildTable(parents, leaves); // A 5 = 3 + 2, B 14 = 4 + 10, M0 19 = 7 + 12

describe('verifyTable on hand-built tables', () => {
  it('passes the 2 × 2 pattern (A/K, A/M, B/K, B/M hidden)', () => {
    const result = verifyTable(parents, publish(cells, ['A/K', 'A/M', 'B/K', 'B/M']));
    assert.deepEqual(result, { ok: true, consistent: true, determined: [] });
  });

  it('recovers a single hidden child from its parent and siblings', () => {
    const result = verifyTable(parents, publish(cells, ['A/K']));
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.determined.map((d) => [name(d.cell), d.value.toString()]),
      [['A/K', '3']],
    );
  });

  it('recovers a cell only through a chain of a sex relation and the hierarchy', () => {
    // A/K sits in A/T = A/K + A/M and M0/K = A/K + B/K, each with two hidden cells, yet
    // B/K = B/T − B/M = 4 and then A/K = M0/K − B/K = 3.
    const result = verifyTable(parents, publish(cells, ['A/K', 'A/M', 'B/K']));
    const aK = result.determined.find((d) => name(d.cell) === 'A/K');
    assert.ok(aK, 'A/K must be reported');
    assert.equal(aK.value.toString(), '3');
    const proof = new Map(aK.from.map((f) => [name(f.cell), f.coefficient.toString()]));
    assert.deepEqual(Object.fromEntries(proof), { 'M0/K': '1', 'B/T': '-1', 'B/M': '1' });
    assert.deepEqual(result.determined.map((d) => [name(d.cell), d.value.toNumber()]).sort(), [
      ['A/K', 3],
      ['A/M', 2],
      ['B/K', 4],
    ]);
  });

  it('finds a planted recoverable cell with its exact value', () => {
    // Hiding both units whole is safe; publishing B/K again (planted) gives A/K = M0/K − B/K,
    // while the other four hidden cells keep one degree of freedom.
    assert.ok(verifyTable(parents, publish(cells, ['B/T', 'B/K', 'B/M', 'A/T', 'A/K', 'A/M'])).ok);
    const planted = verifyTable(parents, publish(cells, ['B/T', 'B/M', 'A/T', 'A/K', 'A/M']));
    assert.equal(planted.ok, false);
    const values = Object.fromEntries(planted.determined.map((d) => [name(d.cell), d.value.toString()]));
    assert.deepEqual(values, { 'A/K': '3' });
  });

  it('accepts null as well as ".." for hidden cells', () => {
    const withNull = publish(cells, ['A/K']).map((c) => (c.value === '..' ? { ...c, value: null } : c));
    assert.equal(verifyTable(parents, withNull).determined.length, 1);
  });

  it('reports published values that break a relation', () => {
    const broken = publish(cells, ['A/K', 'A/M', 'B/K', 'B/M']).map((c) =>
      name(c) === 'M0/T' ? { ...c, value: 20 } : c,
    );
    const result = verifyTable(parents, broken);
    assert.equal(result.consistent, false);
    assert.equal(result.ok, false);
  });
});

/** Rank over the rationals of a dense matrix, by plain Gaussian elimination. */
function rank(matrix: Rational[][]): number {
  const rows = matrix.map((r) => [...r]);
  let r = 0;
  for (let c = 0; c < (rows[0]?.length ?? 0) && r < rows.length; c++) {
    const p = rows.findIndex((row, i) => i >= r && !(row[c] as Rational).isZero());
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p] as Rational[], rows[r] as Rational[]];
    const pivot = rows[r] as Rational[];
    for (let i = r + 1; i < rows.length; i++) {
      const row = rows[i] as Rational[];
      const f = (row[c] as Rational).div(pivot[c] as Rational);
      if (!f.isZero())
        for (let j = c; j < row.length; j++) row[j] = (row[j] as Rational).sub(f.mul(pivot[j] as Rational));
    }
    r++;
  }
  return r;
}

describe('verifyTable against an independent rank test', () => {
  it('agrees on 400 random patterns and recovers the true values', () => {
    // x is determined iff every solution of the homogeneous system has x = 0, i.e. iff
    // rank(A without column x) = rank(A) − 1, where A holds the relations over the hidden cells.
    let leaks = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const rng = seededRandom(seed);
      const table = randomTable(rng, {
        regions: [1, 2],
        municipalities: [1, 2],
        units: [0, 3],
        dropEmpty: 0.5,
      });
      const density = 0.1 + 0.6 * rng.next();
      const hidden = table.cells.filter(() => rng.next() < density).map(name);
      const result = verifyTable(table.parents, publish(table.cells, hidden));

      const relations = deriveRelations(table.parents, table.cells);
      const columns = table.cells.map((c, i) => (hidden.includes(name(c)) ? i : -1)).filter((i) => i >= 0);
      const matrix = relations.map((r) =>
        columns.map((c) =>
          r.total === c ? Rational.ONE : r.parts.includes(c) ? Rational.MINUS_ONE : Rational.ZERO,
        ),
      );
      assert.ok(relations.every((r) => relationCells(r).length >= 2));
      const full = rank(matrix);
      const expected = columns
        .filter((_, j) => rank(matrix.map((row) => row.filter((__, k) => k !== j))) === full - 1)
        .map((i) => name(table.cells[i] as CountCell))
        .sort();
      assert.deepEqual(result.determined.map((d) => name(d.cell)).sort(), expected, `seed ${seed}`);
      for (const d of result.determined) {
        const truth = table.cells.find((c) => name(c) === name(d.cell)) as CountCell;
        assert.ok(d.value.equals(Rational.of(truth.denominator)), `seed ${seed}: ${name(d.cell)}`);
      }
      assert.ok(result.consistent);
      leaks += result.determined.length > 0 ? 1 : 0;
    }
    assert.ok(leaks > 100, `random patterns should often leak, got ${leaks}`);
  });
});
