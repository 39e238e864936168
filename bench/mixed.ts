/**
 * npm run bench:mixed -- [--seconds 300] [--writers 2] [--importers 1] [--readers 4]
 *
 * A bounded mixed load against one server on loopback (127.0.0.1 only), on the engine the
 * environment names (PGlite by default, DATABASE_URL for a server), with the publisher running:
 *  - writers: one-row CSV imports (a new register entry each), back to back;
 *  - importers: 500-row CSV imports, back to back;
 *  - readers: public reads (Kolada, PxWeb, the public API), back to back.
 * Every answer must be 2xx and every import must be done without errors; anything else is an error.
 * Prints per kind the requests, errors, p50, p99 and max latency, and the peak RSS; exits 1 on any
 * error. Not a timed test: it reports figures.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../src/config/config.js';
import { projectRoot } from '../src/config/paths.js';
import { addAssignment, createAccount } from '../src/modules/identity/accounts.js';
import { startPublisher } from '../src/modules/indicators/publisher.js';
import { createUnit } from '../src/modules/org/service.js';
import { sampleCsv, sampleRow } from '../src/modules/imports/testing.js';
import { buildApp } from '../src/server/app.js';
import { intFlag, openBenchDb, percentile, rssSampler } from './support.js';

const seconds = intFlag('seconds', 300);
const writers = intFlag('writers', 2);
const importers = intFlag('importers', 1);
const readers = intFlag('readers', 4);

interface Stats {
  latencies: number[];
  errors: number;
  firstErrors: string[];
}

const stats: Record<'write' | 'import' | 'public read', Stats> = {
  write: { latencies: [], errors: 0, firstErrors: [] },
  import: { latencies: [], errors: 0, firstErrors: [] },
  'public read': { latencies: [], errors: 0, firstErrors: [] },
};

async function main(): Promise<void> {
  const bench = await openBenchDb({ demo: false });
  const { db } = bench;
  const config = loadConfig(
    { ...process.env, DATABASE_URL: '', DEMO: '0', LOG_LEVEL: 'silent', HOST: '127.0.0.1' },
    projectRoot(),
  );
  const log = pino({ level: 'silent' });
  const units: string[] = [];
  for (const name of ['Solgården', 'Ekbacken', 'Björkhagen']) {
    const u = await createUnit(db, {
      name,
      municipalityCode: '0180',
      providerType: 'municipal',
      operatingArea: 'elderly_care',
      unitType: 'special_housing',
      validFrom: '2020-01-01',
    });
    units.push(u.code);
  }
  const password = randomBytes(18).toString('base64url');
  const account = await createAccount(db, { username: 'bench.mixed', displayName: 'Bench', password });
  await addAssignment(
    db,
    account.id,
    { role: 'caseworker', scope: { kind: 'municipality', code: '0180' }, validFrom: '2000-01-01' },
    new Date(),
  );
  const app = await buildApp({ db, config }, { logger: log, webDir: '/nonexistent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  const base = `http://127.0.0.1:${address.port}`;
  const publisher = startPublisher(db, { threshold: config.disclosureThreshold }, log);

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench.mixed', password }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };

  const until = Date.now() + seconds * 1000;
  let seq = 0;

  async function measure(kind: keyof typeof stats, fn: () => Promise<string | null>): Promise<void> {
    const start = process.hrtime.bigint();
    let problem: string | null;
    try {
      problem = await fn();
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    const s = stats[kind];
    s.latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (problem !== null) {
      s.errors++;
      if (s.firstErrors.length < 5) s.firstErrors.push(problem.slice(0, 300));
    }
  }

  async function importRows(rows: number, persons: number): Promise<string | null> {
    const prefix = `b${++seq}-`;
    const csv = sampleCsv(
      Array.from({ length: rows }, (_, i) => sampleRow(i, { unitCodes: units, persons, prefix })),
    );
    const res = await fetch(`${base}/api/v1/imports?register=senior-alert&source=bench`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie, 'x-csrf-token': csrfToken },
      body: csv,
    });
    const text = await res.text();
    if (res.status !== 200) return `${res.status} ${text}`;
    const body = JSON.parse(text) as { status: string; report: { errorCount: number } };
    return body.status === 'done' && body.report.errorCount === 0 ? null : `import ${body.status}: ${text}`;
  }

  const publicPaths = [
    '/api/pxweb/v2/tables',
    '/api/kolada/v3/municipality?title=stockholm',
    '/api/kolada/v3/kpi?per_page=20',
    '/healthz',
  ];
  async function publicRead(i: number): Promise<string | null> {
    const path = publicPaths[i % publicPaths.length] ?? '/healthz';
    const res = await fetch(`${base}${path}`);
    await res.arrayBuffer();
    return res.status >= 200 && res.status < 300 ? null : `${res.status} ${path}`;
  }

  const loop = async (fn: (i: number) => Promise<void>) => {
    for (let i = 0; Date.now() < until; i++) await fn(i);
  };
  const rss = rssSampler();
  const started = Date.now();
  const progress = setInterval(() => {
    const s = Math.round((Date.now() - started) / 1000);
    process.stderr.write(
      `  ${s} s: ${Object.entries(stats)
        .map(([k, v]) => `${k} ${v.latencies.length} (${v.errors} errors)`)
        .join(', ')}\n`,
    );
  }, 30_000);
  await Promise.all([
    ...Array.from({ length: writers }, () => loop(() => measure('write', () => importRows(1, 50_000)))),
    ...Array.from({ length: importers }, () => loop(() => measure('import', () => importRows(500, 2_000)))),
    ...Array.from({ length: readers }, () => loop((i) => measure('public read', () => publicRead(i)))),
  ]);
  clearInterval(progress);
  const peak = rss.stop();
  const elapsed = (Date.now() - started) / 1000;
  await publisher.stop();
  await app.close();
  await bench.close();

  process.stdout.write(
    `\nMixed load on ${bench.label}, loopback, ${elapsed.toFixed(0)} s: ${writers} writers (1-row imports), ` +
      `${importers} importers (500-row imports), ${readers} public readers\n\n`,
  );
  process.stdout.write('kind          requests   errors   req/s    p50 ms   p99 ms   max ms\n');
  let errors = 0;
  for (const [kind, s] of Object.entries(stats)) {
    const sorted = [...s.latencies].sort((a, b) => a - b);
    errors += s.errors;
    process.stdout.write(
      `${kind.padEnd(12)} ${String(sorted.length).padStart(9)} ${String(s.errors).padStart(8)} ` +
        `${(sorted.length / elapsed).toFixed(1).padStart(7)} ${percentile(sorted, 50).toFixed(1).padStart(9)} ` +
        `${percentile(sorted, 99).toFixed(1).padStart(8)} ${(sorted.at(-1) ?? NaN).toFixed(1).padStart(8)}\n`,
    );
    for (const e of s.firstErrors) process.stdout.write(`    error: ${e}\n`);
  }
  process.stdout.write(`\npeak RSS ${Math.round(peak / 1_048_576)} MiB; ${errors} errors in all\n`);
  process.exitCode = errors === 0 ? 0 : 1;
}

await main();
