/**
 * Disclosure control for published indicator tables: primary suppression of small counts,
 * secondary suppression against recovery by subtraction along the org hierarchy and across sex,
 * and an exact verifier. Proves that no hidden count can be recovered exactly; interval (bounds)
 * disclosure from non-negativity is not covered (see verify.ts).
 */
export { Rational } from './rational.js';
export { SEXES, cellId } from './table.js';
export type { CellKey, CountCell, ParentMap, Sex } from './table.js';
export { deriveRelations, relationViolations } from './relations.js';
export type { Relation } from './relations.js';
export { DEFAULT_THRESHOLD, isPrimaryCell, isSensitiveCount, primarySuppression } from './primary.js';
export { verifyTable } from './verify.js';
export type { Determination, PublishedCell, PublishedValue, Verification } from './verify.js';
export { measureLoss, suppress } from './suppress.js';
export type { DisclosedCell, Loss, SuppressOptions, SuppressionResult, Suppression } from './suppress.js';
