import type { FastifyInstance } from 'fastify';
import type { ReleaseMade } from '../../contracts/indicators.js';
import type { AppDeps } from '../../server/deps.js';
import { PERTURBATION, methodDescription } from '../../domain/disclosure/cellkey.js';
import { authorize } from '../../server/authorize.js';
import { releases, type ReleaseRow } from './release-queries.js';
import { nextRelease, releaseNow } from './releaser.js';

/**
 * Releases over HTTP: the announcement for everyone (`GET /api/public/releases`: past releases,
 * the next scheduled date, the method and its parameters) and a release on demand for
 * administrators (`POST /api/v1/releases`).
 */
const present = (r: ReleaseRow) => ({
  version: r.version,
  made_at: r.madeAt.toISOString(),
  kind: r.kind,
  periods: r.periods,
  final_periods: r.finalPeriods,
  tables: r.tables,
  cells: r.cells,
  suppressed: r.suppressed,
});

/** One release as the announcement lists it. */
const RELEASE_SCHEMA = {
  type: 'object',
  required: ['version', 'made_at', 'kind', 'periods', 'final_periods', 'tables', 'cells', 'suppressed'],
  properties: {
    version: { type: 'string' },
    made_at: { type: 'string', format: 'date-time' },
    kind: { type: 'string', enum: ['scheduled', 'on_demand', 'first'] },
    periods: { type: 'array', items: { type: 'string' } },
    final_periods: { type: 'array', items: { type: 'string' } },
    tables: { type: 'integer' },
    cells: { type: 'integer' },
    suppressed: { type: 'integer' },
  },
} as const;

export function releaseRoutes(app: FastifyInstance, { db, config }: AppDeps): void {
  app.get(
    '/api/public/releases',
    {
      schema: {
        tags: ['Public pages'],
        summary:
          'Releases of the public values (newest first), the next scheduled release, and the perturbation method with its parameters.',
        response: {
          200: {
            description: 'OK',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['latest', 'next_scheduled', 'cadence', 'method', 'releases'],
                  properties: {
                    latest: { anyOf: [RELEASE_SCHEMA, { type: 'null' }] },
                    next_scheduled: { type: ['string', 'null'], format: 'date-time' },
                    cadence: { type: 'string', enum: ['monthly', 'weekly', 'daily', 'manual'] },
                    method: { type: 'object', additionalProperties: true },
                    releases: { type: 'array', items: RELEASE_SCHEMA },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (_req, reply) => {
      const list = await releases(db);
      const next = await nextRelease(db, config);
      reply.header('cache-control', 'public, max-age=60');
      return {
        latest: list[0] ? present(list[0]) : null,
        next_scheduled: next ? next.toISOString() : null,
        cadence: config.releaseCadence,
        method: methodDescription(PERTURBATION, config.disclosureThreshold),
        releases: list.map(present),
      };
    },
  );

  app.post('/api/v1/releases', async (req, reply) => {
    const principal = await authorize(req, 'releases.make');
    const made = await releaseNow(db, config, { kind: 'on_demand', madeBy: principal.username });
    const answer: ReleaseMade = {
      version: made.version,
      made_at: made.madeAt.toISOString(),
      tables: made.tables,
      cells: made.cells,
      suppressed: made.suppressed,
    };
    return reply.code(201).send(answer);
  });
}
