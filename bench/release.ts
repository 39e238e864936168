/**
 * npm run bench:release -- [--persons 2000] [--samples 3] [--compare ../wt-main] [--seed bench] [--key TEXT]
 *
 * Making a release (src/modules/indicators/release.ts: the facts read in one snapshot, the cell
 * key perturbation, roll-up, suppression of every public annual table and the step across
 * indicators, then the tables stored) on a synthetic nation, on the engine the environment names,
 * and what it does to request handling meanwhile. Variants, alternating sample by sample so that
 * all see the same load on a shared machine:
 *
 * - `worker`: this checkout, the computation in the publishing worker thread (as the server does);
 * - `inline`: this checkout, the computation on the event loop (as the CLI's tests and the demo do);
 * - with `--compare DIR`, the makeRelease of another checkout (a worktree of main, say).
 *
 * Prints, per sample, wall time, this process's CPU time (every thread, the worker's included),
 * the event loop's longest block and its p99 delay (perf_hooks.monitorEventLoopDelay, 10 ms
 * resolution) while the release is made; then the medians side by side, whether every release
 * stored the same values (a digest of released_value), and, from one untimed computation, the
 * cells, the cells suppressed and what the step across indicators added. `--seed` and `--key` (the
 * pseudonym key, which keys the noise; random by default) make the nation and its noise the same as
 * a test's, e.g. release.int.test.ts's `--seed attack --key test-pseudonym-key-not-a-secret-0123456789`.
 */
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { Db } from '../src/db/db.js';
import type { IndicatorDefinition } from '../src/domain/indicators/definition.js';
import { writeDemoNation } from '../src/modules/demo/service.js';
import { activeDefinitions } from '../src/modules/indicators/engine.js';
import { startPublishWorker } from '../src/modules/indicators/publish-pool.js';
import {
  cellKeySecret,
  computeRelease,
  makeRelease,
  type AcrossStats,
  type ReleaseSettings,
} from '../src/modules/indicators/release.js';
import { benchConfig, intFlag, openBenchDb, percentile } from './support.js';

const persons = intFlag('persons', 2000);
const samples = intFlag('samples', 3);
const { values: flags } = parseArgs({
  options: { compare: { type: 'string' }, seed: { type: 'string' }, key: { type: 'string' } },
  strict: false,
});
const text = (flag: unknown, fallback: string): string => (typeof flag === 'string' ? flag : fallback);
const compareDir = typeof flags['compare'] === 'string' ? path.resolve(flags['compare']) : undefined;
const THRESHOLD = 5;

type Make = (
  db: Db,
  definitions: readonly IndicatorDefinition[],
  settings: ReleaseSettings,
) => Promise<{ id: number }>;
const request = { kind: 'on_demand', madeBy: 'bench' } as const;
const worker = startPublishWorker();
const variants: Array<{ name: string; make: Make }> = [
  {
    name: 'worker',
    make: (db, defs, settings) => makeRelease(db, defs, { ...settings, compute: worker.release }, request),
  },
  { name: 'inline', make: (db, defs, settings) => makeRelease(db, defs, settings, request) },
];
if (compareDir) {
  const other = (await import(path.join(compareDir, 'src/modules/indicators/release.ts'))) as {
    makeRelease: typeof makeRelease;
  };
  variants.unshift({
    name: path.basename(compareDir),
    make: (db, defs, settings) => other.makeRelease(db, defs, settings, request),
  });
}

