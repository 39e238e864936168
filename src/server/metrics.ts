import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { AppDeps } from './deps.js';
import type { Readiness } from './app.js';
import { publicationLagSeconds } from '../modules/indicators/lag.js';
import { runningImports } from '../modules/imports/progress.js';

/**
 * Prometheus metrics (prom-client): request latency by route template, server errors, publisher
 * lag, running imports, pool use, and Node's own. Who may read them: with METRICS_TOKEN, any
 * client sending `Authorization: Bearer <token>`; without it, loopback clients only (a scraper or
 * sidecar on the same host). Route templates, never raw paths: no ids or personnummer in labels.
 */
export function registerMetrics(app: FastifyInstance, deps: AppDeps, readiness: Readiness): void {
  const register = new client.Registry();
  client.collectDefaultMetrics({ register });
  const latency = new client.Histogram({
    name: 'kunskapsnav_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  const errors = new client.Counter({
    name: 'kunskapsnav_http_server_errors_total',
    help: 'Responses with a 5xx status, by route template',
    labelNames: ['route'] as const,
    registers: [register],
  });
  const whenReady = async (f: () => Promise<void>) => {
    if (readiness.ready) await f().catch(() => undefined);
  };
  new client.Gauge({
    name: 'kunskapsnav_publisher_lag_seconds',
    help: 'Age of the oldest change not yet published (0 when the queue is empty)',
    registers: [register],
    async collect() {
      await whenReady(async () => this.set(await publicationLagSeconds(deps.db)));
    },
  });
  const importRows = new client.Gauge({
    name: 'kunskapsnav_import_rows_read',
    help: 'Rows read so far by the imports running now',
    registers: [register],
  });
  new client.Gauge({
    name: 'kunskapsnav_imports_running',
    help: 'Imports running now, in any process',
    registers: [register],
    async collect() {
      await whenReady(async () => {
        const r = await runningImports(deps.db);
        this.set(r.jobs);
        importRows.set(r.rowsRead);
      });
    },
  });
  new client.Gauge({
    name: 'kunskapsnav_db_pool_connections',
    help: "Connections of this process's database pool by state",
    labelNames: ['state'] as const,
    registers: [register],
    collect() {
      const s = deps.db.poolStats?.();
      if (!s) return;
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });

  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route !== '/metrics') {
      const status = `${Math.floor(reply.statusCode / 100)}xx`;
      latency.observe({ method: req.method, route, status }, reply.elapsedTime / 1000);
      if (reply.statusCode >= 500) errors.inc({ route });
    }
    done();
  });

  const token = deps.config.metricsToken;
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    const allowed = token
      ? safeEqual(req.headers.authorization ?? '', `Bearer ${token}`)
      : ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
    if (!allowed) return reply.code(404).type('text/plain').send('Not found');
    return reply.type(register.contentType).send(await register.metrics());
  });
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
