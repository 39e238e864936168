import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../../domain/policy/principal.js';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import * as accounts from './accounts.js';
import { authorize, clockOf } from '../../server/authorize.js';
import { accountParams, assignmentParams, newAccountInput, newAssignmentInput } from './schema.js';

/** /api/v1/admin/accounts: account and role administration (accounts.manage). */
export function adminAccountRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const now = clockOf(deps);

  app.get('/api/v1/admin/accounts', async (req) => {
    await authorize(req, 'accounts.manage');
    return { accounts: await accounts.listAccounts(db) };
  });

  app.post('/api/v1/admin/accounts', async (req, reply) => {
    const by = actorOf(req, await authorize(req, 'accounts.manage'));
    const account = await accounts.createAccount(db, parseInput(newAccountInput, req.body, 'body'), by);
    return reply.status(201).header('location', `/api/v1/admin/accounts/${account.id}`).send(account);
  });

  app.post('/api/v1/admin/accounts/:id/disable', async (req) => {
    const by = actorOf(req, await authorize(req, 'accounts.manage'));
    const { id } = parseInput(accountParams, req.params, 'params');
    return accounts.disableAccount(db, id, by);
  });

  app.post('/api/v1/admin/accounts/:id/roles', async (req, reply) => {
    const by = actorOf(req, await authorize(req, 'accounts.manage'));
    const { id } = parseInput(accountParams, req.params, 'params');
    const input = parseInput(newAssignmentInput, req.body, 'body');
    return reply.status(201).send(await accounts.addAssignment(db, id, input, now(), by));
  });

  app.delete('/api/v1/admin/accounts/:id/roles/:assignmentId', async (req, reply) => {
    const by = actorOf(req, await authorize(req, 'accounts.manage'));
    const { id, assignmentId } = parseInput(assignmentParams, req.params, 'params');
    await accounts.removeAssignment(db, id, assignmentId, by);
    return reply.status(204).send();
  });
}

/** The administrator and the address the change came from, for the audit log. */
function actorOf(req: FastifyRequest, principal: Principal): accounts.AdminActor {
  return { userId: principal.userId, clientAddress: req.ip };
}
