import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/**
 * OpenAPI 3 of every route registered after this (the module list puts opendata first, so the
 * internal /api/v1 routes are included) at /api/openapi.json, browsable at /api/docs. Swagger
 * UI loads only its own static scripts, so the app's CSP (script-src 'self') holds.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Kunskapsnav API',
        version: '0.1.0',
        description:
          'Open comparisons as Kolada v3- and PxWeb v2-compatible APIs over published (disclosure-controlled) ' +
          'values, and the internal /api/v1 API (session cookie). Values are computed by Kunskapsnav, not by Kolada.',
      },
      tags: [
        { name: 'Kolada v3', description: 'Kolada v3-compatible API at /api/kolada/v3' },
        { name: 'PxWeb v2', description: 'PxWeb API v2-compatible API at /api/pxweb/v2' },
        { name: 'Internal v1', description: 'The internal API of the web app (session cookie, CSRF token)' },
      ],
    },
    // Routes of other modules carry no schema; group them under one tag instead of "default".
    transform: ({ schema, url }) => ({
      schema: schema?.tags || !url.startsWith('/api/v1/') ? schema : { ...schema, tags: ['Internal v1'] },
      url,
    }),
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    staticCSP: false,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
