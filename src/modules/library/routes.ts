import type { IndicatorEntries, RelatedEntries } from '../../contracts/library.js';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { swedishDate } from '../../domain/identity/session.js';
import { can } from '../../domain/policy/policy.js';
import { authorize, clockOf, requirePrincipal } from '../../server/authorize.js';
import { actorOf } from './actor.js';
import * as q from './queries.js';
import * as reads from './reads.js';
import {
  createBody,
  idParams,
  indicatorParams,
  listQuery,
  relatedQuery,
  searchQuery,
  slugParams,
  transitionBody,
  versionBody,
} from './schema.js';
import * as service from './service.js';

/**
 * /api/v1/library: the knowledge library. Reads of published entries are public; writes need a
 * login (knowledge editors publish, a municipality's staff may submit a good example).
 */
export function libraryRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  const today = () => swedishDate(clockOf(deps)());

  app.get('/api/v1/library/search', async (req) => {
    const f = parseInput(searchQuery, req.query, 'query');
    return reads.search(
      db,
      {
        q: f.q,
        operatingAreas: f.area,
        targetGroups: f.group,
        minEvidence: f.evidence,
        kinds: f.kind,
        limit: f.limit,
        offset: f.offset,
      },
      today(),
    );
  });

  app.get('/api/v1/library/published/:slug', async (req) => {
    const { slug } = parseInput(slugParams, req.params, 'params');
    return reads.entryPage(db, slug, today());
  });

  app.get('/api/v1/library/indicators/:id', async (req): Promise<IndicatorEntries> => {
    const { id } = parseInput(indicatorParams, req.params, 'params');
    return { indicator: id, entries: await reads.forIndicator(db, id) };
  });

  app.get('/api/v1/library/related', async (req): Promise<RelatedEntries> => {
    const f = parseInput(relatedQuery, req.query, 'query');
    return { ksi: f.ksi, problems: f.problem, entries: await reads.related(db, f.ksi, f.problem) };
  });

  // Editorial side.
  app.get('/api/v1/library/entries', async (req) => {
    const principal = requirePrincipal(req);
    const f = parseInput(listQuery, req.query, 'query');
    const editor = can(principal, 'library.edit');
    if (!editor) await authorize(req, 'library.submit');
    const entries = await q.listEntries(db, {
      createdBy: editor ? null : principal.userId,
      status: f.status ?? null,
      staleOn: f.stale === 'true' ? today() : null,
    });
    return { entries };
  });

  app.get('/api/v1/library/entries/:id', async (req) => {
    const principal = requirePrincipal(req);
    const { id } = parseInput(idParams, req.params, 'params');
    return service.entryForEditing(db, actorOf(req, principal, deps), id);
  });

  app.post('/api/v1/library/entries', async (req, reply) => {
    const principal = requirePrincipal(req);
    const body = parseInput(createBody, req.body, 'body');
    const entry = await service.createEntry(db, actorOf(req, principal, deps), body);
    return reply.status(201).header('location', `/api/v1/library/entries/${entry.id}`).send(entry);
  });

  app.post('/api/v1/library/entries/:id/versions', async (req, reply) => {
    const principal = requirePrincipal(req);
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(versionBody, req.body, 'body');
    return reply.status(201).send(await service.saveVersion(db, actorOf(req, principal, deps), id, body));
  });

  app.post('/api/v1/library/entries/:id/transitions', async (req) => {
    const principal = requirePrincipal(req);
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(transitionBody, req.body, 'body');
    return service.transition(db, actorOf(req, principal, deps), id, body.transition, body.note);
  });
}
