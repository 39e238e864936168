import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveRelations } from './relations.js';
import { SecondarySuppression } from './secondary.js';
import type { CountCell, ParentMap, Sex } from './table.js';

describe('SecondarySuppression: the exact check', () => {
  it('adds a cell when no single relation shows the leak', () => {
    // A ragged table: R has no M cell and D only a K cell, so the relations are
    //   R/T = R/K,  R/T = C/T,  R/K = C/K + D/K,  C/T = C/K + C/M.
    // With R/T, R/K, C/T, C/K, C/M hidden every relation holds two or more hidden cells, yet
    //   C/M = C/T − C/K = R/T − C/K = R/K − C/K = D/K,
    // so C/M is recovered from D/K alone, which the exact check must then hide.
    const parents: ParentMap = new Map([
      ['R', null],
      ['C', 'R'],
      ['D', 'R'],
    ]);
    const cell = (node: string, sex: Sex, denominator: number): CountCell => ({
      node,
      sex,
      numerator: 0,
      denominator,
    });
    const cells = [
      cell('R', 'T', 27),
      cell('R', 'K', 27),
      cell('C', 'T', 27),
      cell('C', 'K', 20),
      cell('C', 'M', 7),
      cell('D', 'K', 7),
    ];
    const relations = deriveRelations(parents, cells);
    assert.equal(relations.length, 4);
    const secondary = new SecondarySuppression(parents, cells, relations, [0, 1, 2, 3, 4]);
    secondary.run();
    assert.deepEqual(secondary.secondary, [5]);
    assert.equal(secondary.verifierRounds, 1);
  });
});
