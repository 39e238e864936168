import type { Principal, Role, RoleAssignment, Scope } from './principal.js';

/**
 * The one place that says who may do what. Routes ask `can`/`authorize`; they never decide.
 * Pure: the organisation's parent links (unit → municipality → region) come in pre-resolved on
 * the target or through a synchronous lookup, so the policy never does I/O.
 */
export const ACTIONS = [
  'org.write',
  'accounts.manage',
  'individual.read',
  'individual.write',
  'aggregates.read',
  'audit.review',
  'audit.verify',
  'system.backup',
  'library.edit',
  'library.submit',
  'releases.make',
  'agreements.manage',
  'surveys.manage',
  'surveys.enter',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * What an action is aimed at. Parents may be given (municipalityCode of a unit, regionCode of a
 * municipality) or found through an OrgLookup. `{}` is the nation as a whole.
 * An omitted target asks "may the principal do this anywhere at all?".
 */
export interface Target {
  unitId?: string;
  municipalityCode?: string;
  regionCode?: string;
}

export interface OrgLookup {
  municipalityOfUnit(unitId: string): string | undefined;
  regionOfMunicipality(code: string): string | undefined;
}

/** How far an assignment's scope reaches for one action. */
type Reach = 'global' | 'scope';

/** The table: per action, which roles grant it and whether their scope bounds it. */
const GRANTS: Record<Action, Partial<Record<Role, { reach: Reach; kinds?: Scope['kind'][] }>>> = {
  'org.write': { system_administrator: { reach: 'global' } },
  'accounts.manage': { system_administrator: { reach: 'global' } },
  'individual.read': {
    caseworker: { reach: 'scope', kinds: ['unit', 'municipality'] },
    unit_manager: { reach: 'scope', kinds: ['unit'] },
  },
  'individual.write': {
    caseworker: { reach: 'scope', kinds: ['unit', 'municipality'] },
    unit_manager: { reach: 'scope', kinds: ['unit'] },
  },
  'aggregates.read': {
    municipal_analyst: { reach: 'scope', kinds: ['municipality'] },
    regional_development_leader: { reach: 'scope', kinds: ['region'] },
    national_administrator: { reach: 'global' },
    caseworker: { reach: 'scope', kinds: ['unit', 'municipality'] },
    unit_manager: { reach: 'scope', kinds: ['unit'] },
  },
  'audit.review': {
    unit_manager: { reach: 'scope', kinds: ['unit'] },
    system_administrator: { reach: 'global' },
    national_administrator: { reach: 'global' },
  },
  'audit.verify': { system_administrator: { reach: 'global' } },
  // A backup of a running embedded server (src/modules/system/backup-routes.ts).
  'system.backup': { system_administrator: { reach: 'global' } },
  'library.edit': { knowledge_editor: { reach: 'global' } },
  // A municipality's staff may submit a good example of their own municipality for review.
  'library.submit': {
    knowledge_editor: { reach: 'global' },
    caseworker: { reach: 'scope', kinds: ['unit', 'municipality'] },
    unit_manager: { reach: 'scope', kinds: ['unit'] },
    municipal_analyst: { reach: 'scope', kinds: ['municipality'] },
  },
  'releases.make': { system_administrator: { reach: 'global' }, national_administrator: { reach: 'global' } },
  // Agreements, grant rules and grant decisions are national work (src/modules/agreements).
  'agreements.manage': { national_administrator: { reach: 'global' } },
  // Survey rounds and their codes: an analyst or a unit manager in scope (DOMAIN.md §5).
  'surveys.manage': {
    municipal_analyst: { reach: 'scope', kinds: ['municipality'] },
    unit_manager: { reach: 'scope', kinds: ['unit'] },
    national_administrator: { reach: 'global' },
  },
  // Entering a returned paper questionnaire for a unit.
  'surveys.enter': {
    caseworker: { reach: 'scope', kinds: ['unit', 'municipality'] },
    unit_manager: { reach: 'scope', kinds: ['unit'] },
    municipal_analyst: { reach: 'scope', kinds: ['municipality'] },
  },
};

interface Resolved {
  unitId: string | undefined;
  municipalityCode: string | undefined;
  regionCode: string | undefined;
}

function resolve(target: Target, lookup: OrgLookup | undefined): Resolved {
  const unitId = target.unitId;
  const municipalityCode =
    target.municipalityCode ?? (unitId !== undefined ? lookup?.municipalityOfUnit(unitId) : undefined);
  const regionCode =
    target.regionCode ??
    (municipalityCode !== undefined ? lookup?.regionOfMunicipality(municipalityCode) : undefined);
  return { unitId, municipalityCode, regionCode };
}

/** True when the scope contains the whole target. */
export function scopeCovers(scope: Scope, t: Resolved): boolean {
  switch (scope.kind) {
    case 'nation':
      return true;
    case 'region':
      return t.regionCode === scope.code;
    case 'municipality':
      return t.municipalityCode === scope.code;
    case 'unit':
      return t.unitId === scope.unitId;
  }
}

function grants(a: RoleAssignment, action: Action, target: Resolved | undefined): boolean {
  const rule = GRANTS[action][a.role];
  if (!rule) return false;
  if (rule.reach === 'global') return true;
  if (rule.kinds && !rule.kinds.includes(a.scope.kind)) return false;
  return target === undefined || scopeCovers(a.scope, target);
}

export function can(
  principal: Principal | null,
  action: Action,
  target?: Target,
  lookup?: OrgLookup,
): boolean {
  if (!principal) return false;
  const resolved = target === undefined ? undefined : resolve(target, lookup);
  return principal.assignments.some((a) => grants(a, action, resolved));
}

export interface IndividualScope {
  unitIds: string[];
  municipalityCodes: string[];
}

/** The units and municipalities whose individual-level data the principal may read (for RLS). */
export function individualScope(principal: Principal | null): IndividualScope {
  const unitIds = new Set<string>();
  const municipalityCodes = new Set<string>();
  for (const a of principal?.assignments ?? []) {
    if (!grants(a, 'individual.read', undefined)) continue;
    if (a.scope.kind === 'unit') unitIds.add(a.scope.unitId);
    else if (a.scope.kind === 'municipality') municipalityCodes.add(a.scope.code);
  }
  return { unitIds: [...unitIds].sort(), municipalityCodes: [...municipalityCodes].sort() };
}

/** Whose audit log entries the principal may review: all of them, or those of some units. */
export type AuditReviewScope = { all: true } | { all: false; unitIds: string[] };

export function auditReviewScope(principal: Principal | null): AuditReviewScope {
  // {} is the nation: only a global grant covers it.
  if (can(principal, 'audit.review', {})) return { all: true };
  const unitIds = new Set<string>();
  for (const a of principal?.assignments ?? []) {
    if (grants(a, 'audit.review', undefined) && a.scope.kind === 'unit') unitIds.add(a.scope.unitId);
  }
  return { all: false, unitIds: [...unitIds].sort() };
}

/** Which scope kinds each role may be assigned with. */
export const ROLE_SCOPE_KINDS: Record<Role, ReadonlyArray<Scope['kind']>> = {
  caseworker: ['unit', 'municipality'],
  unit_manager: ['unit'],
  municipal_analyst: ['municipality'],
  regional_development_leader: ['region'],
  national_administrator: ['nation'],
  knowledge_editor: ['nation'],
  system_administrator: ['nation'],
};