const bench = await openBenchDb({ demo: true });
try {
  const config = benchConfig();
  const key = Buffer.from(text(flags['key'], config.pseudonymKey ?? ''));
  await writeDemoNation(
    bench.db,
    {
      persons,
      seed: text(flags['seed'], 'bench'),
      asOf: '2026-11-30',
      years: 0,
      replace: false,
      key,
      threshold: THRESHOLD,
      publish: false,
    },
    pino({ level: 'silent' }),
  );
  const defs = await activeDefinitions(bench.db);
  const settings = { threshold: THRESHOLD, secret: cellKeySecret(key) };
  // Started and its modules loaded before it is measured (under tsx they are compiled first).
  await worker.compute([]);
  const line = (cells: string[]) => process.stdout.write(`${cells.join(' | ')}\n`);
  const load = () => os.loadavg()[0]?.toFixed(1) ?? '?';
  line(['variant', 'sample', 'wall s', 'CPU s', 'longest loop block ms', 'loop delay p99 ms', 'load']);
  const measured = new Map(variants.map((v) => [v.name, [] as Array<Record<string, number>>]));
  const digests = new Map<string, Set<string>>();
  for (let sample = 1; sample <= samples; sample++)
    for (const { name, make } of variants) {
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      // The monitor records a block only between two of its timer's ticks: let it tick once first.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const cpu = process.cpuUsage();
      const started = performance.now();
      const { id } = await make(bench.db, defs, settings);
      const wall = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      // Let the monitor's timer record the last block before it stops.
      await new Promise((resolve) => setTimeout(resolve, 20));
      loop.disable();
      const m = {
        wall,
        cpu: (used.user + used.system) / 1e6,
        max: loop.max / 1e6,
        p99: loop.percentile(99) / 1e6,
      };
      measured.get(name)?.push(m);
      const digest = await releasedDigest(bench.db, id);
      digests.set(digest, (digests.get(digest) ?? new Set()).add(name));
      line([
        name,
        String(sample),
        m.wall.toFixed(2),
        m.cpu.toFixed(2),
        m.max.toFixed(0),
        m.p99.toFixed(0),
        load(),
      ]);
    }
  const median = (name: string, k: string) =>
    percentile(
      (measured.get(name) ?? []).map((m) => m[k] ?? NaN).sort((a, b) => a - b),
      50,
    );
  const [base] = variants;
  process.stdout.write(`\nmedians of ${samples} | ${variants.map((v) => v.name).join(' | ')}\n`);
  for (const [k, label] of [
    ['wall', 'wall s'],
    ['cpu', 'CPU s'],
    ['max', 'longest loop block ms'],
    ['p99', 'loop delay p99 ms'],
  ] as const)
    line([
      label,
      ...variants.map((v) => {
        const value = median(v.name, k);
        const ratio =
          base && v !== base ? ` (${(median(base.name, k) / value).toFixed(1)}× ${base.name})` : '';
        return `${value.toFixed(k === 'wall' || k === 'cpu' ? 2 : 0)}${ratio}`;
      }),
    ]);
  process.stdout.write(
    `stored values: ${digests.size === 1 ? 'identical in every release' : `DIFFER: ${[...digests.values()].map((s) => [...s].join('+')).join(' vs ')}`}\n`,
  );
  const across: AcrossStats = { added: NaN, rounds: NaN, ms: NaN };
  const values = (await computeRelease(bench.db, defs, settings, across)).flatMap((t) => t.values);
  process.stdout.write(
    `${values.length} cells, ${values.filter((v) => v.status === 'suppressed').length} suppressed; ` +
      `across indicators: ${across.added} added in ${across.rounds} rounds, ${(across.ms / 1000).toFixed(2)} s\n` +
      `${bench.label}, ${persons} synthetic persons, threshold ${THRESHOLD}; load average (1 min) ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${os.cpus().length} cores\n`,
  );
} finally {
  await worker.close();
  await bench.close();
}

/** One digest of every value a release stored, in a fixed order. */
async function releasedDigest(db: Db, releaseId: number): Promise<string> {
  const { rows } = await db.query<{ digest: string }>(
    `SELECT md5(string_agg(concat_ws('|', indicator_id, version, period, level, code, sex, numerator, denominator,
        rate, ci_lower, ci_upper, status), E'\\n' ORDER BY indicator_id, period, level, code, sex)) AS digest
       FROM released_value WHERE release_id = $1`,
    [releaseId],
  );
  return rows[0]?.digest ?? '';
}
