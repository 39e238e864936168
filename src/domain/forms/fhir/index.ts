export * from './export-questionnaire.js';
export * from './extensions.js';
export * from './import-questionnaire.js';
export * from './r4-primitives.js';
export * from './r4-questionnaire.js';
export * from './r4-response.js';
export * from './response.js';
export type * from './types.js';
