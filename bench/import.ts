/**
 * npm run bench:import -- --rows 1000000 [--persons N] [--units 20] [--engines pglite,postgres]
 *
 * A deterministic Senior Alert CSV of N rows (persons recur across the file; ~40 % risk
 * assessments over the four instruments, the rest planned actions and events) is imported with
 * the import engine — one transaction, entries, versions, persons, service links, facts and
 * counts — on PGlite (on disk) and, when DATABASE_URL is set, on PostgreSQL. The ceiling is the
 * database's own COPY of the same file into a plain table with the same columns (PostgreSQL:
 * psql's \copy when psql is found, else a server-side COPY; PGlite: COPY from a blob). Prints
 * rows/s of each, the ratio import/COPY and the peak RSS of this process. On a shared machine the
 * wall clock mostly measures the other load: the CPU time of the import and of the result write
 * (this process, plus the server's backends when PostgreSQL runs on this machine) is printed beside it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from '../src/db/db.js';
import { DEFAULT_PALLIATIVE_WINDOWS } from '../src/domain/registers/windows.js';
import { systemActor } from '../src/modules/imports/actor.js';
import { runImport } from '../src/modules/imports/engine.js';
import { SENIOR_ALERT_COLUMNS, csvLine, sampleRow } from '../src/modules/imports/testing.js';
import { createUnit } from '../src/modules/org/service.js';
import {
  backendCpuDelta,
  backendCpuMs,
  intFlag,
  openBenchDb,
  rssSampler,
  timed,
  type BenchDb,
} from './support.js';

const rows = intFlag('rows', 100_000);
const persons = intFlag('persons', Math.max(1, Math.round(rows / 8)));
const unitCount = intFlag('units', 20);
const { values } = parseArgs({
  options: { engines: { type: 'string' } },
  strict: false,
  allowPositionals: true,
});
const serverUrl = process.env['DATABASE_URL'];
const engines = String(values['engines'] ?? (serverUrl ? 'pglite,postgres' : 'pglite')).split(',');
const MUNICIPALITIES = ['0180', '1480', '1280', '0380', '0580', '1880', '2480', '2580', '0114', '1290'];
const nf = new Intl.NumberFormat('sv-SE');

interface Cpu {
  /** This process (PGlite runs in it). */
  own: number;
  /** PostgreSQL's backends of the benchmark database, when they run on this machine. */
  server: number | null;
}

/** The CPU seconds fn takes, beside its value. */
async function cpuOf<T>(engine: string, db: Db, fn: () => Promise<T>): Promise<{ cpu: Cpu; value: T }> {
  const before = engine === 'postgres' ? await backendCpuMs(db) : null;
  const own0 = process.cpuUsage();
  const value = await fn();
  const own = process.cpuUsage(own0);
  const after = before ? await backendCpuMs(db) : null;
  const serverMs = backendCpuDelta(before, after);
  return {
    cpu: { own: (own.user + own.system) / 1e6, server: serverMs === null ? null : serverMs / 1000 },
    value,
  };
}

const cpuText = (c: Cpu) =>
  c.server === null
    ? `${c.own.toFixed(1)} s CPU`
    : `${(c.own + c.server).toFixed(1)} s CPU (this process ${c.own.toFixed(1)} s + server ${c.server.toFixed(1)} s)`;
const cpuTotal = (c: Cpu) => c.own + (c.server ?? 0);

/** Opens the benchmark database of one engine (support.ts picks it from DATABASE_URL). */
async function openEngine(engine: string): Promise<BenchDb> {
  if (engine === 'pglite') delete process.env['DATABASE_URL'];
  else if (serverUrl) process.env['DATABASE_URL'] = serverUrl;
  else throw new Error('postgres needs DATABASE_URL');
  try {
    return await openBenchDb({ demo: false });
  } finally {
    if (serverUrl) process.env['DATABASE_URL'] = serverUrl;
  }
}

