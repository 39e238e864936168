/**
 * npm run bench:storage -- [--persons 5000] [--years 1]
 *
 * Disk use of the embedded engine (PGlite on disk) while a synthetic nation is written: the data
 * directory's size at its peak (sampled between batches) and at the end, with bytes per fact and
 * per entry. Side by side in one run: without CHECKPOINT (before: WAL grows, PGlite has no
 * background checkpointer) and with the demo's checkpoints (every 10 batches and after each phase).
 * `--runs 1`: only the run with checkpoints. Each run also prints the size of the freshly prepared
 * database (fixed, not per fact) and where the bytes are, per table and per index (storage-breakdown.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config/config.js';
import { projectRoot } from '../src/config/paths.js';
import { openPglite } from '../src/db/pglite.js';
import { writeDemoNation } from '../src/modules/demo/service.js';
import { prepareDatabase } from '../src/runtime/prepare.js';
import { intFlag } from './support.js';
import { printBreakdown, relationSizes } from './storage-breakdown.js';

const persons = intFlag('persons', 5000);
const years = intFlag('years', 1);
const runs = intFlag('runs', 2);
const log = pino({ level: 'silent' });
const config = loadConfig(
  { ...process.env, DATABASE_URL: '', DEMO: '1', LOG_LEVEL: 'silent' },
  projectRoot(),
);

function sizeOf(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? sizeOf(p) : fs.statSync(p).size;
  }
  return total;
}

async function measure(checkpointEvery: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-storage-'));
  const db = await openPglite(dir);
  try {
    await prepareDatabase(db, config, log);
    await db.checkpoint();
    const empty = sizeOf(dir);
    let peak = sizeOf(dir);
    const timer = setInterval(() => (peak = Math.max(peak, sizeOf(dir))), 250);
    const started = process.cpuUsage();
    const key = randomBytes(24);
    const opts = { persons, seed: 'bench', asOf: '2026-06-30', years, replace: false, key, threshold: 5 };
    const written = await writeDemoNation(db, { ...opts, checkpointEvery }, log);
    const cpu = process.cpuUsage(started);
    clearInterval(timer);
    const end = sizeOf(dir);
    const wal = sizeOf(path.join(dir, 'pg_wal'));
    const breakdown = printBreakdown(await relationSizes(db), end);
    return {
      end,
      empty,
      peak: Math.max(peak, end),
      wal,
      written,
      breakdown,
      cpuS: (cpu.user + cpu.system) / 1e6,
    };
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
process.stdout.write(
  `Storage benchmark: PGlite on disk, ${persons.toLocaleString('en')} persons, ${years + 1} years\n`,
);
const before = runs > 1 ? await measure(0) : undefined;
const after = await measure(10);
for (const [label, r] of [
  ['no CHECKPOINT (before)', before],
  ['CHECKPOINT every 10 batches and per phase (after)', after],
] as const) {
  if (!r) continue;
  process.stdout.write(
    `${label}: end ${mb(r.end)} (pg_wal ${mb(r.wal)}), peak ${mb(r.peak)}; ` +
      `${(r.end / r.written.facts).toFixed(0)} B/fact, ${(r.end / r.written.entries).toFixed(0)} B/entry ` +
      `(${r.written.facts} facts, ${r.written.entries} entries); ${r.cpuS.toFixed(0)} s CPU ` +
      `(write ${r.written.seconds.write.toFixed(0)} s, rebuild ${r.written.seconds.rebuild.toFixed(0)} s, ` +
      `publish ${r.written.seconds.publish.toFixed(0)} s wall-clock); prepared database before the nation ${mb(r.empty)}, ` +
      `${((r.end - r.empty) / r.written.facts).toFixed(0)} B/fact above it\n${r.breakdown}`,
  );
}
if (before)
  process.stdout.write(
    `ratios after/before: end ${(after.end / before.end).toFixed(2)}, peak ${(after.peak / before.peak).toFixed(2)}, ` +
      `CPU ${(after.cpuS / before.cpuS).toFixed(2)}\n`,
  );
