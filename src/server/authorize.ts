import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../domain/errors.js';
import { swedishDate } from '../domain/identity/session.js';
import { can, type Action, type Target } from '../domain/policy/policy.js';
import type { Principal } from '../domain/policy/principal.js';
import { municipalityOfUnit, regionOfMunicipality } from '../modules/org/queries.js';
import type { AppDeps } from './deps.js';

/**
 * What every route uses to ask the policy: the principal the identity module put on the request
 * (src/modules/identity/http.ts), and the org register for a target's parents. Kept here, not in
 * a module, so that no module needs the identity module to guard its routes.
 */
export function clockOf(deps: AppDeps): () => Date {
  return deps.now ?? (() => new Date());
}

/** The logged-in principal, or UnauthorizedError (401). */
export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new UnauthorizedError('Du behöver logga in. / You need to log in.');
  return req.principal;
}

/**
 * Asks the policy; 401 when anonymous, 403 when refused. Returns the principal.
 * Parents of the target (a unit's municipality, a municipality's region) are looked up first
 * when `deps` is given and they are missing.
 */
export async function authorize(
  req: FastifyRequest,
  action: Action,
  target?: Target,
  deps?: AppDeps,
): Promise<Principal> {
  const principal = requirePrincipal(req);
  const resolved = target && deps ? await resolveTarget(deps, target) : target;
  if (!can(principal, action, resolved)) {
    throw new ForbiddenError('Du har inte behörighet till detta. / You are not allowed to do this.');
  }
  return principal;
}

/** Fills in the parents of a target from the org register, as of today. */
export async function resolveTarget(deps: AppDeps, target: Target): Promise<Target> {
  const day = swedishDate(clockOf(deps)());
  const municipalityCode =
    target.municipalityCode ??
    (target.unitId !== undefined ? await municipalityOfUnit(deps.db, target.unitId, day) : undefined);
  const regionCode =
    target.regionCode ??
    (municipalityCode !== undefined ? await regionOfMunicipality(deps.db, municipalityCode, day) : undefined);
  return {
    ...(target.unitId !== undefined ? { unitId: target.unitId } : {}),
    ...(municipalityCode !== undefined ? { municipalityCode } : {}),
    ...(regionCode !== undefined ? { regionCode } : {}),
  };
}
