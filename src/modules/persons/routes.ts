import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps, ModuleRoutes } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { ForbiddenError } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/actor.js';
import type { Action } from '../../domain/policy/policy.js';
import type { AuditAction } from '../../domain/audit/entry.js';
import { authorize, clockOf } from '../../server/authorize.js';
import { loadPseudonymKey } from '../../config/secrets.js';
import {
  breakGlassInput,
  endServiceInput,
  listQuery,
  lookupInput,
  newPersonInput,
  pseudonymParams,
  serviceParams,
  sexOverrideInput,
} from './schema.js';
import * as changes from './changes.js';
import * as persons from './service.js';

/**
 * /api/v1/persons: pseudonymised persons behind row-level security. Numbers travel only in POST
 * bodies, never in URLs (access logs). Every route asks the policy first; a refusal is audited.
 */
export const personRoutes =
  (consequences: persons.PersonConsequences): ModuleRoutes =>
  (app: FastifyInstance, deps: AppDeps): void => {
    const now = clockOf(deps);
    const personsDeps: persons.PersonsDeps = {
      db: deps.db,
      key: loadPseudonymKey(deps.config),
      breakGlassHours: deps.config.breakGlassHours,
      consequences,
    };

    /** Asks the policy; logs a 403 as a denied attempt. Returns who acts, from where, when. */
    async function actorFor(req: FastifyRequest, action: Action, auditAction: AuditAction): Promise<Actor> {
      const at = now();
      try {
        const principal = await authorize(req, action);
        return { principal, clientAddress: req.ip, now: at };
      } catch (err) {
        if (err instanceof ForbiddenError && req.principal) {
          await persons.auditRefusal(
            deps.db,
            { principal: req.principal, clientAddress: req.ip, now: at },
            auditAction,
          );
        }
        throw err;
      }
    }

    app.post('/api/v1/persons', async (req, reply) => {
      const actor = await actorFor(req, 'individual.write', 'person_create');
      const input = parseInput(newPersonInput, req.body, 'body');
      const result = await persons.registerPerson(personsDeps, actor, input);
      return reply.status(result.linked ? 201 : 200).send(result);
    });

    app.post('/api/v1/persons/lookup', async (req) => {
      const actor = await actorFor(req, 'individual.read', 'person_lookup');
      const { personnummer } = parseInput(lookupInput, req.body, 'body');
      return persons.lookupPerson(personsDeps, actor, personnummer);
    });

    app.get('/api/v1/persons', async (req) => {
      const actor = await actorFor(req, 'individual.read', 'person_list');
      return persons.listPersons(personsDeps, actor, parseInput(listQuery, req.query, 'query'));
    });

    app.get('/api/v1/persons/export.csv', async (req, reply) => {
      const actor = await actorFor(req, 'individual.read', 'person_export');
      const csv = await persons.exportPersons(personsDeps, actor);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="personer.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    });

    app.get('/api/v1/persons/:pseudonym', async (req) => {
      const actor = await actorFor(req, 'individual.read', 'person_read');
      const { pseudonym } = parseInput(pseudonymParams, req.params, 'params');
      return persons.readPerson(personsDeps, actor, pseudonym);
    });

    app.post('/api/v1/persons/break-glass', async (req, reply) => {
      const actor = await actorFor(req, 'individual.read', 'break_glass');
      const input = parseInput(breakGlassInput, req.body, 'body');
      return reply.status(201).send(await persons.breakGlass(personsDeps, actor, input));
    });

    app.post('/api/v1/persons/:pseudonym/services/:serviceId/end', async (req) => {
      const actor = await actorFor(req, 'individual.write', 'service_end');
      const { pseudonym, serviceId } = parseInput(serviceParams, req.params, 'params');
      const { servedTo } = parseInput(endServiceInput, req.body, 'body');
      return changes.endService(personsDeps, actor, pseudonym, serviceId, servedTo);
    });

    app.put('/api/v1/persons/:pseudonym/sex-override', async (req) => {
      const actor = await actorFor(req, 'individual.write', 'person_sex_override');
      const { pseudonym } = parseInput(pseudonymParams, req.params, 'params');
      const input = parseInput(sexOverrideInput, req.body, 'body');
      return changes.setSexOverride(personsDeps, actor, pseudonym, input);
    });

    app.delete('/api/v1/persons/:pseudonym/sex-override', async (req) => {
      const actor = await actorFor(req, 'individual.write', 'person_sex_override');
      const { pseudonym } = parseInput(pseudonymParams, req.params, 'params');
      return changes.removeSexOverride(personsDeps, actor, pseudonym);
    });
  };
