import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadPseudonymKey } from '../../config/secrets.js';
import type {
  IssuedCodes,
  RoundUnitList,
  SurveyForm,
  SurveyResults,
  SurveyRoundList,
  SurveyTemplateSummary,
} from '../../contracts/surveys.js';
import { ForbiddenError } from '../../domain/errors.js';
import { swedishDate } from '../../domain/identity/session.js';
import { unitNode } from '../../domain/indicators/rollup.js';
import { can } from '../../domain/policy/policy.js';
import { SURVEY_TEMPLATES } from '../../domain/surveys/templates.js';
import { authorize, clockOf, requirePrincipal, resolveTarget } from '../../server/authorize.js';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { codeKey } from './keys.js';
import { codesCsv, lettersPdf, answerUrl } from './letters.js';
import * as q from './queries.js';
import { roundResults } from './results.js';
import { unitOverview } from './overview.js';
import { answerBody, createRoundBody, issueCodesBody, paperBody, roundParams, unitParams } from './schema.js';
import * as service from './service.js';

/**
 * /api/v1/surveys: rounds and codes for staff in scope; the answering endpoints are anonymous
 * (a code is the only credential) and throttled per address and per round.
 */
export function surveyRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const now = clockOf(deps);
  const keys: service.SurveyKeys = { codeKey: codeKey(loadPseudonymKey(deps.config)), randomInt };
  const minimum = deps.config.disclosureThreshold;
  const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

  app.get('/api/v1/surveys/templates', (_req, reply) => {
    const body: { templates: SurveyTemplateSummary[] } = {
      templates: SURVEY_TEMPLATES.map((t) => ({
        id: t.form.id,
        version: t.form.version,
        kind: t.kind,
        title: t.form.title,
      })),
    };
    return reply.send(body);
  });

  app.post('/api/v1/surveys/rounds', async (req, reply) => {
    requirePrincipal(req);
    const body = parseInput(createRoundBody, req.body, 'body');
    for (const unitId of body.unitIds) await authorize(req, 'surveys.manage', { unitId }, deps);
    const round = await service.createRound(db, body, requirePrincipal(req).userId);
    return reply.code(201).send(round);
  });

  app.get('/api/v1/surveys/rounds', async (req): Promise<SurveyRoundList> => {
    requirePrincipal(req);
    const visible = [];
    for (const r of await q.roundsOfUnits(db, null)) if (await mayRead(req, r.unitIds)) visible.push(r);
    return { rounds: visible };
  });

  app.post('/api/v1/surveys/rounds/:id/codes', async (req, reply) => {
    requirePrincipal(req);
    const { id } = parseInput(roundParams, req.params, 'params');
    const body = parseInput(issueCodesBody, req.body, 'body');
    const principal = await authorize(req, 'surveys.manage', { unitId: body.unitId }, deps);
    const codes = await service.issueCodes(
      db,
      keys,
      { roundId: id, unitId: body.unitId, count: body.count },
      {
        accountId: principal.userId,
        clientAddress: req.ip,
        now: now(),
      },
    );
    reply.header('cache-control', 'no-store');
    if (body.format === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="koder-${id}.csv"`)
        .send(codesCsv(baseUrl(req), id, codes));
    }
    if (body.format === 'pdf') {
      const round = await service.roundOrThrow(db, id);
      const pdf = await lettersPdf(baseUrl(req), id, service.templateOf(round).form.title.sv, codes);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="brev-${id}.pdf"`)
        .send(pdf);
    }
    const issued: IssuedCodes = {
      roundId: id,
      unitId: body.unitId,
      codes,
      answerUrl: answerUrl(baseUrl(req), id, ''),
    };
    return issued;
  });

  // Anonymous: the form of a round, for the answering page.
  app.get('/api/v1/surveys/rounds/:id/form', async (req): Promise<SurveyForm> => {
    const { id } = parseInput(roundParams, req.params, 'params');
    const round = await service.roundOrThrow(db, id);
    const t = service.templateOf(round);
    const today = swedishDate(now());
    return {
      roundId: round.id,
      open: round.opensOn <= today && today <= round.closesOn,
      kind: t.kind,
      form: t.form,
      themes: t.themes,
      easyRead: t.easyRead,
      pictures: t.pictures ?? null,
    };
  });

  // Anonymous: the code is the credential. Nothing about the request is stored with the answer.
  app.post('/api/v1/surveys/rounds/:id/answers', async (req, reply) => {
    const { id } = parseInput(roundParams, req.params, 'params');
    const body = parseInput(answerBody, req.body, 'body');
    await service.submitAnswers(db, keys, {
      roundId: id,
      code: body.code,
      answers: body.answers,
      clientAddress: req.ip,
      now: now(),
    });
    return reply.code(204).send();
  });

  app.post('/api/v1/surveys/rounds/:id/paper', async (req, reply) => {
    requirePrincipal(req);
    const { id } = parseInput(roundParams, req.params, 'params');
    const body = parseInput(paperBody, req.body, 'body');
    const principal = await authorize(req, 'surveys.enter', { unitId: body.unitId }, deps);
    await service.submitAnswers(
      db,
      keys,
      { roundId: id, code: body.code, answers: body.answers, clientAddress: req.ip, now: now() },
      { accountId: principal.userId, clientAddress: req.ip, unitId: body.unitId },
    );
    return reply.code(204).send();
  });

  app.get('/api/v1/surveys/rounds/:id/results', async (req): Promise<SurveyResults> => {
    requirePrincipal(req);
    const { id } = parseInput(roundParams, req.params, 'params');
    const round = await service.roundOrThrow(db, id);
    if (!(await mayRead(req, round.unitIds)))
      throw new ForbiddenError('Du har inte behörighet till detta. / You are not allowed to do this.');
    const nodes = await roundResults(db, id, minimum);
    return { roundId: id, minimumRespondents: minimum, themes: service.templateOf(round).themes, nodes };
  });

  // Codes issued and response rate of the units the caller works with: the figures of the round's
  // results (respondents hidden below the minimum or where recoverable), never a separate count.
  app.get('/api/v1/surveys/rounds/:id/units', async (req): Promise<RoundUnitList> => {
    const principal = requirePrincipal(req);
    const { id } = parseInput(roundParams, req.params, 'params');
    const round = await service.roundOrThrow(db, id);
    const units = [];
    for (const unitId of round.unitIds) {
      const target = await resolveTarget(deps, { unitId });
      const mayIssue = can(principal, 'surveys.manage', target);
      const mayEnter = can(principal, 'surveys.enter', target);
      if (mayIssue || mayEnter) units.push({ unitId, mayIssue, mayEnter });
    }
    if (units.length === 0)
      throw new ForbiddenError('Du har inte behörighet till detta. / You are not allowed to do this.');
    const nodes = new Map((await roundResults(db, id, minimum)).map((n) => [n.node, n]));
    return {
      roundId: id,
      minimumRespondents: minimum,
      units: units.map((u) => {
        const node = nodes.get(unitNode(u.unitId));
        return {
          ...u,
          codesIssued: node?.codesIssued ?? 0,
          respondents: node?.respondents ?? null,
          responseRate: node?.responseRate ?? null,
          hidden: node?.hidden ?? true,
        };
      }),
    };
  });

  app.get('/api/v1/surveys/units/:unitId/overview', async (req) => {
    requirePrincipal(req);
    const { unitId } = parseInput(unitParams, req.params, 'params');
    await authorize(req, 'aggregates.read', { unitId }, deps);
    return unitOverview(db, unitId, minimum);
  });

  /** Aggregates of a round are for whoever may read aggregates of one of its units. */
  async function mayRead(req: FastifyRequest, unitIds: readonly string[]): Promise<boolean> {
    const principal = requirePrincipal(req);
    for (const unitId of unitIds) {
      if (can(principal, 'aggregates.read', await resolveTarget(deps, { unitId }))) return true;
    }
    return false;
  }
}
