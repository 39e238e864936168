import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isPrimaryCell } from './primary.js';
import { suppress } from './suppress.js';
import type { SuppressionResult } from './suppress.js';
import { randomTable, seededRandom } from './testing.js';
import type { RandomTableShape } from './testing.js';
import type { CellKey, CountCell, ParentMap } from './table.js';
import { verifyTable } from './verify.js';

const name = (key: CellKey): string => `${key.node}/${key.sex}`;

/** Every property that must hold after `suppress`; returns the number of hidden cells. */
function check(
  parents: ParentMap,
  cells: readonly CountCell[],
  threshold: number,
  result: SuppressionResult,
): number {
  assert.equal(result.cells.length, cells.length);
  let hidden = 0;
  cells.forEach((input, i) => {
    const out = result.cells[i];
    assert.ok(out);
    assert.equal(name(out), name(input), 'cells keep their order');
    if (out.status === '..') {
      hidden++;
      assert.deepEqual([out.numerator, out.denominator, out.rate], [null, null, null]);
      assert.notEqual(out.suppression, 'none');
    } else {
      assert.equal(out.suppression, 'none');
      assert.equal(out.numerator, input.numerator, 'published numerator unchanged');
      assert.equal(out.denominator, input.denominator, 'published denominator unchanged');
      assert.equal(out.rate, input.denominator === 0 ? null : input.numerator / input.denominator);
    }
    if (isPrimaryCell(input, threshold))
      assert.equal(out.suppression, 'primary', `${name(input)} is primary`);
  });
  for (const table of ['numerator', 'denominator'] as const) {
    const verification = verifyTable(
      parents,
      result.cells.map((c) => ({ node: c.node, sex: c.sex, value: c[table] })),
    );
    assert.ok(verification.ok, `${table}: ${verification.determined.map((d) => name(d.cell)).join(', ')}`);
  }
  const { primary, secondary, total } = result.loss;
  assert.equal(total.cells, hidden);
  assert.equal(primary.cells + secondary.cells, hidden);
  assert.equal(primary.denominatorSum + secondary.denominatorSum, total.denominatorSum);
  return hidden;
}

describe('suppress on random tables (seeded)', () => {
  it('leaves no recoverable cell in 3000 random tables', (t) => {
    const started = performance.now();
    const shapes: RandomTableShape[] = [
      { regions: [1, 3], municipalities: [1, 4], units: [0, 4] },
      { regions: [1, 3], municipalities: [1, 4], units: [0, 4], dropEmpty: 0.5 },
      { regions: [1, 1], municipalities: [1, 2], units: [0, 2] },
    ];
    let cellCount = 0;
    let hidden = 0;
    let primary = 0;
    let rounds = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const rng = seededRandom(seed);
      const { parents, cells } = randomTable(rng, shapes[seed % shapes.length]);
      const threshold = [3, 5, 5, 6][seed % 4] as number;
      const result = suppress(parents, cells, { threshold });
      hidden += check(parents, cells, threshold, result);
      cellCount += cells.length;
      primary += result.primary.length;
      rounds += result.verifierRounds;
      if (seed % 10 === 0) {
        // The pattern does not depend on the order of the input cells.
        const again = suppress(parents, rng.shuffle([...cells]), { threshold });
        const pattern = (r: SuppressionResult): string[] => [...r.primary, ...r.secondary].map(name).sort();
        assert.deepEqual(pattern(again), pattern(result), `seed ${seed}`);
      }
    }
    t.diagnostic(
      `${cellCount} cells, ${primary} primary, ${hidden - primary} secondary, ` +
        `${rounds} exact-check rounds that added cells, ${Math.round(performance.now() - started)} ms`,
    );
  });

  it('handles a nation-sized table (21 regions, ~290 municipalities, ~3000 units)', (t) => {
    const started = performance.now();
    const rng = seededRandom(2025);
    const { parents, cells } = randomTable(rng, {
      regions: [21, 21],
      municipalities: [10, 18],
      units: [0, 20],
    });
    const result = suppress(parents, cells);
    const suppressed = performance.now() - started;
    check(parents, cells, 5, result);
    const { total } = result.loss;
    t.diagnostic(
      `${parents.size} nodes, ${cells.length} cells: ${result.primary.length} primary, ` +
        `${result.secondary.length} secondary (${(total.cellShare * 100).toFixed(1)} % of cells, ` +
        `${(total.denominatorShare * 100).toFixed(2)} % of the denominator sum); ` +
        `suppress ${Math.round(suppressed)} ms, with both verifications ${Math.round(performance.now() - started)} ms`,
    );
  });
});
