import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../server/deps.js';
import { OpenDataCache, type CacheOptions } from './cache.js';
import { ResponseCache } from './http.js';
import { KOLADA_BASE, koladaRoutes } from './kolada-routes.js';
import { registerOpenApi } from './openapi.js';
import { municipalityGroups, publicPageHints } from './page-hints.js';
import { publicRoutes } from './public-routes.js';
import { PXWEB_BASE, pxwebRoutes } from './pxweb-routes.js';

/**
 * Open data: the Kolada v3- and PxWeb v2-compatible APIs over published values, and the
 * OpenAPI description of the whole API. No login; only public (openComparisons) indicators.
 */
export interface OpendataOptions {
  maxDataCells?: number;
  cache?: CacheOptions;
  /** Register /api/openapi.json and /api/docs (off when a test mounts the APIs alone). */
  docs?: boolean;
}

export const MAX_DATA_CELLS = 150_000;

export function createOpendataRoutes(options: OpendataOptions = {}) {
  return async function opendataRoutes(app: FastifyInstance, { db, readDb, config }: AppDeps): Promise<void> {
    if (options.docs ?? true) await registerOpenApi(app);
    const cache = new OpenDataCache(readDb ?? db, options.cache);
    const responses = new ResponseCache(cache);
    // The public pages' HTML names their first data (src/server/page-hints.ts); absent in bare test apps.
    if (app.hasDecorator('pageHints'))
      app.pageHints.push(async (url) =>
        publicPageHints(await cache.snapshot(), url, (code) => municipalityGroups(readDb ?? db, code)),
      );
    await app.register((scope, _opts, done) => {
      // Route schemas document; zod in the handlers validates (problem+json naming each field).
      scope.setValidatorCompiler(() => () => true);
      scope.setSerializerCompiler(() => (data) => JSON.stringify(data));
      // Public, read-only data: any site may read it.
      scope.addHook('onSend', (req, reply, payload, done) => {
        if (req.url.startsWith(KOLADA_BASE) || req.url.startsWith(PXWEB_BASE))
          reply.header('access-control-allow-origin', '*');
        done(null, payload);
      });
      scope.options(`${PXWEB_BASE}/tables/:id/data`, { schema: { hide: true } }, (_req, reply) =>
        reply
          .header('access-control-allow-methods', 'GET, POST, OPTIONS')
          .header('access-control-allow-headers', 'content-type')
          .header('access-control-max-age', '600')
          .code(204)
          .send(),
      );
      koladaRoutes(scope, cache, responses);
      pxwebRoutes(scope, cache, responses, { maxDataCells: options.maxDataCells ?? MAX_DATA_CELLS });
      publicRoutes(scope, cache, responses, config.referenceDataDir);
      done();
    });
  };
}

export const opendataRoutes = createOpendataRoutes();
