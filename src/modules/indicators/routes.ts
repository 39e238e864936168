import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { can } from '../../domain/policy/policy.js';
import type { Principal } from '../../domain/policy/principal.js';
import type { Db } from '../../db/db.js';
import { authorize } from '../identity/http.js';
import { publishedValues, type AnalyticsRow } from './analytics-queries.js';
import {
  detailOf,
  detailTable,
  targetOf,
  type DetailTable,
  type UnsuppressedDetail,
} from './analytics-detail.js';
import { activeDefinitions } from './engine.js';
import { analyticsQuery } from './schema.js';
import { releaseRoutes } from './release-routes.js';

/**
 * /api/v1/indicators: definitions, and analytics for logged-in users over published
 * (disclosure-controlled) values by indicator × org unit × period × sex. Rows inside the
 * caller's own aggregate scope also carry the unsuppressed numbers.
 */
export function indicatorRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  releaseRoutes(app, deps);
  app.get('/api/v1/indicators', async () => ({ indicators: await activeDefinitions(db) }));

  app.get('/api/v1/analytics', async (req) => {
    const principal = await authorize(req, 'aggregates.read');
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
      rows: await withEntitledDetail(db, principal, rows),
      truncated: rows.length === f.limit,
    };
  });
}

/** Adds `unsuppressed` to the rows whose node lies inside the principal's aggregate scope. */
async function withEntitledDetail(
  db: Db,
  principal: Principal,
  rows: AnalyticsRow[],
): Promise<Array<AnalyticsRow & { unsuppressed?: UnsuppressedDetail }>> {
  const definitions = await activeDefinitions(db);
  const tables = new Map<string, DetailTable | undefined>();
  const out: Array<AnalyticsRow & { unsuppressed?: UnsuppressedDetail }> = [];
  for (const row of rows) {
    const key = `${row.indicator}|${row.period}`;
    if (!tables.has(key)) tables.set(key, await detailTable(db, definitions, row.indicator, row.period));
    const table = tables.get(key);
    const detail =
      table && can(principal, 'aggregates.read', targetOf(row, table)) ? detailOf(table, row) : undefined;
    out.push(detail ? { ...row, unsuppressed: detail } : row);
  }
  return out;
}
