import type { Fact } from '../facts/fact.js';
import type { IndicatorDefinition } from './definition.js';
import { inPopulation, matchesFilter } from './filter.js';
import { containsDate, type Period } from './period.js';

/**
 * The reference computation of an indicator for one period: counts per unit and sex of
 * persons meeting the denominator, and of those who also meet the numerator. The engine's
 * incremental SQL path must give exactly these numbers; tests compare the two.
 */
export interface ShareCounts {
  numerator: number;
  denominator: number;
}

export interface UnitCounts {
  K: ShareCounts;
  M: ShareCounts;
}

export function countIndicator(
  def: IndicatorDefinition,
  facts: Iterable<Fact>,
  period: Period,
): Map<string, UnitCounts> {
  // unit → person → the sex of that person's latest denominator fact in the period
  const denominators = new Map<string, Map<string, { sex: 'K' | 'M'; date: string }>>();
  const numerators = new Set<string>();
  for (const fact of facts) {
    if (!containsDate(period, fact.date) || !inPopulation(def.population, fact)) continue;
    if (matchesFilter(def.denominator, fact)) {
      let persons = denominators.get(fact.unitId);
      if (!persons) {
        persons = new Map<string, { sex: 'K' | 'M'; date: string }>();
        denominators.set(fact.unitId, persons);
      }
      const seen = persons.get(fact.person);
      if (!seen || fact.date > seen.date || (fact.date === seen.date && fact.sex < seen.sex)) {
        persons.set(fact.person, { sex: fact.sex, date: fact.date });
      }
    }
    if (matchesFilter(def.numerator, fact)) numerators.add(`${fact.unitId}\u0000${fact.person}`);
  }
  const result = new Map<string, UnitCounts>();
  for (const [unitId, persons] of denominators) {
    const counts: UnitCounts = { K: { numerator: 0, denominator: 0 }, M: { numerator: 0, denominator: 0 } };
    for (const [person, { sex }] of persons) {
      counts[sex].denominator++;
      if (numerators.has(`${unitId}\u0000${person}`)) counts[sex].numerator++;
    }
    result.set(unitId, counts);
  }
  return result;
}
