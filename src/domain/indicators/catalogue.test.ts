import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { INDICATOR_CATALOGUE } from './catalogue.js';
import { parseIndicatorDefinitions } from './definition.js';
import { REFERENCE_DATA_DIR } from '../../../test/support/paths.js';

describe('shipped indicator catalogue', () => {
  const parsed = parseIndicatorDefinitions(INDICATOR_CATALOGUE);

  it('parses, with at least 20 indicators and unique ids', () => {
    assert.equal(parsed.ok, true, JSON.stringify(!parsed.ok && parsed.problems));
    assert.ok(parsed.ok);
    assert.ok(parsed.definitions.length >= 20);
    assert.equal(new Set(parsed.definitions.map((d) => d.id)).size, parsed.definitions.length);
  });

  it('uses an id series no real Kolada KPI uses', () => {
    const kolada = JSON.parse(
      fs.readFileSync(path.join(REFERENCE_DATA_DIR, 'kolada', 'kolada_v3_kpi.json'), 'utf8'),
    ) as {
      values: Array<{ id: string }>;
    };
    const taken = new Set(kolada.values.map((k) => k.id));
    assert.ok(taken.size > 6000);
    assert.deepEqual(
      INDICATOR_CATALOGUE.filter((d) => taken.has(d.id)).map((d) => d.id),
      [],
    );
  });

  it('carries the six palliative target levels and the 70 % coverage rule', () => {
    assert.ok(parsed.ok);
    const targets = Object.fromEntries(
      parsed.definitions.filter((d) => d.target).map((d) => [d.id, d.target?.value]),
    );
    assert.deepEqual(targets, {
      K20001: 0.9,
      K20002: 1,
      K20003: 0.98,
      K20004: 0.98,
      K20005: 0.9,
      K20006: 0.98,
    });
    const gated = parsed.definitions.filter(
      (d) => d.minCoverage?.indicator === 'K20007' && d.minCoverage.value === 0.7,
    );
    assert.equal(gated.length, 6);
  });

  it('refuses a bad definition naming the indicator and field', () => {
    const bad = parseIndicatorDefinitions([
      { ...INDICATOR_CATALOGUE[0], id: 'N00945' },
      { ...INDICATOR_CATALOGUE[1], direction: 'up' },
    ]);
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok);
    assert.deepEqual(
      bad.problems.map((p) => [p.indicator, p.field]),
      [
        ['N00945', 'id'],
        ['K10002', 'direction'],
      ],
    );
  });
});
