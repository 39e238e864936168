import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyTable } from '../disclosure/verify.js';
import { indicatorDefinitionSchema } from './definition.js';
import { nodeOf } from './rollup.js';
import { surveyIndicatorCatalogue, SURVEY_SERIES } from './survey-catalogue.js';
import { publishSurveyTables, surveyHierarchy, type SurveyCountRow } from './survey-publish.js';

const defs = surveyIndicatorCatalogue()
  .map((d) => indicatorDefinitionSchema.parse(d))
  .filter((d) => d.survey?.kind === 'individual_family_care');
const placements = new Map([
  ['a', { municipalityCode: '0180', regionCode: '01' }],
  ['b', { municipalityCode: '0180', regionCode: '01' }],
  ['c', { municipalityCode: '0114', regionCode: '01' }],
]);
const { responseRate, themes } = SURVEY_SERIES.individual_family_care;
// Unit b has 3 respondents (< 5) over two rounds: 2 + 1.
const rows: SurveyCountRow[] = [
  ['r1', 'a', 8],
  ['r1', 'b', 2],
  ['r2', 'b', 1],
  ['r1', 'c', 9],
].flatMap(([roundId, unitId, n]) =>
  [responseRate, ...Object.values(themes)].map((indicatorId, i) => ({
    roundId: roundId as string,
    period: '2026',
    unitId: unitId as string,
    indicatorId,
    respondents: n as number,
    numerator: Math.max(0, (n as number) - i),
    denominator: (n as number) + 1,
  })),
);

describe('survey tables of a release', () => {
  const tables = publishSurveyTables(defs, '2026', rows, placements, 5);

  it('publishes every measure of the kind, for both sexes together only', () => {
    assert.deepEqual(
      tables.map((t) => t.indicatorId),
      [responseRate, ...Object.values(themes)],
    );
    assert.ok(tables.every((t) => t.values.every((v) => v.sex === 'T')));
  });

  it('hides the small unit and its complement in every table, and the verifier recovers neither', () => {
    const { parents } = surveyHierarchy(placements.keys(), placements);
    for (const t of tables) {
      const hidden = t.values.filter((v) => v.status === 'suppressed').map((v) => nodeOf(v.level, v.code));
      assert.deepEqual(hidden.sort(), ['Ua', 'Ub'], t.indicatorId);
      for (const part of ['numerator', 'denominator'] as const) {
        const cells = t.values.map((v) => ({
          node: nodeOf(v.level, v.code),
          sex: 'T' as const,
          value: v[part] ?? ('..' as const),
        }));
        assert.ok(verifyTable(parents, cells).ok, `${t.indicatorId} ${part}`);
      }
    }
    const rate = tables[0]?.values.find((v) => v.level === 'municipality' && v.code === '0180');
    assert.deepEqual([rate?.numerator, rate?.denominator], [11, 14], 'rounds of the year add up');
  });
});