async function createUnits(db: Db): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < unitCount; i++) {
    const unit = await createUnit(db, {
      name: `Benchgården ${i + 1}`,
      municipalityCode: MUNICIPALITIES[i % MUNICIPALITIES.length] ?? '0180',
      providerType: 'municipal',
      operatingArea: 'elderly_care',
      unitType: i % 2 ? 'home_care' : 'special_housing',
      validFrom: '2020-01-01',
    });
    codes.push(unit.code);
  }
  return codes;
}

/** Writes the CSV a chunk at a time (the generator holds no more than one chunk). */
async function writeCsv(file: string, unitCodes: string[]): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(`${csvLine(SENIOR_ALERT_COLUMNS)}\n`);
  for (let i = 0; i < rows; i += 10_000) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(rows, i + 10_000); j++) {
      const r = sampleRow(j, { unitCodes, persons });
      lines.push(csvLine(SENIOR_ALERT_COLUMNS.map((c) => r[c] ?? '')));
    }
    await write(`${lines.join('\n')}\n`);
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return fs.statSync(file).size;
}

const columnsDdl = SENIOR_ALERT_COLUMNS.map((c) => `"${c}" text`).join(', ');

function psqlBinary(): string | undefined {
  try {
    return execFileSync('bash', [
      '-c',
      'command -v psql || ls /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1',
    ])
      .toString()
      .trim()
      .split('\n')
      .pop();
  } catch {
    return undefined;
  }
}

/** PostgreSQL's COPY of the file into a plain table with the same columns. */
async function copyPostgres(db: Db, url: string, file: string): Promise<{ ms: number; how: string }> {
  await db.exec(`DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (${columnsDdl})`);
  const psql = psqlBinary();
  if (psql) {
    const { ms } = await timed(() => {
      execFileSync(psql, [
        url,
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `\\copy bench_copy FROM '${file}' WITH (FORMAT csv, HEADER true)`,
      ]);
      return Promise.resolve();
    });
    return { ms, how: 'psql \\copy' };
  }
  const { ms } = await timed(() => db.exec(`COPY bench_copy FROM '${file}' WITH (FORMAT csv, HEADER true)`));
  return { ms, how: 'server-side COPY' };
}

