import type { Fact } from '../facts/fact.js';
import type { IndicatorDefinition } from './definition.js';
import { inPopulation, matchesFilter } from './filter.js';
import { periodOf } from './period.js';

/**
 * Membership is the unit of incremental computation: for one person at one unit, which
 * indicator periods count them in the denominator, and whether also in the numerator.
 * Both the incremental path and the full rebuild derive memberships with this one function
 * from the facts of a (person, unit, year), so their results are identical by construction.
 */
export interface Membership {
  indicatorId: string;
  version: number;
  period: string;
  unitId: string;
  person: string;
  sex: 'K' | 'M';
  inNumerator: boolean;
}

/** Facts of one person at one unit in one calendar year, in any order. */
export function membershipsOf(
  definitions: readonly IndicatorDefinition[],
  facts: readonly Fact[],
): Membership[] {
  const first = facts[0];
  if (!first) return [];
  const out: Membership[] = [];
  for (const def of definitions) {
    for (const type of def.periodTypes) {
      const den = new Map<string, { sex: 'K' | 'M'; date: string }>();
      const num = new Set<string>();
      for (const f of facts) {
        if (!inPopulation(def.population, f)) continue;
        const period = periodOf(f.date, type);
        if (matchesFilter(def.denominator, f)) {
          const seen = den.get(period);
          // The person's sex as of their latest denominator fact in the period (overrides can change it).
          if (!seen || f.date > seen.date || (f.date === seen.date && f.sex < seen.sex)) {
            den.set(period, { sex: f.sex, date: f.date });
          }
        }
        if (matchesFilter(def.numerator, f)) num.add(period);
      }
      for (const [period, { sex }] of den) {
        out.push({
          indicatorId: def.id,
          version: def.version,
          period,
          unitId: first.unitId,
          person: first.person,
          sex,
          inNumerator: num.has(period),
        });
      }
    }
  }
  return out;
}

export const membershipKey = (
  m: Pick<Membership, 'indicatorId' | 'version' | 'period' | 'unitId' | 'person'>,
): string => `${m.indicatorId}|${m.version}|${m.period}|${m.unitId}|${m.person}`;

export interface CountDelta {
  indicatorId: string;
  version: number;
  period: string;
  unitId: string;
  sex: 'K' | 'M';
  numerator: number;
  denominator: number;
}

/** The change in counts when memberships go from `before` to `after` (same keys space). */
export function countDeltas(before: readonly Membership[], after: readonly Membership[]): CountDelta[] {
  const deltas = new Map<string, CountDelta>();
  const add = (m: Membership, sign: 1 | -1) => {
    const key = `${m.indicatorId}|${m.version}|${m.period}|${m.unitId}|${m.sex}`;
    let d = deltas.get(key);
    if (!d) {
      d = {
        indicatorId: m.indicatorId,
        version: m.version,
        period: m.period,
        unitId: m.unitId,
        sex: m.sex,
        numerator: 0,
        denominator: 0,
      };
      deltas.set(key, d);
    }
    d.denominator += sign;
    if (m.inNumerator) d.numerator += sign;
  };
  for (const m of before) add(m, -1);
  for (const m of after) add(m, 1);
  return [...deltas.values()].filter((d) => d.numerator !== 0 || d.denominator !== 0);
}
