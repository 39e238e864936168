import type { IndicatorDefinition } from '../domain/indicators/definition.js';

/** GET /api/v1/indicators: the active indicator definitions. */
export interface IndicatorList {
  indicators: IndicatorDefinition[];
}