/** PGlite's COPY of the same file (from a blob) into a plain table, in a fresh in-memory instance. */
async function copyPglite(file: string): Promise<{ ms: number; how: string }> {
  const pg = await PGlite.create();
  try {
    await pg.exec(`CREATE TABLE bench_copy (${columnsDdl})`);
    const blob = new Blob([fs.readFileSync(file)]);
    const { ms } = await timed(() =>
      pg.query(`COPY bench_copy FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], { blob }),
    );
    return { ms, how: 'COPY FROM /dev/blob' };
  } finally {
    await pg.close();
  }
}

/** The tables an import writes (indicator_count: its settled counts). */
const RESULT_TABLES = [
  'person',
  'person_identity',
  'person_service',
  'register_entry',
  'register_entry_version',
  'register_served_through',
  'indicator_fact',
  'indicator_served_span',
  'indicator_count',
];

/**
 * A second ceiling: the import's own result (every row it wrote, in every table) written again,
 * set-based, into empty tables with the same columns, indexes and checks (no foreign keys, no
 * row-level security, no validation, no counting). What an import cannot go below whatever it does.
 */
async function writeResultAgain(db: Db): Promise<{ ms: number; rowsWritten: number }> {
  let rowsWritten = 0;
  for (const t of RESULT_TABLES)
    await db.exec(
      `DROP TABLE IF EXISTS bench_${t}; CREATE TABLE bench_${t} (LIKE ${t} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
    );
  const { ms } = await timed(async () => {
    await db.transaction(async (tx) => {
      for (const t of RESULT_TABLES)
        rowsWritten += (await tx.query(`INSERT INTO bench_${t} SELECT * FROM ${t}`)).affectedRows;
    });
  });
  return { ms, rowsWritten };
}

interface Result {
  engine: string;
  label: string;
  importMs: number;
  copyMs: number;
  copyHow: string;
  created: number;
  peakRss: number;
  resultMs: number;
  resultRows: number;
  importCpu: Cpu;
  resultCpu: Cpu;
}

async function benchEngine(engine: string, dir: string): Promise<Result> {
  const bench = await openEngine(engine);
  try {
    const codes = await createUnits(bench.db);
    const file = path.join(dir, `senior-alert-${engine}.csv`);
    const bytes = await writeCsv(file, codes);
    process.stderr.write(
      `${bench.label}: ${nf.format(rows)} rows, ${nf.format(Math.round(bytes / 1_048_576))} MiB …\n`,
    );
    const rss = rssSampler();
    let last = Date.now();
    const measured = await cpuOf(engine, bench.db, () =>
      timed(() =>
        runImport(
          {
            db: bench.db,
            key: Buffer.from('bench-pseudonym-key-not-a-secret-0123456789'),
            windows: DEFAULT_PALLIATIVE_WINDOWS,
          },
          systemActor(new Date('2025-01-15T10:00:00Z')),
          {
            register: 'senior_alert',
            sourceSystem: 'bench',
            fileName: path.basename(file),
            format: 'csv',
            dryRun: false,
            bytesTotal: bytes,
            limitBytes: Number.MAX_SAFE_INTEGER,
          },
          fs.createReadStream(file),
          {
            onProgress: (p) => {
              if (Date.now() - last < 10_000) return;
              last = Date.now();
              process.stderr.write(
                `  ${nf.format(p.rowsRead)} rows, ${Math.floor((100 * p.bytesRead) / bytes)} %\n`,
              );
            },
          },
        ),
      ),
    );
    const { ms, value } = measured.value;
    const peakRss = rss.stop();
    if (value.status !== 'done')
      throw new Error(`import rejected: ${JSON.stringify(value.report.errors.slice(0, 3))}`);
    const again = await cpuOf(engine, bench.db, () => writeResultAgain(bench.db));
    const copy =
      engine === 'postgres'
        ? await copyPostgres(bench.db, await benchUrl(bench.db), file)
        : await copyPglite(file);
    return {
      engine,
      label: bench.label,
      importMs: ms,
      copyMs: copy.ms,
      copyHow: copy.how,
      created: value.report.created,
      peakRss,
      resultMs: again.value.ms,
      resultRows: again.value.rowsWritten,
      importCpu: measured.cpu,
      resultCpu: again.cpu,
    };
  } finally {
    await bench.close();
  }
}

/** The URL of the per-benchmark database support.ts created on the server. */
async function benchUrl(db: Db): Promise<string> {
  const { rows } = await db.query<{ name: string }>('SELECT current_database() AS name');
  const url = new URL(serverUrl ?? '');
  url.pathname = `/${rows[0]?.name ?? ''}`;
  return url.toString();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-import-'));
try {
  const results: Result[] = [];
  for (const engine of engines) results.push(await benchEngine(engine, dir));
  const rate = (ms: number) => nf.format(Math.round(rows / (ms / 1000)));
  process.stdout.write(
    `\nImport of ${nf.format(rows)} Senior Alert rows (${nf.format(persons)} persons, ${unitCount} units)\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `${r.label}\n` +
        `  import: ${nf.format(Math.round(r.importMs))} ms, ${rate(r.importMs)} rows/s (${nf.format(r.created)} entries), peak RSS ${nf.format(Math.round(r.peakRss / 1_048_576))} MiB\n` +
        `  COPY (${r.copyHow}): ${nf.format(Math.round(r.copyMs))} ms, ${rate(r.copyMs)} rows/s\n` +
        `  import/COPY: ${(r.copyMs / r.importMs).toFixed(4)} (goal ≥ 0.3333)\n` +
        `  the import's result (${nf.format(r.resultRows)} rows in ${RESULT_TABLES.length} tables) written again into tables with the same indexes: ${nf.format(Math.round(r.resultMs))} ms, ${rate(r.resultMs)} file rows/s\n` +
        `  import/result-write: ${(r.resultMs / r.importMs).toFixed(4)}\n` +
        `  CPU: import ${cpuText(r.importCpu)}, ${nf.format(Math.round(rows / cpuTotal(r.importCpu)))} rows per CPU second; result write ${cpuText(r.resultCpu)}\n` +
        `  import/result-write in CPU time: ${(cpuTotal(r.resultCpu) / cpuTotal(r.importCpu)).toFixed(4)}\n`,
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
