/**
 * npm run bench:release -- [--persons 2000] [--samples 3] [--compare ../wt-main] [--seed bench] [--key TEXT]
 *
 * Computing a release (src/modules/indicators/release.ts: the facts read, the cell key
 * perturbation, roll-up, suppression of every public annual table, and the step across
 * indicators) on a synthetic nation, on the engine the environment names. Prints, per sample,
 * wall time, this process's CPU time and the event loop's longest block; the cells, the cells
 * suppressed, and how many the step across indicators added and how long it took.
 *
 * `--compare DIR` loads computeRelease from another checkout (a worktree of main, say) and runs
 * it on the same database, alternating with this one sample by sample, so that both see the same
 * load on a shared machine. `--seed` and `--key` (the pseudonym key, which keys the noise; random
 * by default) make the nation and its noise the same as a test's, e.g. release.int.test.ts's
 * `--seed attack --key test-pseudonym-key-not-a-secret-0123456789`.
 */
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { writeDemoNation } from '../src/modules/demo/service.js';
import { activeDefinitions } from '../src/modules/indicators/engine.js';
import { cellKeySecret, computeRelease, type AcrossStats } from '../src/modules/indicators/release.js';
import { benchConfig, intFlag, openBenchDb } from './support.js';

const persons = intFlag('persons', 2000);
const samples = intFlag('samples', 3);
const { values: flags } = parseArgs({
  options: { compare: { type: 'string' }, seed: { type: 'string' }, key: { type: 'string' } },
  strict: false,
});
const text = (flag: unknown, fallback: string): string => (typeof flag === 'string' ? flag : fallback);
const compareDir = typeof flags['compare'] === 'string' ? path.resolve(flags['compare']) : undefined;
const THRESHOLD = 5;

type Compute = typeof computeRelease;
const variants: Array<{ name: string; compute: Compute }> = [
  { name: 'this checkout', compute: computeRelease },
];
if (compareDir) {
  const other = (await import(path.join(compareDir, 'src/modules/indicators/release.ts'))) as {
    computeRelease: Compute;
  };
  variants.unshift({ name: path.basename(compareDir), compute: other.computeRelease });
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
  const line = (cells: string[]) => process.stdout.write(`${cells.join(' | ')}\n`);
  line([
    'variant',
    'sample',
    'wall s',
    'CPU s',
    'longest loop block s',
    'cells',
    'suppressed',
    'added across',
    'rounds',
    'across s',
  ]);
  for (let sample = 1; sample <= samples; sample++)
    for (const { name, compute } of variants) {
      const across: AcrossStats = { added: NaN, rounds: NaN, ms: NaN };
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      // The monitor records a block only between two of its timer's ticks: let it tick once first.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const cpu = process.cpuUsage();
      const started = performance.now();
      const tables = await compute(bench.db, defs, settings, across);
      const wall = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      // Let the monitor's timer record the last block before it stops.
      await new Promise((resolve) => setTimeout(resolve, 20));
      loop.disable();
      const values = tables.flatMap((t) => t.values);
      line([
        name,
        String(sample),
        wall.toFixed(1),
        ((used.user + used.system) / 1e6).toFixed(1),
        (loop.max / 1e9).toFixed(1),
        String(values.length),
        String(values.filter((v) => v.status === 'suppressed').length),
        Number.isNaN(across.added) ? '–' : String(across.added),
        Number.isNaN(across.rounds) ? '–' : String(across.rounds),
        Number.isNaN(across.ms) ? '–' : (across.ms / 1000).toFixed(1),
      ]);
    }
  process.stdout.write(`${bench.label}, ${persons} synthetic persons, threshold ${THRESHOLD}\n`);
} finally {
  await bench.close();
}
