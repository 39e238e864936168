import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IBIC_AREAS, icfChange, icfIbic } from './icf-ibic.js';

const all = (code: string) => Object.fromEntries(IBIC_AREAS.map(([id]) => [id, code]));

describe('ICF qualifiers for IBIC life areas', () => {
  const table: {
    name: string;
    answers: Record<string, string>;
    band: string;
    risk: boolean;
    items: number;
    threshold?: number;
  }[] = [
    { name: 'all 0', answers: all('0'), band: 'no_problem', risk: false, items: 11 },
    { name: 'worst 1', answers: { ...all('0'), mobility: '1' }, band: 'mild', risk: false, items: 11 },
    {
      name: 'worst 2 (default risk threshold)',
      answers: { ...all('1'), selfCare: '2' },
      band: 'moderate',
      risk: true,
      items: 11,
    },
    {
      name: 'worst 2 with configured threshold 3',
      answers: { ...all('1'), selfCare: '2' },
      band: 'moderate',
      risk: false,
      items: 11,
      threshold: 3,
    },
    { name: 'worst 3', answers: { ...all('0'), domesticLife: '3' }, band: 'severe', risk: true, items: 11 },
    {
      name: 'worst 4 among 8 and 9',
      answers: { ...all('9'), communication: '8', learning: '4' },
      band: 'complete',
      risk: true,
      items: 1,
    },
    {
      name: 'only 8 and 9: nothing to rank',
      answers: { ...all('9'), communication: '8' },
      band: 'not_specified',
      risk: false,
      items: 0,
    },
  ];
  for (const row of table)
    it(`${row.name} → ${row.band}`, () => {
      const outcome = icfIbic.score(
        { answers: row.answers },
        row.threshold === undefined ? undefined : { riskAtOrAbove: row.threshold },
      );
      assert.ok(outcome.ok, JSON.stringify(outcome));
      assert.equal(outcome.result.total, null);
      assert.equal(outcome.result.band, row.band);
      assert.equal(outcome.result.risk, row.risk);
      assert.equal(Object.keys(outcome.result.items).length, row.items);
      assert.deepEqual(outcome.result.threshold, {
        riskAtOrAbove: row.threshold ?? 2,
        source: row.threshold === undefined ? 'default' : 'configured',
      });
    });

  it('keeps 8 and 9 as codes, out of the points', () => {
    const outcome = icfIbic.score({
      answers: { ...all('2'), communication: '8', supportFromRelatives: '9' },
    });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.result.areas.communication, { code: '8', qualifier: null });
    assert.deepEqual(outcome.result.areas.mobility, { code: '2', qualifier: 2 });
    assert.equal('communication' in outcome.result.items, false);
    assert.deepEqual(outcome.result.notSpecified, ['communication']);
    assert.deepEqual(outcome.result.notApplicable, ['supportFromRelatives']);
  });

  it('measures change between assessments; 8 and 9 are not comparable', () => {
    const before = icfIbic.score({ answers: { ...all('2'), mobility: '3', communication: '8' } });
    const after = icfIbic.score({
      answers: { ...all('2'), mobility: '1', selfCare: '4', communication: '1', learning: '9' },
    });
    assert.ok(before.ok && after.ok);
    const change = icfChange(before.result.areas, after.result.areas);
    assert.deepEqual(change.mobility, { change: 'improved', delta: -2 });
    assert.deepEqual(change.selfCare, { change: 'worsened', delta: 2 });
    assert.deepEqual(change.domesticLife, { change: 'unchanged', delta: 0 });
    assert.deepEqual(change.communication, { change: 'not_comparable', delta: null });
    assert.deepEqual(change.learning, { change: 'not_comparable', delta: null });
  });

  it('refuses 5, 7 and missing areas', () => {
    const a: Record<string, string> = { ...all('0'), learning: '5', mobility: '7' };
    delete a['selfCare'];
    const outcome = icfIbic.score({ answers: a });
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.issues.map((i) => [i.item, i.rule]),
      [
        ['learning', 'not_an_option'],
        ['mobility', 'not_an_option'],
        ['selfCare', 'required'],
      ],
    );
  });
});
