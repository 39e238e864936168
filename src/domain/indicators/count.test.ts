import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Fact, FactKind, Register } from '../facts/fact.js';
import { INDICATOR_CATALOGUE } from './catalogue.js';
import { countIndicator } from './count.js';
import { indicatorDefinitionSchema } from './definition.js';
import { parsePeriod, periodOf } from './period.js';

const def = (id: string) => indicatorDefinitionSchema.parse(INDICATOR_CATALOGUE.find((d) => d.id === id));
const year2024 = parsePeriod('2024');
assert.ok(year2024);

function fact(
  kind: FactKind,
  person: string,
  unitId: string,
  date: string,
  extra: Partial<Fact> & { attributes?: Fact['attributes'] } = {},
): Fact {
  const register: Register = extra.register ?? 'senior_alert';
  return { kind, register, person, unitId, date, sex: 'K', age: 80, attributes: {}, ...extra };
}

describe('indicator counts (reference computation)', () => {
  it('K10001: risk-assessed among served persons 65+, per unit and sex, by hand', () => {
    const facts: Fact[] = [
      fact('served', 'p1', 'u1', '2024-01-10'),
      fact('served', 'p1', 'u1', '2024-06-10'), // the same person twice counts once
      fact('risk_assessment', 'p1', 'u1', '2024-02-01', {
        attributes: { instrument: 'modified-norton', risk: true },
      }),
      fact('served', 'p2', 'u1', '2024-03-01', { sex: 'M' }),
      fact('served', 'p3', 'u1', '2024-03-01', { age: 64 }), // under 65: outside the population
      fact('risk_assessment', 'p3', 'u1', '2024-03-02', { age: 64 }),
      fact('served', 'p4', 'u2', '2024-12-31'),
      fact('risk_assessment', 'p4', 'u1', '2024-05-05'), // assessed at another unit: not u2's numerator
      fact('served', 'p5', 'u2', '2025-01-01'), // outside the period
      fact('served', 'p6', 'u2', '2023-12-31'),
    ];
    const counts = countIndicator(def('K10001'), facts, year2024);
    assert.deepEqual(Object.fromEntries(counts), {
      u1: { K: { numerator: 1, denominator: 1 }, M: { numerator: 0, denominator: 1 } },
      u2: { K: { numerator: 0, denominator: 1 }, M: { numerator: 0, denominator: 0 } },
    });
  });

  it('K10009: pressure ulcers count from grade 2, not grade 1', () => {
    const facts: Fact[] = [
      fact('served', 'a', 'u', '2024-01-01'),
      fact('served', 'b', 'u', '2024-01-01'),
      fact('served', 'c', 'u', '2024-01-01'),
      fact('event', 'a', 'u', '2024-02-01', { attributes: { eventType: 'pressure_ulcer', grade: 1 } }),
      fact('event', 'b', 'u', '2024-02-01', { attributes: { eventType: 'pressure_ulcer', grade: 2 } }),
      fact('event', 'c', 'u', '2024-02-01', { attributes: { eventType: 'fall' } }),
    ];
    assert.deepEqual(countIndicator(def('K10009'), facts, year2024).get('u')?.K, {
      numerator: 1,
      denominator: 3,
    });
    assert.deepEqual(countIndicator(def('K10008'), facts, year2024).get('u')?.K, {
      numerator: 1,
      denominator: 3,
    });
  });

  it('K20002: palliative indicators count expected deaths only', () => {
    const pal = (person: string, attributes: Fact['attributes']) =>
      fact('death_registration', person, 'u', '2024-04-01', { register: 'palliative', attributes });
    const facts = [
      pal('a', { expected: true, painAssessedValidated: true }),
      pal('b', { expected: true, painAssessedValidated: false }),
      pal('c', { expected: false, painAssessedValidated: true }),
    ];
    assert.deepEqual(countIndicator(def('K20002'), facts, year2024).get('u')?.K, {
      numerator: 1,
      denominator: 2,
    });
  });

  it('assigns dates to year, quarter and month periods at their boundaries', () => {
    const cases: Array<[string, string, string, string]> = [
      ['2024-01-01', '2024', '2024-Q1', '2024-01'],
      ['2024-03-31', '2024', '2024-Q1', '2024-03'],
      ['2024-04-01', '2024', '2024-Q2', '2024-04'],
      ['2024-12-31', '2024', '2024-Q4', '2024-12'],
    ];
    for (const [date, y, q, m] of cases) {
      assert.deepEqual(
        [periodOf(date, 'year'), periodOf(date, 'quarter'), periodOf(date, 'month')],
        [y, q, m],
      );
    }
    assert.deepEqual(parsePeriod('2024-Q4'), {
      key: '2024-Q4',
      type: 'quarter',
      from: '2024-10-01',
      to: '2025-01-01',
    });
    assert.deepEqual(parsePeriod('2024-12'), {
      key: '2024-12',
      type: 'month',
      from: '2024-12-01',
      to: '2025-01-01',
    });
    assert.equal(parsePeriod('2024-Q5'), undefined);
    assert.equal(parsePeriod('2024-13'), undefined);
  });
});
