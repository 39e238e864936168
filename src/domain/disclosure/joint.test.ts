import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jointLeaks, protectJointly, shownElsewhere, type JointTable } from './joint.js';
import { QuantityNames } from './quantities.js';
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
  numerators: [10, 2, 3, 5],
  denominators: [25, 3, 10, 12],
  hidden: new Set(hidden.map(at)),
});
const named = (tables: readonly JointTable[], list: ReturnType<typeof jointLeaks>) =>
  list.map((l) => `${l.table}:${tables[l.table]?.cells[l.cell]?.node}:${l.part}`).sort();

describe('disclosure control across tables that share a quantity', () => {
  const served = [table('assessed', 'served', ['A', 'B']), table('fell', 'served', ['A', 'C'])];

  it('finds the hidden cell that two patterns give away together, though each table alone hides it', () => {
    assert.deepEqual(named(served, jointLeaks([served[0] as JointTable])), []);
    assert.deepEqual(named(served, jointLeaks([served[1] as JointTable])), []);
    // A = M − B − C: the first table shows C, the second B.
    assert.deepEqual(named(served, jointLeaks(served)), ['0:A:denominator']);
    assert.deepEqual(named(served, shownElsewhere(served)), ['0:B:denominator', '1:C:denominator']);
  });

  it('hides a shared quantity in every table once any hides it, and then nothing is recoverable', () => {
    const { hidden, added } = protectJointly(served);
    assert.deepEqual(added, [[at('C')], [at('B')]]);
    const after = served.map((t, i) => ({ ...t, hidden: hidden[i] as Set<number> }));
    assert.deepEqual(jointLeaks(after), []);
    assert.deepEqual(shownElsewhere(after), []);
  });

  it('leaves tables with nothing in common alone', () => {
    const apart = [table('assessed', 'served', ['A', 'B']), table('fell', 'assessed', ['A', 'C'])];
    assert.deepEqual(protectJointly(apart).added, [[], []]);
  });

  it('follows a chain: a cell hidden for its denominator hides its numerator wherever that is shown', () => {
    // The third table shares the second's numerator quantity but not its denominator.
    const chain = [...served, table('fell', 'other', [])];
    const { added } = protectJointly(chain);
    assert.deepEqual(
      added[2],
      [at('A'), at('B'), at('C')].sort((a, b) => a - b),
    );
    const after = chain.map((t, i) => ({ ...t, hidden: new Set([...t.hidden, ...(added[i] ?? [])]) }));
    assert.deepEqual(jointLeaks(after), []);
  });

  it('adds to a pattern until the union of the relations determines nothing', () => {
    // The first table hides A alone (its own check would add a complement); the second shows A.
    const tables = [table('assessed', 'served', ['A']), table('fell', 'served', [])];
    const { hidden, rounds } = protectJointly(tables);
    assert.ok(rounds >= 1);
    const after = tables.map((t, i) => ({ ...t, hidden: hidden[i] as Set<number> }));
    assert.deepEqual(jointLeaks(after), []);
    assert.ok((hidden[0]?.size ?? 0) >= 2, 'A has a complement');
  });
});

describe('quantity names', () => {
  const tree = new Map<string, string | null>([
    ['M', null],
    ['A', 'M'],
    ['B', 'M'],
  ]);
  const keys: CellKey[] = ['M', 'A', 'B'].flatMap((node) =>
    (['T', 'K', 'M'] as const).map((sex) => ({ node, sex })),
  );
  const nameOf = (names: string[], node: string, sex: string) =>
    names[keys.findIndex((k) => k.node === node && k.sex === sex)];

  it('names a total by its parts, so totals of the same cells match across tables and others do not', () => {
    const names = new QuantityNames();
    const first = names.of(tree, keys, (node, sex) => (sex === 'K' ? `${node}:k1` : undefined));
    const same = names.of(tree, keys, (node, sex) => (sex === 'K' ? `${node}:k1` : undefined));
    const other = names.of(tree, keys, (node, sex) =>
      sex === 'K' ? `${node}:${node === 'B' ? 'k2' : 'k1'}` : undefined,
    );
    assert.deepEqual(first, same);
    assert.equal(nameOf(first, 'A', 'K'), nameOf(other, 'A', 'K'));
    assert.notEqual(nameOf(first, 'B', 'K'), nameOf(other, 'B', 'K'));
    for (const sex of ['K', 'T']) assert.notEqual(nameOf(first, 'M', sex), nameOf(other, 'M', sex));
    // Men are structural zeros here (no leaf name): equal in both, and never one unit's for another's.
    assert.equal(nameOf(first, 'M', 'M'), nameOf(other, 'M', 'M'));
    assert.notEqual(nameOf(first, 'A', 'M'), nameOf(first, 'B', 'M'));
    assert.equal(new Set(first).size, first.length, 'every cell of one table is its own quantity');
  });
});
