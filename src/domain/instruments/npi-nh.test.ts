import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeValues } from '../forms/scoring.js';
import { NPI_DOMAINS, npiNh, npiNhForm } from './npi-nh.js';

/** Answers with the given [frequency, severity] per present domain; all others absent. */
function answers(present: Record<string, [number, number]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id] of NPI_DOMAINS) {
    const fs = present[id];
    out[`${id}Present`] = fs !== undefined;
    if (fs) {
      out[`${id}Frequency`] = String(fs[0]);
      out[`${id}Severity`] = String(fs[1]);
    }
  }
  return out;
}
const everyDomain = (fs: [number, number]) => Object.fromEntries(NPI_DOMAINS.map(([id]) => [id, fs]));

describe('NPI-NH', () => {
  const table: {
    name: string;
    present: Record<string, [number, number]>;
    total: number;
    band: string;
    risk: boolean;
    threshold?: number;
  }[] = [
    { name: 'no domain present', present: {}, total: 0, band: 'no_symptoms', risk: false },
    { name: 'smallest domain score', present: { apathy: [1, 1] }, total: 1, band: 'symptoms', risk: false },
    {
      name: 'domain score 3 stays below the default 4',
      present: { sleep: [3, 1], anxiety: [1, 3] },
      total: 6,
      band: 'symptoms',
      risk: false,
    },
    {
      name: 'domain score 4 is clinically significant',
      present: { agitation: [2, 2] },
      total: 4,
      band: 'clinically_significant',
      risk: true,
    },
    {
      name: 'configured threshold 6: a domain score of 4 is not',
      present: { agitation: [2, 2] },
      total: 4,
      band: 'symptoms',
      risk: false,
      threshold: 6,
    },
    {
      name: 'largest domain score',
      present: { delusions: [4, 3] },
      total: 12,
      band: 'clinically_significant',
      risk: true,
    },
    {
      name: 'maximum total',
      present: everyDomain([4, 3]),
      total: 144,
      band: 'clinically_significant',
      risk: true,
    },
  ];
  for (const row of table)
    it(`${row.name} → ${row.total} ${row.band}`, () => {
      const outcome = npiNh.score(
        { answers: answers(row.present) },
        row.threshold === undefined ? undefined : { clinicallySignificantAtOrAbove: row.threshold },
      );
      assert.ok(outcome.ok, JSON.stringify(outcome));
      assert.equal(outcome.result.total, row.total);
      assert.equal(outcome.result.band, row.band);
      assert.equal(outcome.result.risk, row.risk);
      assert.deepEqual(outcome.result.threshold, {
        clinicallySignificantAtOrAbove: row.threshold ?? 4,
        source: row.threshold === undefined ? 'default' : 'configured',
      });
      assert.equal(computeValues(npiNhForm, answers(row.present))['total'], row.total);
    });

  it('reports each domain: frequency × severity, 0 when absent', () => {
    const outcome = npiNh.score({ answers: answers({ hallucinations: [3, 2], appetite: [4, 1] }) });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.result.domains.hallucinations, {
      present: true,
      frequency: 3,
      severity: 2,
      score: 6,
    });
    assert.deepEqual(outcome.result.domains.appetite, { present: true, frequency: 4, severity: 1, score: 4 });
    assert.deepEqual(outcome.result.domains.delusions, {
      present: false,
      frequency: null,
      severity: null,
      score: 0,
    });
    assert.equal(outcome.result.total, 10);
    assert.deepEqual(outcome.result.items, {
      hallucinationsFrequency: 3,
      hallucinationsSeverity: 2,
      appetiteFrequency: 4,
      appetiteSeverity: 1,
    });
  });

  it('gates frequency and severity on "present"', () => {
    const a = answers({ apathy: [2, 2] });
    a['apathySeverity'] = undefined;
    a['delusionsFrequency'] = '2';
    a['elationPresent'] = undefined;
    const outcome = npiNh.score({ answers: a });
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.issues.map((i) => [i.item, i.rule]),
      [
        ['delusionsFrequency', 'hidden_answered'],
        ['elationPresent', 'required'],
        ['apathySeverity', 'required'],
      ],
    );
  });
});
