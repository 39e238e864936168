import type { IndicatorDefinition } from './definition.js';

/**
 * Whether an indicator's tables are published for women and men apart (K, M) as well as for both
 * together (T). Survey answers carry no sex, so survey measures are published as T only; every
 * reader of a table (Kolada, PxWeb, the public pages) asks this one rule.
 */
export function isDividedBySex(def: Pick<IndicatorDefinition, 'survey'>): boolean {
  return def.survey === undefined;
}
