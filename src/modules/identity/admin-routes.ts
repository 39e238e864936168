import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import * as accounts from './accounts.js';
import { authorize, clockOf } from './http.js';
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
    await authorize(req, 'accounts.manage');
    const account = await accounts.createAccount(db, parseInput(newAccountInput, req.body, 'body'));
    return reply.status(201).header('location', `/api/v1/admin/accounts/${account.id}`).send(account);
  });

  app.post('/api/v1/admin/accounts/:id/disable', async (req) => {
    await authorize(req, 'accounts.manage');
    const { id } = parseInput(accountParams, req.params, 'params');
    return accounts.disableAccount(db, id);
  });

  app.post('/api/v1/admin/accounts/:id/roles', async (req, reply) => {
    await authorize(req, 'accounts.manage');
    const { id } = parseInput(accountParams, req.params, 'params');
    const input = parseInput(newAssignmentInput, req.body, 'body');
    return reply.status(201).send(await accounts.addAssignment(db, id, input, now()));
  });

  app.delete('/api/v1/admin/accounts/:id/roles/:assignmentId', async (req, reply) => {
    await authorize(req, 'accounts.manage');
    const { id, assignmentId } = parseInput(assignmentParams, req.params, 'params');
    await accounts.removeAssignment(db, id, assignmentId);
    return reply.status(204).send();
  });
}
