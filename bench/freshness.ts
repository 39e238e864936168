/**
 * npm run bench:freshness -- [--persons 1000] [--samples 40] [--storm 60]
 *
 * How soon an internal (live) indicator shows a write, on the engine the environment names
 * (PGlite by default, DATABASE_URL for a server). A synthetic nation is written and released;
 * the server's background publisher runs as in production (every 500 ms). Each sample records one
 * risk assessment (a new person at a Stockholm elderly-care unit, through the engine's write path
 * in its own transaction) and then polls GET /api/v1/analytics as Stockholm's municipal analyst
 * every 10 ms until the municipality's K10006 denominator shows it. Prints p50, p95 and max of
 * write commit → visible, and checks that the public value (the release) did not move.
 * Goal: p95 under one second.
 *
 * Side by side in one run, suppression on the event loop (before) and in the publisher's worker
 * thread (after): freshness, and the event loop's longest block (perf_hooks.monitorEventLoopDelay)
 * while it is measured and during a publishing storm (`--storm` published tables queued at once).
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { INSTRUMENT } from '../src/domain/indicators/catalogue.js';
import { writeDemoNation } from '../src/modules/demo/service.js';
import { addAssignment, createAccount } from '../src/modules/identity/accounts.js';
import { activeDefinitions, recordFacts } from '../src/modules/indicators/engine.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startPublisher } from '../src/modules/indicators/publisher.js';
import { publishQueued } from '../src/modules/indicators/publish.js';
import {
  computeInline,
  startPublishWorker,
  type TableComputer,
} from '../src/modules/indicators/publish-pool.js';
import { enqueue } from '../src/modules/indicators/publish-queries.js';
import { buildApp } from '../src/server/app.js';
import { benchConfig, intFlag, openBenchDb, percentile } from './support.js';

const persons = intFlag('persons', 1000);
const samples = intFlag('samples', 40);
const stormTables = intFlag('storm', 60);
const YEAR = new Date().getUTCFullYear();
const log = pino({ level: 'silent' });

const bench = await openBenchDb({ demo: true });
const config = benchConfig();
try {
  const db = bench.db;
  const asOf = `${YEAR}-${String(new Date().getUTCMonth() + 1).padStart(2, '0')}-01`;
  await writeDemoNation(
    db,
    {
      persons,
      seed: 'bench',
      asOf,
      years: 0,
      replace: false,
      key: Buffer.from(config.pseudonymKey ?? ''),
      threshold: 5,
      publish: true,
    },
    log,
  );
  const app = await buildApp({ db, config }, { logger: log, webDir: '/nonexistent' });
  await app.ready();
  const username = `bench-analyst-${randomBytes(3).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  const account = await createAccount(db, { username, displayName: 'Bench analyst', password });
  await addAssignment(
    db,
    account.id,
    { role: 'municipal_analyst', scope: { kind: 'municipality', code: '0180' }, validFrom: '2000-01-01' },
    new Date(),
  );
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  const cookie = `kn_session=${login.cookies.find((c) => c.name === 'kn_session')?.value ?? ''}`;
  const { rows: units } = await db.query<{ unit_id: string }>(
    `SELECT unit_id FROM org_unit_version WHERE municipality_code = '0180' AND operating_area = 'elderly_care'
      AND valid_to = 'infinity' ORDER BY unit_id LIMIT 1`,
  );
  const unitId = units[0]?.unit_id ?? '';
  const defs = await activeDefinitions(db);
  const live = async (): Promise<number> => {
    const res = await app.inject({
      url: `/api/v1/analytics?dx=K10006&pe=${YEAR}&ou=0180&sex=T`,
      headers: { cookie },
    });
    const row = res.json<{
      rows: Array<{ denominator: number | null; unsuppressed?: { denominator: number } }>;
    }>().rows[0];
    return row?.unsuppressed?.denominator ?? row?.denominator ?? 0;
  };
  const publicRelease = async () =>
    (await app.inject(`/api/public/intervals/K10006/${YEAR}?levels=municipality`)).headers[
      'x-kunskapsnav-release'
    ];

  /** The event loop's delay while `work` runs: max and p99 in ms. */
  const loopDelay = async <T>(work: () => Promise<T>) => {
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const started = process.hrtime.bigint();
    const value = await work();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    h.disable();
    return { value, ms, max: h.max / 1e6, p99: h.percentile(99) / 1e6 };
  };

  const freshness = async (compute: TableComputer) => {
    const publisher = startPublisher(db, { threshold: 5, compute }, log);
    await publisher.runOnce();
    const latencies: number[] = [];
    const run = await loopDelay(async () => {
      for (let i = 0; i < samples; i++) {
        const before = await live();
        const person = `bench-fresh-${i}-${randomBytes(3).toString('hex')}`;
        const base = { register: 'senior_alert' as const, person, unitId, sex: 'K' as const, age: 84 };
        const day = `${YEAR}-${String(new Date().getUTCMonth() + 1).padStart(2, '0')}-01`;
        await db.transaction((tx) =>
          recordFacts(
            tx,
            defs,
            [
              {
                ...base,
                kind: 'risk_assessment',
                date: day,
                attributes: { instrument: INSTRUMENT.downton, risk: i % 2 === 0 },
              },
            ],
            { type: 'bench-freshness', id: person },
          ),
        );
        const committed = process.hrtime.bigint();
        for (;;) {
          if ((await live()) > before) break;
          await new Promise((r) => setTimeout(r, 10));
        }
        latencies.push(Number(process.hrtime.bigint() - committed) / 1e6);
        // Spread the writes over the publisher's cycle.
        await new Promise((r) => setTimeout(r, 137));
      }
    });
    await publisher.stop();
    latencies.sort((a, b) => a - b);
    return {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: latencies[latencies.length - 1] ?? 0,
      loopMax: run.max,
    };
  };

  const { rows: published } = await db.query<{ indicator_id: string; period: string }>(
    `SELECT indicator_id, period FROM publication ORDER BY cells DESC, indicator_id, period LIMIT $1`,
    [stormTables],
  );
  const stormPairs = published.map((r) => ({ indicatorId: r.indicator_id, period: r.period }));
  const storm = async (compute: TableComputer) => {
    await enqueue(db, stormPairs);
    const run = await loopDelay(() => publishQueued(db, defs, { threshold: 5, compute }, 10));
    return { tables: run.value, seconds: run.ms / 1000, max: run.max, p99: run.p99 };
  };

  const releaseBefore = await publicRelease();
  const worker = startPublishWorker();
  // Started and its modules loaded before it is measured (under tsx they are compiled first).
  await worker.compute([]);
  const results = {
    before: { storm: await storm(computeInline), fresh: await freshness(computeInline) },
    after: { storm: await storm(worker.compute), fresh: await freshness(worker.compute) },
  };
  await worker.close();
  const releaseAfter = await publicRelease();
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  const ratio = (b: number, a: number) => `${(b / a).toFixed(1)}×`;
  const { before: b, after: a } = results;
  process.stdout.write(
    `${bench.label}, ${persons} synthetic persons, ${samples} writes per side, storm of ${stormPairs.length} tables\n` +
      `                                         on the event loop (before) | worker thread (after) | ratio\n` +
      `storm: longest event-loop block          ${f(b.storm.max)} | ${f(a.storm.max)} | ${ratio(b.storm.max, a.storm.max)}\n` +
      `storm: event-loop delay p99              ${f(b.storm.p99)} | ${f(a.storm.p99)} | ${ratio(b.storm.p99, a.storm.p99)}\n` +
      `storm: tables published, wall time      ${b.storm.tables} in ${b.storm.seconds.toFixed(1)} s | ${a.storm.tables} in ${a.storm.seconds.toFixed(1)} s | ${ratio(b.storm.seconds, a.storm.seconds)}\n` +
      `freshness write → visible p50            ${f(b.fresh.p50)} | ${f(a.fresh.p50)} | ${ratio(b.fresh.p50, a.fresh.p50)}\n` +
      `freshness write → visible p95 (< 1 s)    ${f(b.fresh.p95)} | ${f(a.fresh.p95)} | ${ratio(b.fresh.p95, a.fresh.p95)}\n` +
      `freshness max                            ${f(b.fresh.max)} | ${f(a.fresh.max)} | ${ratio(b.fresh.max, a.fresh.max)}\n` +
      `freshness: longest event-loop block      ${f(b.fresh.loopMax)} | ${f(a.fresh.loopMax)} | ${ratio(b.fresh.loopMax, a.fresh.loopMax)}\n` +
      `public release before ${String(releaseBefore)}, after ${String(releaseAfter)} ` +
      `(${releaseBefore === releaseAfter ? 'unchanged, as it should be' : 'CHANGED'})\n`,
  );
  await app.close();
} finally {
  await bench.close();
}
