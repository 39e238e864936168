import { canonicalJson } from '../surveys/shuffle.js';
import type { IndicatorDefinition } from './definition.js';

/**
 * What the catalogue tells a reader is one count (issue #17, across indicators): the denominators
 * of indicators with the same denominator, population and operating area count the same persons,
 * per node × sex; likewise numerators with their denominator. Releases and the live analytics
 * both name shared quantities this way.
 */
export type QuantityNames = {
  denominator: string;
  numerator: string;
};

// A definition object never changes once read, and analytics asks for every table of a request.
const named = new WeakMap<IndicatorDefinition, QuantityNames>();

export function quantityOf(def: IndicatorDefinition): QuantityNames {
  let names = named.get(def);
  if (!names) {
    const denominator = canonicalJson([def.operatingArea, def.population, def.denominator]);
    names = { denominator, numerator: canonicalJson([denominator, def.numerator]) };
    named.set(def, names);
  }
  return names;
}

/**
 * The definitions that share a quantity with `def`, directly or through another (itself
 * included): one sharing group, whichever member is asked for.
 */
export function sharingGroup(
  def: IndicatorDefinition,
  definitions: readonly IndicatorDefinition[],
): IndicatorDefinition[] {
  const group = new Map([[def.id, def]]);
  const names = new Set(Object.values(quantityOf(def)));
  const others = definitions.map((d) => ({ d, own: Object.values(quantityOf(d)) }));
  for (let grew = true; grew;) {
    grew = false;
    for (const { d, own } of others) {
      if (group.has(d.id) || !own.some((n) => names.has(n))) continue;
      group.set(d.id, d);
      for (const n of own) names.add(n);
      grew = true;
    }
  }
  return [...group.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
