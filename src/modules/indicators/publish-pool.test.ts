import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseIndicatorDefinitions } from '../../domain/indicators/definition.js';
import { INDICATOR_CATALOGUE } from '../../domain/indicators/catalogue.js';
import type { Placement, UnitSexCount } from '../../domain/indicators/rollup.js';
import { seededRandom } from '../../domain/random.js';
import type { TableJob } from './publish-compute.js';
import { computeInline, startPublishWorker } from './publish-pool.js';

function syntheticJob(seed: number, detail = false): TableJob {
  const parsed = parseIndicatorDefinitions(INDICATOR_CATALOGUE);
  if (!parsed.ok) throw new Error('the catalogue does not parse');
  const def = parsed.definitions[0];
  if (!def) throw new Error('the catalogue is empty');
  const rng = seededRandom(seed);
  const placements = new Map<string, Placement>();
  const counts: UnitSexCount[] = [];
  for (let u = 0; u < 60; u++) {
    const unitId = `unit-${u}`;
    placements.set(unitId, { municipalityCode: `01${String(u % 6).padStart(2, '0')}`, regionCode: '01' });
    for (const sex of ['K', 'M'] as const) {
      const denominator = rng.int(0, 12);
      counts.push({ unitId, sex, numerator: rng.int(0, denominator), denominator });
    }
  }
  return { def, period: '2024', counts, placements, threshold: 5, detail };
}

describe('the publishing worker', () => {
  const worker = startPublishWorker();
  after(() => worker.close());

  it('computes exactly what the inline publication computes, with the analytics detail where asked', async () => {
    const jobs = [syntheticJob(1), syntheticJob(2, true), syntheticJob(3)];
    const [inWorker, inline] = await Promise.all([worker.compute(jobs), computeInline(jobs)]);
    assert.deepEqual(inWorker, inline);
    assert.ok(
      inline.some((o) => o.primary + o.secondary > 0),
      'the synthetic tables suppress something',
    );
  });

  it('rejects a failing job and keeps serving the next', async () => {
    const broken = { ...syntheticJob(4), placements: new Map<string, Placement>() };
    await assert.rejects(worker.compute([broken]), /has no place in the org register/);
    const [ok] = await worker.compute([syntheticJob(5)]);
    assert.ok(ok && ok.values.length > 0);
  });
});
