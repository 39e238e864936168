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
    // Survey indicators count settled rounds, never facts.
    if (def.survey) continue;
    // The filters first, once per definition: most facts belong to other indicators.
    const relevant: Array<{ f: Fact; inDen: boolean; inNum: boolean }> = [];
    for (const f of facts) {
      const inDen = matchesFilter(def.denominator, f);
      const inNum = matchesFilter(def.numerator, f);
      if ((inDen || inNum) && inPopulation(def.population, f)) relevant.push({ f, inDen, inNum });
    }
    if (relevant.length === 0) continue;
    for (const type of def.periodTypes) {
      const den = new Map<string, { sex: 'K' | 'M'; date: string }>();
      const num = new Set<string>();
      for (const { f, inDen, inNum } of relevant) {
        const period = periodOf(f.date, type);
        if (inDen) {
          const seen = den.get(period);
          // The person's sex as of their latest denominator fact in the period (overrides can change it).
          if (!seen || f.date > seen.date || (f.date === seen.date && f.sex < seen.sex)) {
            den.set(period, { sex: f.sex, date: f.date });
          }
        }
        if (inNum) num.add(period);
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

/**
 * Count deltas summed over any number of membership changes. A registration sums one change; an
 * import sums every slice it touched and writes each count once, not once per chunk of slices.
 */
export class CountDeltaSum {
  private readonly deltas = new Map<string, CountDelta>();

  /** Adds the change from `before` to `after` (same keys space). */
  addChange(before: readonly Membership[], after: readonly Membership[]): this {
    for (const m of before) this.add(m, -1);
    for (const m of after) this.add(m, 1);
    return this;
  }

  private add(m: Membership, sign: 1 | -1): void {
    const key = `${m.indicatorId}|${m.version}|${m.period}|${m.unitId}|${m.sex}`;
    let d = this.deltas.get(key);
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
      this.deltas.set(key, d);
    }
    d.denominator += sign;
    if (m.inNumerator) d.numerator += sign;
  }

  /** The deltas that change a count. */
  nonZero(): CountDelta[] {
    return [...this.deltas.values()].filter((d) => d.numerator !== 0 || d.denominator !== 0);
  }
}

/** The change in counts when memberships go from `before` to `after` (same keys space). */
export function countDeltas(before: readonly Membership[], after: readonly Membership[]): CountDelta[] {
  return new CountDeltaSum().addChange(before, after).nonZero();
}
