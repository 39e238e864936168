import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { swedishDate } from '../../domain/identity/session.js';
import { authorize, clockOf } from '../../server/authorize.js';
import {
  agreementBody,
  cofinancingBody,
  decisionBody,
  proposalBody,
  proposalStatusBody,
  ruleBody,
  type DecisionAnswer,
  type GrantRuleList,
} from '../../contracts/agreements.js';
import { listMunicipalities } from '../org/queries.js';
import { followUpPdf } from './pdf.js';
import * as q from './queries.js';
import * as reads from './reads.js';
import * as service from './service.js';

const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const versionParams = yearParams.extend({ version: z.coerce.number().int().positive() });
const idParams = z.object({ id: z.string().uuid() });
const ruleParams = z.object({ ruleKey: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/) });
const followUpQuery = z.object({
  region: z
    .string()
    .regex(/^[0-9]{2}$/)
    .optional(),
});

/**
 * /api/v1/agreements: agreements, the annual cycle, grant rules and decisions, co-financing and
 * follow-up. Reads are public (agreements are public documents; decisions and the follow-up rest
 * on released values only); every write needs agreements.manage and is audited.
 */
export function agreementRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const now = clockOf(deps);
  const today = () => swedishDate(now());
  const dir = deps.config.referenceDataDir;
  const manager = async (req: FastifyRequest): Promise<service.AgreementsActor> => {
    const p = await authorize(req, 'agreements.manage');
    return { userId: p.userId, clientAddress: req.ip, now: now() };
  };

  app.get('/api/v1/agreements/years/:year', async (req) => {
    const { year } = parseInput(yearParams, req.params, 'params');
    return reads.yearView(db, dir, year, today());
  });

  app.get('/api/v1/agreements/years/:year/follow-up', async (req) => {
    const { year } = parseInput(yearParams, req.params, 'params');
    const { region } = parseInput(followUpQuery, req.query, 'query');
    return reads.followUp(db, year, region ?? null, today());
  });

  app.get('/api/v1/agreements/years/:year/follow-up.pdf', async (req, reply) => {
    const { year } = parseInput(yearParams, req.params, 'params');
    const { region } = parseInput(followUpQuery, req.query, 'query');
    const pdf = await followUpPdf(await reads.followUp(db, year, region ?? null, today()), today());
    return reply
      .type('application/pdf')
      .header(
        'content-disposition',
        `inline; filename="uppfoljning-${year}${region ? `-${region}` : ''}.pdf"`,
      )
      .send(pdf);
  });

  app.post('/api/v1/agreements/years/:year/versions', async (req, reply) => {
    const actor = await manager(req);
    const { year } = parseInput(yearParams, req.params, 'params');
    const body = parseInput(agreementBody, req.body, 'body');
    return reply.status(201).send(await service.saveAgreementVersion(db, actor, year, body));
  });

  app.post('/api/v1/agreements/years/:year/versions/:version/sign', async (req) => {
    const actor = await manager(req);
    const { year, version } = parseInput(versionParams, req.params, 'params');
    return service.signAgreement(db, actor, year, version);
  });

  app.post('/api/v1/agreements/years/:year/proposals', async (req, reply) => {
    const actor = await manager(req);
    const { year } = parseInput(yearParams, req.params, 'params');
    const body = parseInput(proposalBody, req.body, 'body');
    return reply.status(201).send(await service.addProposal(db, actor, year, body));
  });

  app.post('/api/v1/agreements/proposals/:id/status', async (req) => {
    const actor = await manager(req);
    const { id } = parseInput(idParams, req.params, 'params');
    const { status } = parseInput(proposalStatusBody, req.body, 'body');
    return service.setProposalStatus(db, actor, id, status);
  });

  app.put('/api/v1/agreements/years/:year/cofinancing', async (req) => {
    const actor = await manager(req);
    const { year } = parseInput(yearParams, req.params, 'params');
    const body = parseInput(cofinancingBody, req.body, 'body');
    const known = new Set((await listMunicipalities(db, { asOf: today() })).map((m) => m.code));
    await service.setCofinancing(db, actor, year, body, known);
    return reads.cofinancingView(db, dir, year, today());
  });

  app.get('/api/v1/agreements/rules', async (): Promise<GrantRuleList> => ({
    rules: await q.grantRules(db),
  }));

  app.post('/api/v1/agreements/rules/:ruleKey/versions', async (req, reply) => {
    const actor = await manager(req);
    const { ruleKey } = parseInput(ruleParams, req.params, 'params');
    const body = parseInput(ruleBody, req.body, 'body');
    return reply.status(201).send(await service.saveRule(db, actor, ruleKey, body));
  });

  app.post('/api/v1/agreements/decisions', async (req, reply) => {
    const actor = await manager(req);
    const body = parseInput(decisionBody, req.body, 'body');
    const { id } = await service.decide(db, dir, actor, body, today());
    return reply.status(201).send(await service.decisionWithNames(db, id, today()));
  });

  app.get('/api/v1/agreements/decisions/:id', async (req): Promise<DecisionAnswer> => {
    const { id } = parseInput(idParams, req.params, 'params');
    const d = await service.decisionWithNames(db, id, today());
    return { ...d, reproduces: service.reproduces(d) };
  });
}
