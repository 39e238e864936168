import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { swedishDate } from '../../domain/identity/session.js';
import { can } from '../../domain/policy/policy.js';
import type { Principal } from '../../domain/policy/principal.js';
import { clockOf } from '../../server/authorize.js';
import { municipalityOfUnit } from '../org/queries.js';
import type { LibraryActor } from './service.js';

/**
 * The library actor of a request: an editor holds library.edit; anyone holding library.submit may
 * act for a municipality their scope covers — a municipality scope that municipality, a unit
 * scope the municipality the unit belongs to today, a national scope every municipality.
 */
export function actorOf(req: FastifyRequest, principal: Principal, deps: AppDeps): LibraryActor {
  const now = clockOf(deps)();
  return {
    userId: principal.userId,
    editor: can(principal, 'library.edit'),
    async maySubmitFor(code: string): Promise<boolean> {
      if (can(principal, 'library.submit', { municipalityCode: code })) return true;
      for (const a of principal.assignments) {
        if (a.scope.kind !== 'unit') continue;
        if (!can(principal, 'library.submit', { unitId: a.scope.unitId })) continue;
        if ((await municipalityOfUnit(deps.db, a.scope.unitId, swedishDate(now))) === code) return true;
      }
      return false;
    },
    clientAddress: req.ip,
    now,
  };
}
