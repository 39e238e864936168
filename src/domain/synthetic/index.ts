/**
 * A realistic synthetic nation for demos, tests and benchmarks: persons in elderly care and in
 * individual and family care, their service periods and their Senior Alert, palliative and
 * follow-up entries, deterministic from a seed. Pure: the demo module writes it.
 */
export { FEATURED_PER_UNIT, FOLLOWUP_SHARE, NationGenerator, generateNation } from './nation.js';
export { isSyntheticNumber, SYNTHETIC_SERIAL_FROM, SYNTHETIC_SERIAL_TO, uuidFrom } from './identity.js';
export { COVERAGE_MEAN, PALLIATIVE_BASE } from './municipalities.js';
export type { NationPlan } from './plan.js';
export type * from './types.js';
