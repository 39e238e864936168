import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { loadConfig, type Config } from '../src/config/config.js';
import { projectRoot } from '../src/config/paths.js';
import type { Db } from '../src/db/db.js';
import type { IndicatorDefinition } from '../src/domain/indicators/definition.js';
import { publishedValues, type AnalyticsRow } from '../src/modules/indicators/analytics-queries.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { prepareDatabase } from '../src/runtime/prepare.js';

/**
 * The configuration a benchmark's own app and generators use: no demo, silent logs, a fresh
 * pseudonym key per run, reference data from REFERENCE_DATA_DIR (or ../shared/data).
 */
export function benchConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig(
    {
      DEMO: '0',
      LOG_LEVEL: 'silent',
      PSEUDONYM_KEY: randomBytes(24).toString('base64url'),
      REFERENCE_DATA_DIR: process.env['REFERENCE_DATA_DIR'] ?? '../shared/data',
      ...overrides,
    },
    projectRoot(),
  );
}

/** Shared by the benchmarks: a fresh database on the engine the environment names. */
export interface BenchDb {
  db: Db;
  label: string;
  close(): Promise<void>;
}

export async function openBenchDb(options: { demo: boolean }): Promise<BenchDb> {
  const serverUrl = process.env['DATABASE_URL'];
  const config = loadConfig(
    { ...process.env, DATABASE_URL: '', DEMO: options.demo ? '1' : '0', LOG_LEVEL: 'silent' },
    projectRoot(),
  );
  const log = pino({ level: 'silent' });
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-'));
    const db = await openPglite(dir);
    await prepareDatabase(db, config, log);
    return {
      db,
      label: 'PGlite (embedded, on disk)',
      async close() {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `kn_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 4);
  await prepareDatabase(db, config, log);
  return {
    db,
    label: `PostgreSQL (${(await db.query<{ v: string }>('SELECT current_setting($$server_version$$) AS v')).rows[0]?.v ?? '?'})`,
    async close() {
      await db.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export function intFlag(name: string, fallback: number): number {
  const { values } = parseArgs({
    options: { [name]: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const raw = values[name];
  const n = typeof raw === 'string' ? Number(raw.replaceAll('_', '')) : fallback;
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number`);
  return n;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Samples RSS so the benchmark can report its peak. */
export function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;

/**
 * CPU milliseconds so far of this database's PostgreSQL backends, by pid, or null when they do not
 * run on this machine (or on PGlite, whose CPU is this process's). Clock-tick resolution: sum
 * over many requests.
 */
export async function backendCpuMs(db: Db): Promise<Map<number, number> | null> {
  if (db.engine !== 'postgres') return null;
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
    } catch {
      return null;
    }
  }
  return cpu;
}

/** The backends' CPU milliseconds between two backendCpuMs samples (backends seen in both). */
export function backendCpuDelta(
  before: Map<number, number> | null,
  after: Map<number, number> | null,
): number | null {
  if (!before || !after) return null;
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? t);
  return ms;
}

/**
 * The published rows of an analyst's dashboard: `indicators` over `periods`, nation, regions and
 * municipalities by sex (bench:analytics, bench:decade).
 */
export function dashboardRows(
  db: Db,
  indicators: readonly IndicatorDefinition[],
  periods: readonly string[],
): Promise<AnalyticsRow[]> {
  return publishedValues(db, {
    indicators: indicators.map((d) => d.id),
    periods: [...periods],
    sexes: ['T', 'K', 'M'],
    codes: { nation: true, regions: [], municipalities: [], units: [] },
    allOf: ['region', 'municipality'],
    limit: 50_000,
  });
}
