import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { publishedValues } from './analytics-queries.js';
import { activeDefinitions } from './engine.js';
import { analyticsQuery } from './schema.js';

/**
 * /api/v1/indicators: definitions, and analytics over published (disclosure-controlled)
 * values by indicator × org unit × period × sex.
 */
export function indicatorRoutes(app: FastifyInstance, { db }: AppDeps): void {
  app.get('/api/v1/indicators', async () => ({ indicators: await activeDefinitions(db) }));

  app.get('/api/v1/analytics', async (req) => {
    const f = parseInput(analyticsQuery, req.query, 'query');
    const allOf = f.ou
      .filter((o) => o.startsWith('LEVEL-'))
      .map((o) => o.slice(6) as 'region' | 'municipality' | 'unit');
    const rows = await publishedValues(db, {
      indicators: f.dx,
      periods: f.pe ?? null,
      sexes: f.sex,
      codes: {
        nation: f.ou.includes('0000'),
        regions: f.ou.filter((o) => /^[0-9]{2}$/.test(o)),
        municipalities: f.ou.filter((o) => /^[0-9]{4}$/.test(o) && o !== '0000'),
        units: f.ou.filter((o) => o.length === 36),
      },
      allOf,
      limit: f.limit,
    });
    return {
      dimensions: { dx: f.dx, ou: f.ou, pe: f.pe ?? null, sex: f.sex },
      rows,
      truncated: rows.length === f.limit,
    };
  });
}
