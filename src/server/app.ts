import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { AppDeps } from './deps.js';
import { moduleRoutes } from './modules.js';
import { sendProblem, toProblem } from './problem.js';
import { projectRoot } from '../config/paths.js';
import { TooManyRequestsError } from '../domain/errors.js';
import { registerIdentity } from '../modules/identity/http.js';
import { registerReadAfter } from './read-after.js';
import { registerMetrics } from './metrics.js';
import { decoratePageHints, shellWithHints } from './page-hints.js';
import { queuedTables } from '../modules/indicators/lag.js';

export interface Readiness {
  ready: boolean;
  /** Set once /readyz has seen the publication queue empty after the start (the first publication). */
  published?: boolean;
}

export interface BuildAppOptions {
  logger: FastifyBaseLogger;
  readiness?: Readiness;
  /** Folder with the built web app; defaults to dist/web. Missing folder → API only. */
  webDir?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildApp(deps: AppDeps, options: BuildAppOptions): Promise<FastifyInstance> {
  const readiness = options.readiness ?? { ready: true };
  const app = Fastify({
    loggerInstance: options.logger,
    // Honour a caller's request id when it is well-formed, so logs correlate across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: 1024 * 1024,
    // req.ip is the client behind the configured reverse proxies (TRUSTED_PROXIES), else the peer.
    ...(deps.config.trustedProxies.length > 0 ? { trustProxy: deps.config.trustedProxies } : {}),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Errors before routing (e.g. a malformed %-escape in the path) are problem+json too.
    frameworkErrors: (err, req, reply) => {
      void sendProblem(reply, toProblem(err, req));
    },
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // The internal API answers per session, often with personal data (persons, entries, the audit
    // log): no browser or proxy may keep a copy. Public data lives under /api/kolada, /api/pxweb
    // and /api/public, which set their own caching.
    if (req.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // HSTS only makes sense behind TLS: on with secure cookies (server mode), off on plain localhost.
    hsts: deps.config.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });

  app.setErrorHandler((err, req, reply) => {
    const problem = toProblem(err, req);
    if (problem.status >= 500) req.log.error({ err }, 'request failed');
    if (err instanceof TooManyRequestsError) reply.header('retry-after', String(err.retryAfterSeconds));
    return sendProblem(reply, problem);
  });

  app.get('/healthz', async (_req, reply) => {
    if (!readiness.ready) return reply.status(503).send({ status: 'starting', database: deps.db.engine });
    await deps.db.query('SELECT 1');
    return { status: 'ok', database: deps.db.engine };
  });

  // Readiness for a load balancer: migrations, reference data and the first publication done.
  app.get('/readyz', async (_req, reply) => {
    if (!readiness.ready) return reply.status(503).send({ status: 'starting' });
    if (!readiness.published) {
      const queued = await queuedTables(deps.db);
      if (queued > 0) return reply.status(503).send({ status: 'publishing', queuedTables: queued });
      readiness.published = true;
    }
    return { status: 'ready', database: deps.db.engine };
  });
  registerMetrics(app, deps, readiness);

  // Until migrations and reference data are in, the API answers 503 rather than half-truths.
  app.addHook('onRequest', async (req, reply) => {
    if (!readiness.ready && req.url.startsWith('/api/')) {
      return sendProblem(reply.header('retry-after', '2'), {
        type: 'about:blank',
        title: 'Service unavailable',
        status: 503,
        detail: 'Kunskapsnav is starting; try again in a moment.',
      });
    }
  });

  if (deps.readDb)
    registerReadAfter(
      app,
      deps.db,
      Math.max(2 * deps.config.readMaxLagSeconds, 10),
      deps.config.cookieSecure,
    );

  // After the readiness hook, so no session is looked up before the schema exists.
  await registerIdentity(app, deps);

  decoratePageHints(app);
  for (const routes of moduleRoutes) await routes(app, deps);

  const webDir = options.webDir ?? path.join(projectRoot(), 'dist', 'web');
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, index: 'index.html', wildcard: false });

  app.setNotFoundHandler(async (req, reply) => {
    // The web app routes on the client: unknown non-API GETs get its shell.
    if (
      hasWeb &&
      req.method === 'GET' &&
      !req.url.startsWith('/api/') &&
      !['/healthz', '/readyz', '/metrics'].includes(req.url) &&
      !namesAFile(req.url)
    ) {
      // The survey answering page is its own light entry (src/web/svar.html).
      if (req.url.startsWith('/svar/')) return reply.type('text/html; charset=utf-8').sendFile('svar.html');
      // With the page's data named in it (preload), when a module knows what the page reads.
      if (app.pageHints.length > 0)
        return reply.type('text/html; charset=utf-8').send(await shellWithHints(app, webDir, req));
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(reply, {
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      detail: `No route for ${req.method} ${req.url.split('?')[0]}`,
    });
  });

  return app;
}

/**
 * A missing file (`/favicon.ico`, an old build's `/assets/x.js`) is a 404, not the app's shell:
 * the shell as a script or an icon is a confusing error. No client route has a dot in its last segment.
 */
const namesAFile = (url: string): boolean => /\.[A-Za-z0-9]+$/.test(url.split('?')[0] ?? '');
