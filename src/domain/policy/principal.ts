/**
 * Who is calling: the contract between identity (which authenticates and builds a Principal)
 * and every module that asks the policy whether a principal may do something.
 */
export const ROLES = [
  'caseworker', // handläggare: individual data of the units they serve
  'unit_manager', // enhetschef: individual data of one unit, log review for it
  'municipal_analyst', // aggregated data of a municipality only
  'regional_development_leader', // aggregated data of a region only
  'national_administrator', // national coordination, aggregated data of the nation
  'knowledge_editor', // the knowledge library
  'system_administrator', // accounts, role assignments, the org register
] as const;
export type Role = (typeof ROLES)[number];

export type Scope =
  | { kind: 'unit'; unitId: string }
  | { kind: 'municipality'; code: string }
  | { kind: 'region'; code: string }
  | { kind: 'nation' };

export interface RoleAssignment {
  id: string;
  role: Role;
  scope: Scope;
  /** ISO dates, half-open [validFrom, validTo); null validTo = open. */
  validFrom: string;
  validTo: string | null;
}

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  authMethod: 'password' | 'oidc';
  sessionId: string;
  /** Assignments valid now; expired and future ones are not included. */
  assignments: RoleAssignment[];
}
