import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveRelations, relationViolations } from './relations.js';
import type { Relation } from './relations.js';
import { SEXES } from './table.js';
import type { CellKey, ParentMap } from './table.js';

// N ⊃ R ⊃ {A, B}; S is a second region without children.
const parents: ParentMap = new Map([
  ['N', null],
  ['R', 'N'],
  ['S', 'N'],
  ['A', 'R'],
  ['B', 'R'],
]);
const full: CellKey[] = ['N', 'R', 'S', 'A', 'B'].flatMap((node) => SEXES.map((sex) => ({ node, sex })));

/** Relations as readable strings, e.g. "hierarchy R/K = A/K + B/K". */
function describeRelations(keys: readonly CellKey[], relations: readonly Relation[]): string[] {
  const name = (i: number): string => `${keys[i]?.node}/${keys[i]?.sex}`;
  return relations.map((r) => `${r.kind} ${name(r.total)} = ${r.parts.map(name).join(' + ')}`).sort();
}

describe('deriveRelations', () => {
  it('derives node = Σ children per sex and T = K + M per node', () => {
    assert.deepEqual(describeRelations(full, deriveRelations(parents, full)), [
      'hierarchy N/K = R/K + S/K',
      'hierarchy N/M = R/M + S/M',
      'hierarchy N/T = R/T + S/T',
      'hierarchy R/K = A/K + B/K',
      'hierarchy R/M = A/M + B/M',
      'hierarchy R/T = A/T + B/T',
      'sex A/T = A/K + A/M',
      'sex B/T = B/K + B/M',
      'sex N/T = N/K + N/M',
      'sex R/T = R/K + R/M',
      'sex S/T = S/K + S/M',
    ]);
  });

  it('treats an absent part as a known zero and drops relations whose total is absent', () => {
    const keys = full.filter((k) => !(k.node === 'B' && k.sex === 'K') && !(k.node === 'R' && k.sex === 'T'));
    const relations = describeRelations(keys, deriveRelations(parents, keys));
    assert.ok(relations.includes('hierarchy R/K = A/K'));
    assert.ok(relations.includes('sex B/T = B/M'));
    assert.ok(relations.includes('hierarchy N/T = S/T'));
    assert.ok(!relations.some((r) => r.startsWith('hierarchy R/T') || r.startsWith('sex R/T')));
  });

  it('needs no units under every municipality and no cells for every node', () => {
    const keys: CellKey[] = [
      { node: 'S', sex: 'T' },
      { node: 'S', sex: 'K' },
    ];
    assert.deepEqual(describeRelations(keys, deriveRelations(parents, keys)), ['sex S/T = S/K']);
  });

  it('rejects unknown nodes, repeated cells and cycles', () => {
    assert.throws(() => deriveRelations(parents, [{ node: 'X', sex: 'T' }]), /not in the org hierarchy/);
    assert.throws(() => deriveRelations(parents, [full[0] as CellKey, full[0] as CellKey]), /appears twice/);
    const cyclic: ParentMap = new Map([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    assert.throws(() => deriveRelations(cyclic, [{ node: 'a', sex: 'T' }]), /cycle/);
  });
});

describe('relationViolations', () => {
  it('finds the relations that the values break', () => {
    const keys: CellKey[] = [
      { node: 'A', sex: 'T' },
      { node: 'A', sex: 'K' },
      { node: 'A', sex: 'M' },
    ];
    const relations = deriveRelations(parents, keys);
    assert.equal(relationViolations(relations, [5, 2, 3]).length, 0);
    assert.equal(relationViolations(relations, [5, 2, 2]).length, 1);
  });
});
