/**
 * npm run bench:kolada -- [--seconds 10] [--connections 10] [--persons 50000] [--rounds 2]
 *
 * Load benchmark of the Kolada-compatible data endpoint beside the same server's bare /healthz,
 * in one run: a database with published values (demo units, synthetic Senior Alert facts for
 * 2023 and 2024, rebuilt and published by the engine; PGlite on disk by default, DATABASE_URL
 * for a server), then the real server (src/main.ts) in its own process on a loopback port, and
 * autocannon in this one, alternating /healthz and the data endpoint in rounds.
 * Goal: the data endpoint keeps at least half the bare throughput with p99 under 25 ms.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config/config.js';
import { projectRoot } from '../src/config/paths.js';
import type { Db } from '../src/db/db.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { activeDefinitions, rebuildIndicators } from '../src/modules/indicators/engine.js';
import { publishQueued } from '../src/modules/indicators/publish.js';
import { prepareDatabase } from '../src/runtime/prepare.js';
import { runTs } from '../test/support/process.js';
import { intFlag, timed } from './support.js';

const seconds = intFlag('seconds', 10);
const connections = intFlag('connections', 10);
const persons = intFlag('persons', 50_000);
const rounds = intFlag('rounds', 2);

/** Synthetic served + risk-assessment facts over the demo elderly-care units. */
async function generateFacts(db: Db, year: number): Promise<void> {
  await db.query(
    `WITH units AS (
       SELECT row_number() OVER (ORDER BY unit_id) - 1 AS i, unit_id FROM org_unit_version
        WHERE operating_area = 'elderly_care' AND valid_from <= $2::date AND $2::date < valid_to),
     n AS (SELECT count(*) AS c FROM units),
     p AS (SELECT g, abs(hashtext('u' || g)) AS h1, abs(hashtext('v' || g)) AS h2 FROM generate_series(1, $1::int) g)
     INSERT INTO indicator_fact (register, kind, person, unit_id, fact_date, sex, age, attributes, source_type, source_id)
     SELECT 'senior_alert', k.kind, 'b' || $3::int || '-' || p.g, u.unit_id, $2::date + k.offs,
            CASE WHEN p.h2 % 100 < 58 THEN 'K' ELSE 'M' END, 65 + (p.h2 % 30)::int, k.attrs, 'bench', p.g::text
       FROM p JOIN units u ON u.i = p.h1 % (SELECT c FROM n)
       CROSS JOIN LATERAL (VALUES ('served', 0, '{}'::jsonb, true),
         ('risk_assessment', 2, '{"instrument":"downton","risk":false}'::jsonb, p.h1 % 10 < 7 + (p.h2 % 3))
       ) AS k(kind, offs, attrs, present)
      WHERE k.present`,
    [persons, `${year}-03-01`, year],
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

interface Target {
  name: string;
  paths: string[];
  results: Result[];
}

async function prepare(
  env: Record<string, string>,
): Promise<{ label: string; cleanup: () => Promise<void> }> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' }, projectRoot());
  const serverUrl = process.env['DATABASE_URL'];
  let db: Db;
  let cleanup: () => Promise<void>;
  if (serverUrl) {
    const name = `kn_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env['DATABASE_URL'] = url.toString();
    db = await openPostgres(url.toString(), 4);
    cleanup = async () => {
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    db = await openPglite(env['DATA_DIR']);
    cleanup = () => Promise.resolve(fs.rmSync(env['DATA_DIR'] ?? '', { recursive: true, force: true }));
  }
  const step = async (what: string, fn: () => Promise<unknown>) => {
    const t = await timed(fn);
    process.stdout.write(`  ${what}: ${(t.ms / 1000).toFixed(1)} s\n`);
  };
  await step('migrations, reference and demo data', () =>
    prepareDatabase(db, { ...config, demo: true }, pino({ level: 'silent' })),
  );
  await step('facts', async () => {
    for (const year of [2023, 2024]) await generateFacts(db, year);
  });
  const defs = await activeDefinitions(db);
  await step('rebuild counts', () => rebuildIndicators(db, defs));
  // Only K10001's years are needed here; the rest of the queue would only slow the setup.
  await db.query(
    `DELETE FROM publication_queue WHERE NOT (indicator_id = 'K10001' AND period IN ('2023', '2024'))`,
  );
  await step('publish K10001 2023 and 2024', () => publishQueued(db, defs, { threshold: 5 }));
  // A clean start for the server: no dead rows or unflushed pages left by the bulk load.
  await step('vacuum and checkpoint', async () => {
    await db.exec('VACUUM ANALYZE');
    await db.checkpoint();
  });
  const label =
    db.engine === 'pglite'
      ? 'PGlite (embedded, on disk)'
      : `PostgreSQL ${(await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? ''}`;
  await db.close();
  return { label, cleanup };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-kolada-'));
  const port = await freePort();
  const env: Record<string, string> = {
    REFERENCE_DATA_DIR:
      process.env['REFERENCE_DATA_DIR'] ?? path.resolve(projectRoot(), '..', 'shared', 'data'),
    DATA_DIR: dataDir,
    // The demo units are in already; DEMO=0 keeps the server from seeding more while it is measured.
    DEMO: '0',
    PORT: String(port),
    HOST: '127.0.0.1',
    COOKIE_SECURE: '0',
    PSEUDONYM_KEY: randomBytes(32).toString('base64url'),
  };
  process.stdout.write(`preparing: demo units, ${persons} persons a year, rebuild and publish K10001 …\n`);
  const { label, cleanup } = await prepare(env);
  // Request logs off (warn), as behind a log-sampling proxy; both endpoints pay the same either way.
  const server = runTs('src/main.ts', { ...env, LOG_LEVEL: 'warn', DATABASE_URL: env['DATABASE_URL'] });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (i > 600) throw new Error(`the server did not become ready: ${server.stderr()}`);
      await sleep(100);
    }
    const municipalities = (await (
      await fetch(`${base}/api/kolada/v3/municipality?region_type=K`)
    ).json()) as {
      values: Array<{ id: string }>;
    };
    const targets: Target[] = [
      { name: 'GET /healthz', paths: ['/healthz'], results: [] },
      {
        name: 'GET /api/kolada/v3/data/kpi/K10001/municipality/{290 in turn}/year/2024',
        paths: municipalities.values.map(
          (m) => `/api/kolada/v3/data/kpi/K10001/municipality/${m.id}/year/2024`,
        ),
        results: [],
      },
    ];
    const sample = await (await fetch(`${base}${targets[1]?.paths[0] ?? ''}`)).json();
    process.stdout.write(`sample answer: ${JSON.stringify(sample).slice(0, 160)}…\n`);
    const run = (t: Target, duration: number) =>
      autocannon({
        url: base,
        connections,
        duration,
        requests: t.paths.map((p) => ({ method: 'GET', path: p })),
      });
    process.stdout.write(
      `${label}; server in its own process; ${connections} connections, ${rounds} rounds × ${seconds} s\n`,
    );
    for (const t of targets) await run(t, 2); // warm-up: JIT, caches
    for (let r = 0; r < rounds; r++)
      for (const t of r % 2 ? [...targets].reverse() : targets) t.results.push(await run(t, seconds));

    const summary = targets.map((t) => {
      const total = t.results.reduce((n, x) => n + x.requests.total, 0);
      const time = t.results.reduce((n, x) => n + x.duration, 0);
      const bad = t.results.reduce((n, x) => n + x.non2xx + x.errors + x.timeouts, 0);
      const p99 = Math.max(...t.results.map((x) => x.latency.p99));
      const p50 = t.results.reduce((n, x) => n + x.latency.p50, 0) / t.results.length;
      return { name: t.name, rps: total / time, p50, p99, bad };
    });
    for (const s of summary) {
      process.stdout.write(
        `${s.name}\n    ${s.rps.toFixed(0).padStart(7)} req/s   p50 ${s.p50.toFixed(1)} ms   p99 ${s.p99.toFixed(1)} ms` +
          `${s.bad ? `   ${s.bad} errors/non-2xx` : ''}\n`,
      );
    }
    const [bare, data] = summary as [(typeof summary)[0], (typeof summary)[0]];
    const ratio = data.rps / bare.rps;
    process.stdout.write(
      `ratio data/healthz ${ratio.toFixed(2)} (goal ≥ 0.5): ${ratio >= 0.5 ? 'met' : 'NOT met'}; ` +
        `data p99 ${data.p99.toFixed(1)} ms (goal < 25 ms): ${data.p99 < 25 ? 'met' : 'NOT met'}\n`,
    );
    if (bare.bad || data.bad) process.exitCode = 1;
  } finally {
    server.proc.kill('SIGTERM');
    await server.exited;
    await cleanup();
  }
}

await main();
