import type { LegalSex } from '../domain/persons/personnummer.js';

/**
 * What /api/v1/persons answers. Name and personnummer appear only in PersonDetail, which only
 * lookup and read return; everything else carries the pseudonym.
 */
export interface ServicePeriod {
  /** The period's id: /api/v1/persons/{pseudonym}/services/{id}/end ends it. */
  id: number;
  unitId: string;
  municipalityCode: string;
  validFrom: string;
  /** The first day no longer served; null = still served. */
  validTo: string | null;
}

export interface PersonSummary {
  pseudonym: string;
  birthYear: number;
  /** The sex used in statistics: the override when set, else the legal sex. */
  sex: LegalSex;
  services: ServicePeriod[];
}

export interface PersonDetail {
  pseudonym: string;
  /** YYYYMMDD-NNNC. */
  personnummer: string;
  name: string;
  birthDate: string;
  legalSex: LegalSex;
  sex: LegalSex;
  sexOverride: { sex: LegalSex; reason: string } | null;
  services: ServicePeriod[];
  /** How the caller may see this person: served in scope, or through a break-the-glass grant. */
  access: 'scope' | 'break_glass';
}

/** GET /api/v1/persons. */
export interface PersonPage {
  persons: PersonSummary[];
  total: number;
  limit: number;
  offset: number;
}

/** POST /api/v1/persons/break-glass: times are ISO 8601. */
export interface BreakGlassGrant {
  pseudonym: string;
  grantedAt: string;
  expiresAt: string;
}

/** PUT and DELETE /api/v1/persons/{pseudonym}/sex-override. */
export interface PersonSex {
  pseudonym: string;
  legalSex: LegalSex;
  /** The sex used in statistics: the override when set, else the legal sex. */
  sex: LegalSex;
  sexOverride: { sex: LegalSex; reason: string } | null;
  /** false when the request asked for what was already on file. */
  changed: boolean;
}

/** POST /api/v1/persons/{pseudonym}/services/{serviceId}/end. */
export interface EndServiceResult {
  service: ServicePeriod;
  /** false when the period had already ended on the same day (nothing changed). */
  changed: boolean;
}
