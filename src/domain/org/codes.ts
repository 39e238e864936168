/** Swedish organisation codes (DESIGN.md: codes are strings that keep their leading zeros). */
export const NATION_KOLADA_ID = '0000';

export const isRegionCode = (code: string): boolean => /^[0-9]{2}$/.test(code);
export const isMunicipalityCode = (code: string): boolean => /^[0-9]{4}$/.test(code);

/** Kolada numbers regions "0001".."0025" from the two-digit county code. */
export const regionKoladaId = (regionCode: string): string => `00${regionCode}`;

export const PROVIDER_TYPES = ['municipal', 'private', 'non_profit'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export const OPERATING_AREAS = [
  'elderly_care',
  'disability',
  'individual_family_care',
  'health_care',
  'other',
] as const;
export type OperatingArea = (typeof OPERATING_AREAS)[number];

export const UNIT_TYPES = [
  'special_housing',
  'home_care',
  'short_term_housing',
  'daily_activity',
  'group_home',
  'personal_assistance',
  'ifo_section',
  'other',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
