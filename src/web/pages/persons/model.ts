/** Persons as /api/v1/persons answers (src/modules/persons/present.ts). */
export type Sex = 'K' | 'M';

export interface ServicePeriod {
  unitId: string;
  municipalityCode: string;
  validFrom: string;
  validTo: string | null;
}

export interface PersonDetail {
  pseudonym: string;
  personnummer: string;
  name: string;
  birthDate: string;
  legalSex: Sex;
  sex: Sex;
  sexOverride: { sex: Sex; reason: string } | null;
  services: ServicePeriod[];
  access: 'scope' | 'break_glass';
}

export interface PersonSummary {
  pseudonym: string;
  birthYear: number;
  sex: Sex;
  services: ServicePeriod[];
}

export interface PersonPage {
  persons: PersonSummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface BreakGlassGrant {
  pseudonym: string;
  grantedAt: string;
  expiresAt: string;
}

/** Today in Sweden (YYYY-MM-DD): the reference date for the century of a 10-digit number. */
export function swedishToday(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/** The first characters of a pseudonym: enough to tell persons apart on screen. */
export function shortPseudonym(p: string): string {
  return `${p.slice(0, 10)}…`;
}
