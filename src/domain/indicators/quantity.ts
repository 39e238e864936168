import { canonicalJson } from '../surveys/shuffle.js';
import type { IndicatorDefinition } from './definition.js';

/**
 * What the catalogue tells a reader is one count (issue #17, across indicators): the denominators
 * of indicators with the same denominator, population and operating area count the same persons,
 * per node × sex; likewise numerators with their denominator. Releases and the live analytics
 * both name shared quantities this way.
 */
export function quantityOf(def: IndicatorDefinition): { denominator: string; numerator: string } {
  const denominator = canonicalJson([def.operatingArea, def.population, def.denominator]);
  return { denominator, numerator: canonicalJson([denominator, def.numerator]) };
}

/**
 * The definitions that share a quantity with `def`, directly or through another (itself
 * included): one sharing group, whichever member is asked for.
 */
export function sharingGroup(
  def: IndicatorDefinition,
  definitions: readonly IndicatorDefinition[],
): IndicatorDefinition[] {
  const group = [def];
  const names = new Set(Object.values(quantityOf(def)));
  for (let grew = true; grew;) {
    grew = false;
    for (const d of definitions) {
      if (group.some((g) => g.id === d.id)) continue;
      const own = Object.values(quantityOf(d));
      if (!own.some((n) => names.has(n))) continue;
      group.push(d);
      for (const n of own) names.add(n);
      grew = true;
    }
  }
  return group.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The quantity ids of a table's cells (node × sex), as the joint step names them. */
export function quantityIds(
  def: IndicatorDefinition,
  cells: ReadonlyArray<{ node: string; sex: string }>,
): { numeratorIds: string[]; denominatorIds: string[] } {
  const quantity = quantityOf(def);
  return {
    numeratorIds: cells.map((c) => `${quantity.numerator}:${c.node}/${c.sex}`),
    denominatorIds: cells.map((c) => `${quantity.denominator}:${c.node}/${c.sex}`),
  };
}
