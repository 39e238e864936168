import type { OperatingArea, UnitType } from '../org/codes.js';

/**
 * The synthetic nation: input (the org register as it is) and output (persons, service periods
 * and register entries). Everything here is made up, deterministically from a seed, and marked
 * synthetic wherever it is stored.
 */
export interface SyntheticMunicipality {
  code: string;
  /** SKR municipality group (A1..C9) when known; drives the size of the municipality. */
  skrGroup: string | null;
}

/** One version of a unit, as org_unit_version holds it (validTo 'infinity' for open). */
export interface SyntheticUnitVersion {
  unitId: string;
  municipalityCode: string;
  operatingArea: OperatingArea;
  unitType: UnitType;
  validFrom: string;
  validTo: string;
}

export interface NationInput {
  seed: number | string;
  persons: number;
  /** Last day of the data (inclusive); the span starts on 1 January `years` years earlier. */
  asOf: string;
  /** Full calendar years before asOf's year that the data covers; default 4. */
  years?: number;
  municipalities: readonly SyntheticMunicipality[];
  units: readonly SyntheticUnitVersion[];
  /** Units that must get a handful of persons with entries (the demo caseworker's unit). */
  featuredUnitIds?: readonly string[];
}

export type Sex = 'K' | 'M';

export interface SyntheticPerson {
  /** Position in the nation (0-based); persons are generated in this order. */
  index: number;
  personnummer12: string;
  name: string;
  birthDate: string;
  sex: Sex;
  group: 'elderly_care' | 'followup';
}

/** A service period [validFrom, validTo) at a unit; validTo 'infinity' while still served. */
export interface SyntheticService {
  unitId: string;
  municipalityCode: string;
  validFrom: string;
  validTo: string;
}

export interface SyntheticEntry {
  /** Deterministic uuid (v4-shaped) derived from the seed. */
  id: string;
  register: 'senior_alert' | 'palliative' | 'followup';
  kind: string;
  unitId: string;
  /** The unit's municipality on occurredOn. */
  municipalityCode: string;
  occurredOn: string;
  data: Record<string, unknown>;
  /** When it was (first) submitted; never after the end of asOf. */
  submittedAt: string;
}

export interface SyntheticPersonRecord {
  person: SyntheticPerson;
  services: SyntheticService[];
  entries: SyntheticEntry[];
  /** Date of death when the person died within the span. */
  diedOn: string | null;
}

/** The municipality's own random effects (exposed so tests can check the spread). */
export interface MunicipalityParams {
  code: string;
  /** Relative number of persons served. */
  weight: number;
  /** Share of served persons taking part in Senior Alert risk assessment. */
  participation: number;
  /** Added to every person's frailty: risk prevalence varies between municipalities. */
  riskEffect: number;
  actionRate: number;
  followUpRate: number;
  fallFactor: number;
  /** Share of deaths registered in the palliative register. */
  palliativeCoverage: number;
  /** Logit offset of the palliative quality indicators, shared and per indicator. */
  palliativeQuality: Record<PalliativeIndicator, number>;
}

export type PalliativeIndicator =
  | 'oralHealthAssessed'
  | 'painAssessed'
  | 'prnOpioid'
  | 'prnAnxiolytic'
  | 'freeOfPressureUlcers'
  | 'breakpointConversation';
