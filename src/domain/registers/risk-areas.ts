/**
 * Senior Alert's risk areas, apart from the register's schemas (entries.ts) so that code which only
 * names them (the library's vocabulary, on every public page) does not bring zod into the browser.
 */
export const RISK_AREAS = ['pressure_ulcer', 'malnutrition', 'falls', 'oral_health'] as const;
export type RiskArea = (typeof RISK_AREAS)[number];
