import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.js';
import { koladaIdOf, percent, rateSymbol, type PublishedCell } from '../../domain/opendata/codes.js';
import { parseInput } from '../../server/problem.js';
import type { OpenDataCache, Snapshot } from './cache.js';
import { jsonResponse, notModified, pathParams, problemResponse, querySchema } from './docs-schema.js';
import { json, type Rendered, type ResponseCache } from './http.js';
import type { IntervalValue, Intervals } from '../../contracts/opendata.js';

/**
 * /api/public: what the public web pages need besides the Kolada- and PxWeb-compatible APIs.
 *   - geo/municipalities: SCB's municipality boundaries (CC BY 4.0, "Källa: SCB") from the
 *     reference data, read once and kept in memory; never copied into the repository.
 *   - intervals/{kpi}/{year}: the released numerator, denominator and 95 % (Wilson) interval of
 *     every nation, region, municipality and unit value, which Kolada's value shape lacks.
 * Published values only, no login.
 */
export const PUBLIC_BASE = '/api/public';
export const MUNICIPALITY_GEOMETRY = 'geo/kommuner_scb_simplified.geojson';

const TAGS = ['Public pages'];

const intervalParams = z.object({
  kpi: z.string().regex(/^[A-Z][0-9]{5}$/, 'a KPI id such as K10001'),
  year: z.string().regex(/^[0-9]{4}$/, 'a year (four digits)'),
});

/** `?levels=nation,region,municipality`: only those levels (units are most of a table's cells). */
const intervalQuery = z.object({
  levels: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(['nation', 'region', 'municipality', 'unit'])).min(1))
    .optional(),
});

function intervalValue(snap: Snapshot, cell: PublishedCell): IntervalValue | null {
  const where: Pick<IntervalValue, 'municipality' | 'ou'> = {};
  if (cell.level === 'unit') {
    const unit = snap.catalog.unitById.get(cell.code);
    if (!unit) return null;
    where.ou = unit.code;
  } else {
    const id = koladaIdOf(cell.level, cell.code);
    if (!id) return null;
    where.municipality = id;
  }
  const { value, status } = rateSymbol(cell);
  const shown = value !== null;
  return {
    ...where,
    gender: cell.sex,
    status,
    value,
    numerator: cell.numerator,
    denominator: cell.denominator,
    lower: shown && cell.ciLower !== null ? percent(cell.ciLower) : null,
    upper: shown && cell.ciUpper !== null ? percent(cell.ciUpper) : null,
  };
}

const GEOMETRY_CACHE_CONTROL = 'public, max-age=86400';

export function publicRoutes(
  app: FastifyInstance,
  cache: OpenDataCache,
  responses: ResponseCache,
  referenceDataDir: string,
): void {
  let geometry: Promise<Rendered> | null = null;
  const loadGeometry = async (): Promise<Rendered> => {
    const file = path.join(referenceDataDir, MUNICIPALITY_GEOMETRY);
    const text = await fs.readFile(file, 'utf8');
    const parsed = z
      .object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()).min(1) })
      .passthrough()
      .safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${file} is not a GeoJSON FeatureCollection`);
    return { contentType: 'application/geo+json; charset=utf-8', body: text };
  };

  app.get(
    `${PUBLIC_BASE}/geo/municipalities`,
    {
      schema: {
        tags: TAGS,
        summary: 'Municipality boundaries (GeoJSON, WGS84). Källa: SCB, CC BY 4.0.',
        response: {
          200: {
            description: 'a GeoJSON FeatureCollection',
            content: {
              'application/geo+json': { schema: { type: 'object', required: ['type', 'features'] } },
            },
          },
        },
      },
    },
    async (req, reply) => {
      geometry ??= loadGeometry().catch((err: unknown) => {
        geometry = null;
        throw err;
      });
      const g = await geometry;
      reply.header('cache-control', GEOMETRY_CACHE_CONTROL).header('x-attribution', 'Källa: SCB (CC BY 4.0)');
      return reply.type(g.contentType).send(g.body);
    },
  );

  app.get(
    `${PUBLIC_BASE}/intervals/:kpi/:year`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Published numerator, denominator and 95 % interval (Wilson, per cent) of every value of one indicator and year; `levels` (comma list of nation, region, municipality, unit) narrows it.',
        params: pathParams({
          kpi: { description: 'a KPI id such as K10001', pattern: '^[A-Z][0-9]{5}$' },
          year: { description: 'a year', pattern: '^[0-9]{4}$' },
        }),
        querystring: querySchema(intervalQuery),
        response: {
          200: jsonResponse({
            type: 'object',
            required: ['kpi', 'period', 'version', 'published_at', 'values'],
            properties: {
              kpi: { type: 'string' },
              period: { type: 'integer' },
              version: { type: 'integer' },
              published_at: { type: 'string', format: 'date-time' },
              values: { type: 'array', items: { type: 'object' } },
            },
          }),
          304: notModified,
          400: problemResponse(),
          404: problemResponse(),
        },
      },
    },
    async (req, reply) => {
      const { kpi, year } = parseInput(intervalParams, req.params, 'params');
      const { levels } = parseInput(intervalQuery, req.query, 'query');
      const wanted = levels ? new Set<string>(levels) : null;
      return responses.send(req, reply, async (snap) => {
        const def = snap.catalog.definitionById.get(kpi);
        if (!def) throw new NotFoundError(`indicator ${kpi}`);
        const table = await cache.table(snap, kpi, year);
        if (!table) throw new NotFoundError(`published values of ${kpi} for ${year}`);
        const values = table.cells.flatMap((c) => {
          if (wanted && !wanted.has(c.level)) return [];
          const v = intervalValue(snap, c);
          return v ? [v] : [];
        });
        const answer: Intervals = {
          kpi,
          period: Number(year),
          version: def.version,
          published_at: table.publishedAt.toISOString(),
          release: snap.release
            ? { version: snap.release.version, made_at: snap.release.madeAt.toISOString() }
            : null,
          values,
        };
        return json(answer);
      });
    },
  );
}
