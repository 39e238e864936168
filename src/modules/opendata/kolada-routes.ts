import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.js';
import { decodeSegment, parseIdList } from '../../domain/opendata/ids.js';
import { parseInput } from '../../server/problem.js';
import type { OpenDataCache, Snapshot } from './cache.js';
import { json, type ResponseCache } from './http.js';
import { dataItems, parseDataPath, type UnitKind } from './kolada-data.js';
import { koladaDocs } from './kolada-docs.js';
import { envelope } from './kolada-envelope.js';
import { kpiGroupList, kpiList, municipalityGroupList, municipalityList, ouList } from './kolada-meta.js';
import { dataQuery, ID_PATTERN, metaQuery, municipalityQuery, ouQuery } from './kolada-schema.js';

/**
 * /api/kolada/v3: a Kolada v3-compatible API over our published values. Paths are read from
 * the raw URL so a list of 25 ids fits (route parameters stop at 100 characters); the
 * parametric routes document the forms and a hidden wildcard catches the long ones.
 */
export const KOLADA_BASE = '/api/kolada/v3';

/** The path after `prefix`, from the raw URL (no query). */
function rest(req: FastifyRequest, prefix: string): string {
  const path = req.url.split('?', 1)[0] ?? '';
  return path.length > prefix.length ? path.slice(prefix.length + 1) : '';
}

function idsOf(req: FastifyRequest, entity: string, pattern: RegExp): string[] | undefined {
  const decoded = decodeSegment('id', rest(req, `${KOLADA_BASE}/${entity}`));
  if (!decoded.ok) throw new ValidationError([decoded.issue], 'params');
  const raw = decoded.text.replace(/\/$/, '');
  if (raw === '') return undefined;
  const parsed = parseIdList('id', raw, pattern, `a valid ${entity} id`);
  if (!parsed.ok) throw new ValidationError([parsed.issue], 'params');
  return parsed.ids;
}

export function koladaRoutes(app: FastifyInstance, cache: OpenDataCache, responses: ResponseCache): void {
  const meta = (
    entity: string,
    pattern: RegExp,
    list: (snap: Snapshot, req: FastifyRequest, ids: string[] | undefined) => unknown,
  ) => {
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const ids = idsOf(req, entity, pattern);
      return responses.send(req, reply, (snap) => json(list(snap, req, ids)));
    };
    const docs = koladaDocs.meta(entity);
    app.get(`${KOLADA_BASE}/${entity}`, { schema: docs.list }, handler);
    app.get(`${KOLADA_BASE}/${entity}/:id`, { schema: docs.byId }, handler);
    app.get(`${KOLADA_BASE}/${entity}/*`, { schema: { hide: true } }, handler);
  };

  meta('kpi', ID_PATTERN.kpi, (snap, req, ids) => {
    const q = parseInput(metaQuery, req.query, 'query');
    return envelope(req, kpiList(snap, { ids, title: q.title }), q);
  });
  meta('kpi_groups', ID_PATTERN.group, (snap, req, ids) => {
    const q = parseInput(metaQuery, req.query, 'query');
    return envelope(req, kpiGroupList(snap, { ids, title: q.title }), q);
  });
  meta('municipality', ID_PATTERN.municipality, (snap, req, ids) => {
    const q = parseInput(municipalityQuery, req.query, 'query');
    return envelope(req, municipalityList(snap, { ids, title: q.title, type: q.region_type }), q);
  });
  meta('municipality_groups', ID_PATTERN.group, (snap, req, ids) => {
    const q = parseInput(metaQuery, req.query, 'query');
    return envelope(req, municipalityGroupList(snap, { ids, title: q.title }), q);
  });
  meta('ou', ID_PATTERN.ou, (snap, req, ids) => {
    const q = parseInput(ouQuery, req.query, 'query');
    const municipalities = q.municipality?.split(',');
    return envelope(req, ouList(snap, { ids, title: q.title, municipalities }), q);
  });

  const data = (unit: UnitKind) => {
    const prefix = `${KOLADA_BASE}/${unit === 'ou' ? 'oudata' : 'data'}`;
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const q = parseInput(dataQuery, req.query, 'query');
      const request = parseDataPath(rest(req, prefix), unit);
      return responses.send(req, reply, async (snap) => {
        const from = q.from_date ? new Date(q.from_date) : undefined;
        return json(envelope(req, await dataItems(cache, snap, request, from), q));
      });
    };
    for (const form of koladaDocs.dataForms(unit))
      app.get(`${prefix}/${form.path}`, { schema: form.schema }, handler);
    app.get(`${prefix}/*`, { schema: { hide: true } }, handler);
  };
  data('municipality');
  data('ou');
}
