import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analysePattern, determinedByBlock, type Derivation } from './elimination.js';
import { deriveRelations } from './relations.js';
import { randomTable, seededRandom } from './testing.js';

const text = (ds: readonly Derivation[]) =>
  ds.map((d) => `${d.cell}=${[...d.from].map(([c, k]) => `${k.toString()}·${c}`).join('+')}`);

describe('determinedByBlock', () => {
  it('finds the same determined cells and derivations as the whole elimination, block memo reused', () => {
    const rng = seededRandom('elimination-blocks');
    let determinedSeen = 0;
    let blocksReused = 0;
    for (let t = 0; t < 150; t++) {
      const { parents, cells } = randomTable(rng, { regions: [1, 4], municipalities: [1, 5], units: [0, 5] });
      const relations = deriveRelations(parents, cells);
      const solved = new Map<string, Derivation[]>();
      const hidden = new Set<number>();
      // A pattern that grows cell by cell, as the callers' and the publisher's rounds grow it.
      for (let round = 0; round < 8; round++) {
        const add = rng.int(1, 4);
        for (let a = 0; a < add; a++) hidden.add(rng.int(0, cells.length - 1));
        const before = solved.size;
        const blockwise = determinedByBlock(relations, hidden, solved);
        const whole = analysePattern(relations, hidden).determined;
        assert.deepEqual(text(blockwise), text(whole), `table ${t}, round ${round}`);
        determinedSeen += whole.length;
        if (round > 0 && solved.size - before < hidden.size) blocksReused++;
      }
    }
    // The comparison ran on patterns that do leave cells determined, and the memo was used.
    assert.ok(determinedSeen > 100, `${determinedSeen} determined cells compared`);
    assert.ok(blocksReused > 100, `${blocksReused} rounds reused solved blocks`);
  });

  it('empties its memo past the limit and still answers the same', () => {
    const rng = seededRandom('elimination-limit');
    const { parents, cells } = randomTable(rng, { regions: [2, 2], municipalities: [3, 3], units: [2, 3] });
    const relations = deriveRelations(parents, cells);
    const hidden = new Set([0, 1, 2, 3, 5, 8, 13]);
    const solved = new Map<string, Derivation[]>([
      ['stale', []],
      ['stale2', []],
    ]);
    const blockwise = determinedByBlock(relations, hidden, solved, 1);
    assert.ok(!solved.has('stale'), 'emptied');
    assert.deepEqual(text(blockwise), text(analysePattern(relations, hidden).determined));
  });
});
