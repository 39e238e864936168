import type { FastifyInstance } from 'fastify';
import type { IndicatorList } from '../../contracts/indicators.js';
import type { AppDeps } from '../../server/deps.js';
import { parseInput } from '../../server/problem.js';
import { authorize } from '../../server/authorize.js';
import { publishedValues } from './analytics-queries.js';
import { detailCacheOf, withEntitledDetail } from './analytics-entitled.js';
import { activeDefinitions } from './engine.js';
import { analyticsQuery } from './schema.js';
import { releaseRoutes } from './release-routes.js';
import { latestRelease } from './release-queries.js';
import { withReleased } from './analytics-released.js';

/**
 * /api/v1/indicators: definitions, and analytics for logged-in users over published
 * (disclosure-controlled) values by indicator × org unit × period × sex. Rows inside the
 * caller's own aggregate scope also carry the unsuppressed numbers.
 */
export function indicatorRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps;
  // Shared with the background publisher, which keeps the tables held here up to date.
  const detailCache = detailCacheOf(db);
  releaseRoutes(app, deps);
  app.get('/api/v1/indicators', async (): Promise<IndicatorList> => ({
    indicators: await activeDefinitions(db),
  }));

  app.get('/api/v1/analytics', async (req) => {
    const principal = await authorize(req, 'aggregates.read');
    // Aggregated values only: a standby may serve them (src/db/replicas.ts).
    const reads = deps.readDb ?? db;
    const f = parseInput(analyticsQuery, req.query, 'query');
    const allOf = f.ou
      .filter((o) => o.startsWith('LEVEL-'))
      .map((o) => o.slice(6) as 'region' | 'municipality' | 'unit');
    const rows = await publishedValues(reads, {
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
    const release = await latestRelease(reads);
    return {
      dimensions: { dx: f.dx, ou: f.ou, pe: f.pe ?? null, sex: f.sex },
      // These rows are live (published within a second of a write); the public sees the release,
      // and each row says what the release shows of it (`released`).
      live: true,
      public_release: release ? { version: release.version, made_at: release.madeAt.toISOString() } : null,
      rows: await withReleased(
        reads,
        release,
        await withEntitledDetail(
          reads,
          await activeDefinitions(reads),
          principal,
          rows,
          deps.config.disclosureThreshold,
          detailCache,
        ),
      ),
      truncated: rows.length === f.limit,
    };
  });
}
