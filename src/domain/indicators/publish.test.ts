import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verifyTable } from '../disclosure/verify.js';
import { INDICATOR_CATALOGUE } from './catalogue.js';
import { indicatorDefinitionSchema } from './definition.js';
import { publishTable } from './publish.js';
import {
  NATION_NODE,
  municipalityNode,
  nodeOf,
  regionNode,
  rollUp,
  unitNode,
  type Placement,
  type UnitSexCount,
} from './rollup.js';

const def = (id: string) => indicatorDefinitionSchema.parse(INDICATOR_CATALOGUE.find((d) => d.id === id));

const placements = new Map<string, Placement>([
  ['a', { municipalityCode: '0114', regionCode: '01' }],
  ['b', { municipalityCode: '0114', regionCode: '01' }],
  ['c', { municipalityCode: '0115', regionCode: '01' }],
  ['d', { municipalityCode: '0180', regionCode: '01' }],
  ['e', { municipalityCode: '0980', regionCode: '09' }],
]);

const c = (unitId: string, sex: 'K' | 'M', numerator: number, denominator: number): UnitSexCount => ({
  unitId,
  sex,
  numerator,
  denominator,
});

describe('roll-up and publication', () => {
  it('sums units into municipality, region and nation, with T = K + M', () => {
    const { parents, cells } = rollUp(
      [c('a', 'K', 3, 10), c('a', 'M', 2, 8), c('b', 'K', 5, 20), c('e', 'M', 1, 1)],
      placements,
    );
    const get = (node: string, sex: string) => cells.find((x) => x.node === node && x.sex === sex);
    assert.deepEqual(get(municipalityNode('0114'), 'T'), {
      node: 'M0114',
      sex: 'T',
      numerator: 10,
      denominator: 38,
    });
    assert.deepEqual(get(regionNode('01'), 'K'), { node: 'R01', sex: 'K', numerator: 8, denominator: 30 });
    assert.deepEqual(get(NATION_NODE, 'T'), { node: NATION_NODE, sex: 'T', numerator: 11, denominator: 39 });
    assert.deepEqual(get(unitNode('e'), 'K'), { node: 'Ue', sex: 'K', numerator: 0, denominator: 0 });
    assert.equal(parents.get(unitNode('a')), municipalityNode('0114'));
    assert.equal(parents.get(regionNode('09')), NATION_NODE);
  });

  it('publishes rates with Wilson intervals, hides small counts so subtraction cannot find them', () => {
    const counts = [
      c('a', 'K', 30, 40),
      c('a', 'M', 20, 35),
      c('b', 'K', 2, 25),
      c('b', 'M', 12, 30),
      c('c', 'K', 50, 60),
      c('c', 'M', 40, 55),
      c('d', 'K', 9, 12),
      c('d', 'M', 15, 20),
    ];
    const table = publishTable(def('K10001'), '2024', counts, placements, { threshold: 5 });
    const nation = table.values.find((v) => v.level === 'nation' && v.sex === 'T');
    assert.equal(nation?.numerator, 178);
    assert.equal(nation?.denominator, 277);
    assert.equal(nation?.status, 'ok');
    assert.ok(nation?.ciLower !== null && nation?.ciUpper !== null);
    assert.ok((nation?.ciLower ?? 1) < 178 / 277 && 178 / 277 < (nation?.ciUpper ?? 0));
    const bK = table.values.find((v) => v.level === 'unit' && v.code === 'b' && v.sex === 'K');
    assert.deepEqual([bK?.status, bK?.numerator, bK?.rate], ['suppressed', null, null]);
    // Nothing hidden can be recovered from what is published.
    const { parents } = rollUp(counts, placements);
    for (const table2 of ['numerator', 'denominator'] as const) {
      const verdict = verifyTable(
        parents,
        table.values.map((v) => ({ node: nodeOf(v.level, v.code), sex: v.sex, value: v[table2] ?? '..' })),
      );
      assert.equal(verdict.ok, true, `${table2}: ${JSON.stringify(verdict.determined.map((d) => d.cell))}`);
    }
    assert.ok(table.suppression.secondary.length > 0);
  });

  it('withholds palliative results where register coverage is under 70 %, and says so', () => {
    const counts = [c('a', 'K', 18, 20), c('a', 'M', 15, 20), c('c', 'K', 19, 20), c('c', 'M', 20, 20)];
    const coverage = [c('a', 'K', 20, 40), c('a', 'M', 20, 40), c('c', 'K', 20, 25), c('c', 'M', 20, 25)];
    const table = publishTable(def('K20002'), '2024', counts, placements, {
      threshold: 5,
      coverageCounts: coverage,
    });
    const m0114 = table.values.find((v) => v.level === 'municipality' && v.code === '0114' && v.sex === 'T');
    const m0115 = table.values.find((v) => v.level === 'municipality' && v.code === '0115' && v.sex === 'T');
    assert.deepEqual([m0114?.status, m0114?.rate, m0114?.coverage], ['low_coverage', null, 0.5]);
    assert.deepEqual([m0115?.status, m0115?.rate, m0115?.coverage], ['ok', 39 / 40, 0.8]);
  });
});
