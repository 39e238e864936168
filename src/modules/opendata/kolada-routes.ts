import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import { decodeSegment, parseIdList } from '../../domain/opendata/ids.js';
import type { OpenDataCache, Snapshot } from './cache.js';
import { json, type ResponseCache } from './http.js';
import { dataItems, parseDataPath, type UnitKind } from './kolada-data.js';
import { koladaDocs } from './kolada-docs.js';
import { envelope } from './kolada-envelope.js';
import { kpiGroupList, kpiList, municipalityGroupList, municipalityList, ouList } from './kolada-meta.js';
import {
  dataQuery,
  ID_PATTERN,
  kpiQuery,
  metaQuery,
  municipalityQuery,
  ouDataQuery,
  ouQuery,
  parseKoladaQuery,
  type PageQuery,
} from './kolada-schema.js';

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

function idsOf(req: FastifyRequest, entity: string, pattern: RegExp, query?: string): string[] | undefined {
  const decoded = decodeSegment('id', rest(req, `${KOLADA_BASE}/${entity}`));
  if (!decoded.ok) throw new ValidationError([decoded.issue], 'params');
  const raw = decoded.text.replace(/\/$/, '');
  const fromPath = raw === '' ? undefined : idList('id', raw, pattern, `a valid ${entity} id`, 'params');
  const fromQuery =
    query === undefined ? undefined : idList('id', query, pattern, `a valid ${entity} id`, 'query');
  // Both given: the ids in both (each narrows the answer).
  if (fromPath && fromQuery) return fromPath.filter((id) => fromQuery.includes(id));
  return fromPath ?? fromQuery;
}

function idList(
  field: string,
  raw: string,
  pattern: RegExp,
  what: string,
  where: 'params' | 'query',
): string[] {
  const parsed = parseIdList(field, raw, pattern, what);
  if (!parsed.ok) throw new ValidationError([parsed.issue], where);
  return parsed.ids;
}

/**
 * The data path of the query form some clients use (/data?kpi_id=…&municipality_id=…&year=…),
 * as the path form's segments; an empty string when no query form is given.
 */
function queryFormPath(
  q: { kpi_id?: string; municipality_id?: string; ou_id?: string; year?: string },
  unit: UnitKind,
): string {
  const id = unit === 'ou' ? q.ou_id : q.municipality_id;
  return [
    q.kpi_id === undefined ? '' : `kpi/${encodeURIComponent(q.kpi_id)}`,
    id === undefined ? '' : `${unit}/${encodeURIComponent(id)}`,
    q.year === undefined ? '' : `year/${encodeURIComponent(q.year)}`,
  ]
    .filter((x) => x !== '')
    .join('/');
}

export function koladaRoutes(app: FastifyInstance, cache: OpenDataCache, responses: ResponseCache): void {
  const meta = <T extends PageQuery & { id?: string }>(
    entity: string,
    pattern: RegExp,
    schema: z.ZodObject & z.ZodType<T>,
    list: (snap: Snapshot, q: T, ids: string[] | undefined) => unknown[],
  ) => {
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const q: T = parseKoladaQuery(schema, req.query);
      const ids = idsOf(req, entity, pattern, q.id);
      return responses.send(req, reply, (snap) => json(envelope(req, list(snap, q, ids), q)));
    };
    const docs = koladaDocs.meta(entity);
    app.get(`${KOLADA_BASE}/${entity}`, { schema: docs.list }, handler);
    app.get(`${KOLADA_BASE}/${entity}/:id`, { schema: docs.byId }, handler);
    app.get(`${KOLADA_BASE}/${entity}/*`, { schema: { hide: true } }, handler);
  };

  meta('kpi', ID_PATTERN.kpi, kpiQuery, (snap, q, ids) =>
    kpiList(snap, {
      ids,
      title: q.title,
      municipalityType: q.municipality_type,
      operatingArea: q.operating_area,
      publPeriod: q.publ_period,
      publishedSince: q.from_date ? new Date(q.from_date) : undefined,
    }),
  );
  meta('kpi_groups', ID_PATTERN.group, metaQuery, (snap, q, ids) =>
    kpiGroupList(snap, { ids, title: q.title }),
  );
  meta('municipality', ID_PATTERN.municipality, municipalityQuery, (snap, q, ids) => {
    if (q.type && q.region_type && q.type !== q.region_type)
      throw new ValidationError(
        [
          {
            field: 'region_type',
            rule: 'conflict',
            message: `type=${q.type} and region_type=${q.region_type} disagree`,
          },
        ],
        'query',
      );
    return municipalityList(snap, { ids, title: q.title, type: q.type ?? q.region_type });
  });
  meta('municipality_groups', ID_PATTERN.group, metaQuery, (snap, q, ids) =>
    municipalityGroupList(snap, { ids, title: q.title }),
  );
  meta('ou', ID_PATTERN.ou, ouQuery, (snap, q, ids) =>
    ouList(snap, { ids, title: q.title, municipalities: q.municipality?.split(',') }),
  );

  const data = (unit: UnitKind) => {
    const prefix = `${KOLADA_BASE}/${unit === 'ou' ? 'oudata' : 'data'}`;
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const q = parseKoladaQuery(unit === 'ou' ? ouDataQuery : dataQuery, req.query);
      const fromPath = rest(req, prefix).replace(/^\/+|\/+$/g, '');
      const fromQuery = queryFormPath(q, unit);
      if (fromPath !== '' && fromQuery !== '')
        throw new ValidationError(
          [
            {
              field: 'kpi_id',
              rule: 'one_form',
              message: 'give the ids in the path or in the query, not both',
            },
          ],
          'query',
        );
      const request = parseDataPath(fromPath || fromQuery, unit);
      return responses.send(req, reply, async (snap) => {
        const from = q.from_date ? new Date(q.from_date) : undefined;
        return json(envelope(req, await dataItems(cache, snap, request, from), q));
      });
    };
    app.get(prefix, { schema: koladaDocs.dataQueryForm(unit) }, handler);
    for (const form of koladaDocs.dataForms(unit))
      app.get(`${prefix}/${form.path}`, { schema: form.schema }, handler);
    app.get(`${prefix}/*`, { schema: { hide: true } }, handler);
  };
  data('municipality');
  data('ou');
}
