import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { CSRF_HEADER, SESSION_COOKIE } from '../identity/http.js';
import { V1_RESPONSES } from './v1-responses.js';

/**
 * The /api/v1 operations that answer without a session, decided deliberately: public reference
 * content, the conversions that store nothing, and the login routes. Everything else under
 * /api/v1 needs the session cookie, and writes the CSRF header too (README, "Det interna API:et";
 * src/server/anonymous-surface.int.test.ts checks the server against this list).
 */
export const ANONYMOUS_V1: readonly string[] = [
  'GET /api/v1/meta',
  'POST /api/v1/auth/login',
  'GET /api/v1/auth/methods',
  'GET /api/v1/auth/oidc/start',
  'GET /api/v1/auth/oidc/callback',
  'GET /api/v1/org/regions',
  'GET /api/v1/org/municipalities',
  'GET /api/v1/org/municipalities/{code}',
  'GET /api/v1/org/groups',
  'GET /api/v1/org/units',
  'GET /api/v1/org/units/{id}',
  'GET /api/v1/instruments',
  'GET /api/v1/instruments/{id}',
  'GET /api/v1/instruments/{id}/fhir',
  'POST /api/v1/instruments/{id}/score',
  'POST /api/v1/forms/import/fhir',
  'GET /api/v1/indicators',
  'GET /api/v1/registers/kinds',
  'GET /api/v1/imports/formats',
  // The knowledge library's published entries are public, like its pages at /bibliotek.
  'GET /api/v1/library/search',
  'GET /api/v1/library/published/{slug}',
  'GET /api/v1/library/indicators/{id}',
  'GET /api/v1/library/related',
  // User surveys: the templates, and a round's form and answering, where a one-time code is the credential.
  'GET /api/v1/surveys/templates',
  'GET /api/v1/surveys/rounds/{id}/form',
  'POST /api/v1/surveys/rounds/{id}/answers',
  // Agreements, grant rules, grant decisions and the follow-up are public documents, computed
  // from released values only (src/modules/agreements/README.md).
  'GET /api/v1/agreements/years/{year}',
  'GET /api/v1/agreements/years/{year}/follow-up',
  'GET /api/v1/agreements/years/{year}/follow-up.pdf',
  'GET /api/v1/agreements/rules',
  'GET /api/v1/agreements/decisions/{id}',
];

/** The security requirement of one /api/v1 operation (none for the anonymous ones). */
function securityOf(method: string, url: string): Array<Record<string, string[]>> | undefined {
  const path = url.replace(/:(\w+)/g, '{$1}');
  if (!path.startsWith('/api/v1/') || ANONYMOUS_V1.includes(`${method} ${path}`)) return undefined;
  const write = method !== 'GET' && method !== 'HEAD';
  return [write ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] }];
}

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
      components: {
        securitySchemes: {
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'The session from POST /api/v1/auth/login (or OpenID Connect login)',
          },
          csrfToken: {
            type: 'apiKey',
            in: 'header',
            name: CSRF_HEADER,
            description: 'The CSRF token the login answered; required on every write',
          },
        },
      },
    },
    // Routes of other modules carry no schema; group them under one tag instead of "default".
    transform: ({ schema, url, route }) => {
      const method = (Array.isArray(route.method) ? route.method[0] : route.method) ?? 'GET';
      const security = securityOf(method.toUpperCase(), url);
      const tagged =
        schema?.tags || !url.startsWith('/api/v1/') ? schema : { ...schema, tags: ['Internal v1'] };
      const responses = V1_RESPONSES[`${method.toUpperCase()} ${url.replace(/:(\w+)/g, '{$1}')}`];
      const described = responses && !tagged?.response ? { ...tagged, response: responses() } : tagged;
      return { schema: security ? { ...described, security } : described, url };
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    staticCSP: false,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
