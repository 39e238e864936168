import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jointLeaks, protectJointly, sensitiveShown, shownElsewhere, type JointTable } from './joint.js';
import type { CellKey } from './table.js';

// Municipality M with units A, B, C (women only). Two indicators count the same persons in their
// denominator (A 3, B 10, C 12): the same quantity in both tables. Their own disclosure control
// hides A (a small count) and a different complement each: B in the first, C in the second.
const parents = new Map<string, string | null>([
  ['M', null],
  ['A', 'M'],
  ['B', 'M'],
  ['C', 'M'],
]);
const cells: CellKey[] = ['M', 'A', 'B', 'C'].map((node) => ({ node, sex: 'K' }));
const at = (node: string) => cells.findIndex((c) => c.node === node);
const table = (numerator: string, denominator: string, hidden: string[]): JointTable => ({
  parents,
  cells,
  numeratorIds: cells.map((c) => `${numerator}:${c.node}`),
  denominatorIds: cells.map((c) => `${denominator}:${c.node}`),
  numerators: [20, 2, 8, 10],
  denominators: [25, 3, 10, 12],
  hidden: new Set(hidden.map(at)),
});
const named = (tables: readonly JointTable[], list: ReturnType<typeof jointLeaks>) =>
  list.map((l) => `${l.table}:${tables[l.table]?.cells[l.cell]?.node}:${l.part}`).sort();

describe('disclosure control across tables that share a quantity', () => {
  const served = [table('assessed', 'served', ['A', 'B']), table('fell', 'served', ['A', 'C'])];

  it('finds the sensitive count that two patterns give away together, though each table alone hides it', () => {
    assert.deepEqual(named(served, jointLeaks([served[0] as JointTable], 5)), []);
    assert.deepEqual(named(served, jointLeaks([served[1] as JointTable], 5)), []);
    // A's 3 persons served = M − B − C: the first table shows C, the second B.
    assert.deepEqual(named(served, jointLeaks(served, 5)), ['0:A:denominator']);
    assert.deepEqual(named(served, shownElsewhere(served)), ['0:B:denominator', '1:C:denominator']);
    assert.deepEqual(sensitiveShown(served, 5), []);
  });

  it('hides one more shown count of the derivation where it is shown, and no more', () => {
    const { hidden, added, rounds } = protectJointly(served, 5);
    // B (10) costs less than C (12) or M (shown twice): hidden in the second table only.
    assert.deepEqual(added, [[], [at('B')]]);
    assert.equal(rounds, 1);
    const after = served.map((t, i) => ({ ...t, hidden: hidden[i] as Set<number> }));
    assert.deepEqual(jointLeaks(after, 5), []);
    assert.deepEqual(jointLeaks(after), [], 'nothing else is recovered either');
    for (const one of after)
      assert.deepEqual(jointLeaks([one]), [], 'each table on its own recovers nothing');
  });

  it('with a reader who knows a cell, never hides it and picks another count of the derivation', () => {
    // The reader knows B's counts (shown in the second table): B is no secret to them and hiding
    // it would change nothing, so C (shown in the first table only) is hidden instead.
    const known = [new Set<number>(), new Set([at('B')])];
    const { hidden, added } = protectJointly(served, 5, { known, closeOwn: false });
    assert.equal(hidden[1]?.has(at('B')), false);
    assert.deepEqual(added, [[at('C')], []]);
    const after = served.map((t, i) => ({ ...t, hidden: hidden[i] as Set<number> }));
    assert.deepEqual(jointLeaks(after, 5), []);
  });

  it('lets another table show a count hidden only as a complement: it is not sensitive', () => {
    // Only the first table's numerator of A (2) is small; A and its complement B are hidden there.
    // The second table shows the denominators of A and B (10 and 15 persons served): allowed.
    const complement = (numerators: number[], hiddenCells: string[], numerator: string): JointTable => ({
      ...table(numerator, 'served', hiddenCells),
      numerators,
      denominators: [40, 10, 15, 15],
    });
    const tables = [
      complement([20, 2, 8, 10], ['A', 'B'], 'assessed'),
      complement([30, 10, 10, 10], [], 'fell'),
    ];
    assert.equal(shownElsewhere(tables).length, 2);
    assert.deepEqual(protectJointly(tables, 5).added, [[], []]);
    assert.deepEqual(jointLeaks(tables, 5), []);
  });

  it('leaves tables with nothing in common alone', () => {
    const apart = [table('assessed', 'served', ['A', 'B']), table('fell', 'assessed', ['A', 'C'])];
    assert.deepEqual(protectJointly(apart, 5).added, [[], []]);
  });

  it('hides a sensitive count that a table shows, then adds until the union determines nothing sensitive', () => {
    // The second table shows A (2 of 3 persons served; a broken input); the first hides A and B.
    const tables = [table('assessed', 'served', ['A', 'B']), table('fell', 'served', [])];
    assert.deepEqual(named(tables, sensitiveShown(tables, 5)), ['1:A:denominator', '1:A:numerator']);
    const { hidden, rounds } = protectJointly(tables, 5);
    assert.ok(rounds >= 1);
    const after = tables.map((t, i) => ({ ...t, hidden: hidden[i] as Set<number> }));
    assert.deepEqual(sensitiveShown(after, 5), []);
    assert.deepEqual(jointLeaks(after, 5), []);
  });
});
