import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { roag, ROAG_AREAS } from './roag.js';

const all = (grade: string): Record<string, string> => Object.fromEntries(ROAG_AREAS.map((a) => [a, grade]));

describe('ROAG', () => {
  const table: {
    name: string;
    answers: Record<string, string>;
    band: string;
    problemAreas: string[];
    contactDentalCare: boolean;
  }[] = [
    { name: 'all healthy', answers: all('1'), band: 'healthy', problemAreas: [], contactDentalCare: false },
    {
      name: 'healthy without teeth or dentures',
      answers: { ...all('1'), gums: 'notApplicable', teeth: 'notApplicable', dentures: 'notApplicable' },
      band: 'healthy',
      problemAreas: [],
      contactDentalCare: false,
    },
    {
      name: 'one grade 2',
      answers: { ...all('1'), saliva: '2' },
      band: 'oral_ill_health',
      problemAreas: ['saliva'],
      contactDentalCare: false,
    },
    {
      name: 'all grade 2',
      answers: all('2'),
      band: 'oral_ill_health',
      problemAreas: [...ROAG_AREAS],
      contactDentalCare: false,
    },
    {
      name: 'one grade 3',
      answers: { ...all('1'), teeth: '3' },
      band: 'oral_ill_health',
      problemAreas: ['teeth'],
      contactDentalCare: true,
    },
    {
      name: 'all grade 3',
      answers: all('3'),
      band: 'oral_ill_health',
      problemAreas: [...ROAG_AREAS],
      contactDentalCare: true,
    },
  ];
  for (const row of table)
    it(`${row.name} → ${row.band}, contact dental care ${row.contactDentalCare}`, () => {
      const outcome = roag.score({ answers: row.answers });
      assert.ok(outcome.ok, JSON.stringify(outcome));
      const r = outcome.result;
      assert.equal(r.total, null);
      assert.equal(r.band, row.band);
      assert.equal(r.risk, row.band === 'oral_ill_health');
      assert.deepEqual(r.problemAreas, row.problemAreas);
      assert.equal(r.contactDentalCare, row.contactDentalCare);
    });

  it('lists grades per area and leaves not-applicable areas out', () => {
    const outcome = roag.score({ answers: { ...all('1'), gums: 'notApplicable', lips: '2' } });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.result.items, {
      voice: 1,
      lips: 2,
      mucousMembranes: 1,
      tongue: 1,
      teeth: 1,
      dentures: 1,
      saliva: 1,
      swallowing: 1,
    });
  });

  it('refuses a missing area and not-applicable on voice', () => {
    const answers: Record<string, string> = { ...all('1'), voice: 'notApplicable' };
    delete answers['swallowing'];
    const outcome = roag.score({ answers });
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.issues.map((i) => [i.item, i.rule]),
      [
        ['voice', 'not_an_option'],
        ['swallowing', 'required'],
      ],
    );
  });
});
