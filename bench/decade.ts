/**
 * npm run bench:decade -- [--persons 20000] [--samples 40] [--decade 10] [--no-dashboard]
 *
 * A decade of data (#19 goal 5), side by side with one year: the same synthetic nation (persons,
 * seed) written once over one calendar year and once over `--decade` years, each into a fresh
 * database (PostgreSQL with DATABASE_URL, else PGlite on disk), with indicator_fact partitioned
 * by year (sql/0285_fact_by_year.sql). Prints for each: facts and entries, write and rebuild
 * time (a second rebuild, on a settled database), incremental write latency (a new registration
 * and a correction of it, each one transaction, p50/p95), an analyst's dashboard (withEntitledDetail
 * over 10 indicators × 3 years = 30 tables for a municipal analyst, 3 samples; cold: an empty detail cache,
 * warm: a kept one), public API requests (Kolada v3 data, one year and every year of a
 * municipality: the first after publishing and then p50/p95), and disk size per table (partitions
 * summed) and of the database. The PostgreSQL backends' CPU time is printed where it is measurable.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { INSTRUMENT } from '../src/domain/indicators/catalogue.js';
import type { Fact } from '../src/domain/facts/fact.js';
import type { Principal } from '../src/domain/policy/principal.js';
import type { Db } from '../src/db/db.js';
import { writeDemoNation } from '../src/modules/demo/service.js';
import { activeDefinitions, rebuildIndicators } from '../src/modules/indicators/engine.js';
import { replaceFactsNow } from '../src/modules/indicators/fact-writer.js';
import { DetailCache, withEntitledDetail } from '../src/modules/indicators/analytics-entitled.js';
import { buildApp } from '../src/server/app.js';
import {
  backendCpuDelta,
  backendCpuMs,
  benchConfig,
  dashboardRows,
  intFlag,
  openBenchDb,
  percentile,
  timed,
} from './support.js';

const persons = intFlag('persons', 20_000);
const samples = intFlag('samples', 40);
const decade = intFlag('decade', 10);
// A cold dashboard took minutes a sample on a loaded machine (JavaScript, not the database).
const dashboard = !process.argv.includes('--no-dashboard');
const YEAR = new Date().getUTCFullYear();
const AS_OF = `${YEAR}-06-30`;
const log = pino({ level: 'silent' });
const analyst: Principal = {
  userId: 'bench',
  username: 'bench',
  displayName: 'Bench',
  authMethod: 'password',
  sessionId: 'bench',
  assignments: [
    {
      id: 'bench',
      role: 'municipal_analyst',
      scope: { kind: 'municipality', code: '0180' },
      validFrom: '2000-01-01',
      validTo: null,
    },
  ],
};

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms p95 ${percentile(s, 95).toFixed(1)} ms`;
};
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

async function sizes(db: Db): Promise<{ database: number; tables: string }> {
  await db.query('ANALYZE');
  const { rows } = await db.query<{ name: string; bytes: number; parts: number; rows: number }>(
    `SELECT coalesce(pg_partition_root(c.oid), c.oid)::regclass::text AS name,
            sum(pg_total_relation_size(c.oid))::bigint AS bytes, count(*)::int AS parts,
            sum(greatest(c.reltuples, 0))::bigint AS rows
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relkind = 'r' GROUP BY 1 ORDER BY 2 DESC LIMIT 8`,
  );
  const db0 = await db.query<{ b: number }>('SELECT pg_database_size(current_database())::bigint AS b');
  const tables = rows
    .map(
      (r) =>
        `    ${r.name.padEnd(28)} ${mb(Number(r.bytes)).padStart(10)} ${String(r.rows).padStart(10)} rows` +
        `${r.parts > 1 ? ` in ${r.parts} partitions` : ''}`,
    )
    .join('\n');
  return { database: Number(db0.rows[0]?.b ?? 0), tables };
}

async function measure(years: number): Promise<string> {
  const bench = await openBenchDb({ demo: true });
  const config = benchConfig();
  const out: string[] = [];
  try {
    const db = bench.db;
    const key = Buffer.from(config.pseudonymKey ?? '');
    const opts = {
      persons,
      seed: 'decade',
      asOf: AS_OF,
      years: years - 1,
      replace: false,
      key,
      threshold: 5,
    };
    const nation = await writeDemoNation(db, { ...opts, publish: true }, log);
    const defs = await activeDefinitions(db);
    out.push(
      `${years} year(s), ${bench.label}: ${nation.facts.toLocaleString('en')} facts written ` +
        `(${nation.entries.toLocaleString('en')} entries, ${nation.persons.toLocaleString('en')} persons); ` +
        `write ${nation.seconds.write.toFixed(0)} s, first rebuild ${nation.seconds.rebuild.toFixed(1)} s, ` +
        `publish ${nation.seconds.publish.toFixed(0)} s`,
    );
    const { rows: units } = await db.query<{ unit_id: string }>(
      `SELECT unit_id FROM org_unit_version WHERE municipality_code = '0180' AND operating_area = 'elderly_care'
        AND valid_to = 'infinity' ORDER BY unit_id LIMIT 1`,
    );
    const factOf = (person: string, risk: boolean): Fact => ({
      register: 'senior_alert',
      person,
      unitId: units[0]?.unit_id ?? '',
      sex: 'K',
      age: 84,
      kind: 'risk_assessment',
      date: AS_OF,
      attributes: { instrument: INSTRUMENT.downton, risk },
    });
    const fresh: number[] = [];
    const corrected: number[] = [];
    for (let i = 0; i < samples; i++) {
      const person = `bench-decade-${i}-${randomBytes(3).toString('hex')}`;
      const source = { type: 'bench-decade', id: person };
      const w = await timed(() =>
        db.transaction((tx) =>
          replaceFactsNow(tx, defs, [{ source, facts: [factOf(person, false)], fresh: true }]),
        ),
      );
      fresh.push(w.ms);
      const c = await timed(() =>
        db.transaction((tx) =>
          replaceFactsNow(tx, defs, [{ source, facts: [factOf(person, true)], fresh: false }]),
        ),
      );
      corrected.push(c.ms);
    }
    out.push(`  incremental write: a registration ${stats(fresh)}; its correction ${stats(corrected)}`);

    const yearly = defs.filter((d) => d.periodTypes.includes('year')).slice(0, 10);
    const periods = [YEAR - 2, YEAR - 1, YEAR].map(String);
    const rows = await dashboardRows(db, yearly, periods);
    if (dashboard) {
      const cold: number[] = [];
      const warm: number[] = [];
      const kept = new DetailCache();
      for (let i = 0; i < Math.min(samples, 3); i++) {
        cold.push((await timed(() => withEntitledDetail(db, defs, analyst, rows, 5, new DetailCache()))).ms);
        warm.push((await timed(() => withEntitledDetail(db, defs, analyst, rows, 5, kept))).ms);
      }
      out.push(
        `  analyst's dashboard (${yearly.length} indicators × ${periods.length} years, ${rows.length} rows): ` +
          `cold ${stats(cold)}; warm ${stats(warm)}`,
      );
    }
    const app = await buildApp({ db, config }, { logger: log, webDir: '/nonexistent' });
    await app.ready();
    const kpi = yearly[0]?.id ?? '';
    const paths = [
      `/api/kolada/v3/data/kpi/${kpi}/year/${YEAR - 1}`,
      `/api/kolada/v3/data/kpi/${kpi}/municipality/0180`,
    ];
    for (const path of paths) {
      const first = await timed(() => app.inject({ method: 'GET', url: path }));
      if (first.value.statusCode !== 200) throw new Error(`${path}: ${first.value.statusCode}`);
      const again: number[] = [];
      for (let i = 0; i < samples; i++) again.push((await timed(() => app.inject(path))).ms);
      out.push(
        `  public API ${path.replace(kpi, '{kpi}')}: first ${first.ms.toFixed(1)} ms ` +
          `(${first.value.body.length.toLocaleString('en')} bytes), then ${stats(again)}`,
      );
    }
    await app.close();
    // Last: a rebuild queues every table for publication, which the dashboard would then recompute.
    const cpu0 = await backendCpuMs(db);
    const rebuild = await timed(() => rebuildIndicators(db, defs));
    const rebuildCpu = backendCpuDelta(cpu0, await backendCpuMs(db));
    out.push(
      `  rebuild (settled): ${(rebuild.ms / 1000).toFixed(2)} s, ${rebuild.value.counts.toLocaleString('en')} counts` +
        (rebuildCpu === null ? '' : `, backend CPU ${(rebuildCpu / 1000).toFixed(2)} s`),
    );
    const size = await sizes(db);
    out.push(
      `  disk: database ${mb(size.database)}, ${(size.database / nation.facts).toFixed(0)} B/fact; largest tables:`,
      size.tables,
    );
    return out.join('\n');
  } finally {
    await bench.close();
  }
}

process.stdout.write(
  `Decade benchmark: ${persons.toLocaleString('en')} persons, 1 year and ${decade} years up to ${AS_OF}\n`,
);
process.stdout.write(`${await measure(1)}\n`);
process.stdout.write(`${await measure(decade)}\n`);
