import type { FastifyInstance } from 'fastify';
import type { IndicatorList } from '../../contracts/indicators.js';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { can } from '../../domain/policy/policy.js';
import type { Principal } from '../../domain/policy/principal.js';
import type { Db } from '../../db/db.js';
import { authorize } from '../../server/authorize.js';
import { pinnedAcrossPeriods } from './analytics-periods.js';
import { publishedValues, type AnalyticsRow } from './analytics-queries.js';
import {
  callerHidden,
  detailOf,
  detailTable,
  rowKey,
  targetOf,
  type DetailTable,
  type UnsuppressedDetail,
} from './analytics-detail.js';
import { activeDefinitions } from './engine.js';
import { analyticsQuery } from './schema.js';
import { releaseRoutes } from './release-routes.js';
import { latestRelease } from './release-queries.js';

/**
 * /api/v1/indicators: definitions, and analytics for logged-in users over published
 * (disclosure-controlled) values by indicator × org unit × period × sex. Rows inside the
 * caller's own aggregate scope also carry the unsuppressed numbers.
 */
export function indicatorRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  releaseRoutes(app, deps);
  app.get('/api/v1/indicators', async (): Promise<IndicatorList> => ({
    indicators: await activeDefinitions(db),
  }));

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
    const release = await latestRelease(db);
    return {
      dimensions: { dx: f.dx, ou: f.ou, pe: f.pe ?? null, sex: f.sex },
      // These rows are live (published within a second of a write); the public sees the release.
      live: true,
      public_release: release ? { version: release.version, made_at: release.madeAt.toISOString() } : null,
      rows: await withEntitledDetail(db, principal, rows, deps.config.disclosureThreshold),
      truncated: rows.length === f.limit,
    };
  });
}

/**
 * Adds `unsuppressed` to the rows whose node lies inside the principal's aggregate scope, and
 * hides the published rows that those unsuppressed numbers would give away (the caller's own
 * disclosure pattern: src/domain/disclosure/known.ts).
 */
async function withEntitledDetail(
  db: Db,
  principal: Principal,
  rows: AnalyticsRow[],
  threshold: number,
): Promise<Array<AnalyticsRow & { unsuppressed?: UnsuppressedDetail }>> {
  const definitions = await activeDefinitions(db);
  const tables = new Map<string, { table: DetailTable; hidden: Set<string> } | undefined>();
  const out: Array<AnalyticsRow & { unsuppressed?: UnsuppressedDetail }> = [];
  for (const row of rows) {
    const key = `${row.indicator}|${row.period}`;
    if (!tables.has(key)) {
      const table = await detailTable(db, definitions, row.indicator, row.period, threshold);
      const entitled = (level: string, code: string) =>
        !!table && can(principal, 'aggregates.read', targetOf({ level, code }, table));
      const pinned = table
        ? await pinnedAcrossPeriods(db, row.indicator, row.period, table.index.keys())
        : undefined;
      tables.set(key, table ? { table, hidden: callerHidden(table, entitled, pinned) } : undefined);
    }
    const t = tables.get(key);
    const detail =
      t && can(principal, 'aggregates.read', targetOf(row, t.table)) ? detailOf(t.table, row) : undefined;
    if (detail) out.push({ ...row, unsuppressed: detail });
    else if (t?.hidden.has(rowKey(row)) && row.status !== 'suppressed')
      out.push({
        ...row,
        numerator: null,
        denominator: null,
        rate: null,
        ciLower: null,
        ciUpper: null,
        status: 'suppressed',
      });
    else out.push(row);
  }
  return out;
}
