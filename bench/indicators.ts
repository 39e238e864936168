/**
 * npm run bench:indicators -- --persons 1000000 [--samples 300]
 *
 * On the engine the environment names (PGlite by default, DATABASE_URL for a server), with
 * synthetic Senior Alert facts for N persons over the demo units:
 *  - full rebuild of the engine's counts (set-based SQL generated from the definitions);
 *  - reference: ONE SQL statement over the same facts computing the same indicators with
 *    GROUP BY ROLLUP(region, municipality, unit) (it also does the roll-up the rebuild leaves
 *    to the publisher);
 *  - DuckDB over the same facts exported to Parquet, running that reference statement;
 *  - incremental update latency (one registration = one transaction) p50/p95;
 *  - peak RSS of this process (a server's own memory is not included).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Db } from '../src/db/db.js';
import type { IndicatorDefinition } from '../src/domain/indicators/definition.js';
import { activeDefinitions, rebuildIndicators, recordFacts } from '../src/modules/indicators/engine.js';
import {
  allCountsSelectSql,
  flatDialect,
  postgresDialect,
  type SqlDialect,
} from '../src/modules/indicators/count-sql.js';
import { intFlag, openBenchDb, percentile, rssSampler, timed } from './support.js';

const persons = intFlag('persons', 100_000);
const samples = intFlag('samples', 300);
const CHUNK = 50_000;

/** Deterministic synthetic facts, generated inside the database in chunks of persons. */
async function generateFacts(db: Db, from: number, to: number): Promise<void> {
  await db.query(
    `WITH units AS (
       SELECT row_number() OVER (ORDER BY unit_id) - 1 AS i, unit_id FROM org_unit_version
        WHERE operating_area = 'elderly_care' AND valid_from <= '2024-06-30' AND '2024-06-30' < valid_to),
     n AS (SELECT count(*) AS c FROM units),
     p AS (SELECT g, abs(hashtext('u' || g)) AS h1, abs(hashtext('v' || g)) AS h2, abs(hashtext('w' || g)) AS h3
             FROM generate_series($1::int, $2::int) g)
     INSERT INTO indicator_fact (register, kind, person, unit_id, fact_date, sex, age, attributes, source_type, source_id)
     SELECT 'senior_alert', k.kind, 'p' || p.g, u.unit_id, date '2024-01-01' + (p.h2 % 300)::int + k.offs,
            CASE WHEN p.h3 % 100 < 58 THEN 'K' ELSE 'M' END, 65 + (p.h3 % 35)::int, k.attrs, 'bench', p.g::text
       FROM p JOIN units u ON u.i = p.h1 % (SELECT c FROM n)
       CROSS JOIN LATERAL (VALUES
         ('served', 0, '{}'::jsonb, true),
         ('risk_assessment', 3, jsonb_build_object('instrument',
            (ARRAY['modified-norton', 'mna-sf', 'downton', 'roag'])[1 + (p.h2 % 4)::int], 'risk', p.h3 % 10 < 4), p.h1 % 10 < 8),
         ('planned_action', 5, jsonb_build_object('riskArea',
            (ARRAY['pressure_ulcer', 'malnutrition', 'falls'])[1 + (p.h2 % 3)::int]), p.h1 % 10 < 8 AND p.h3 % 10 < 4),
         ('follow_up', 30, '{}'::jsonb, p.h2 % 10 < 3),
         ('event', 40, jsonb_build_object('eventType', CASE WHEN p.h3 % 3 = 0 THEN 'pressure_ulcer' ELSE 'fall' END,
            'grade', 1 + (p.h1 % 4)::int), p.h2 % 10 = 7)
       ) AS k(kind, offs, attrs, present)
      WHERE k.present`,
    [from, to],
  );
}

/** The reference: one statement, the same per-person flags, GROUP BY ROLLUP over the org. */
function referenceSql(d: SqlDialect, defs: readonly IndicatorDefinition[], placements: string): string {
  return `
SELECT c.indicator_id, c.period, c.sex, p.region_code, p.municipality_code, c.unit_id,
       sum(c.numerator) AS numerator, sum(c.denominator) AS denominator
  FROM (${allCountsSelectSql(d, defs)}) c
  JOIN ${placements} p ON p.unit_id = c.unit_id
 GROUP BY c.indicator_id, c.period, c.sex, ROLLUP (p.region_code, p.municipality_code, c.unit_id)`;
}

const PG_PLACEMENTS = `(SELECT DISTINCT ON (v.unit_id) v.unit_id, v.municipality_code, l.region_code
   FROM org_unit_version v JOIN org_municipality_region l ON l.municipality_code = v.municipality_code
  ORDER BY v.unit_id, v.valid_from DESC)`;

/** Typed flat columns for every attribute a definition reads. */
function attributeColumns(
  defs: readonly IndicatorDefinition[],
): Map<string, 'BOOLEAN' | 'DOUBLE' | 'VARCHAR'> {
  const cols = new Map<string, 'BOOLEAN' | 'DOUBLE' | 'VARCHAR'>();
  for (const def of defs) {
    for (const c of [...def.numerator.where, ...def.denominator.where]) {
      const type =
        'eq' in c && typeof c.eq === 'boolean' ? 'BOOLEAN' : 'gte' in c || 'lte' in c ? 'DOUBLE' : 'VARCHAR';
      if (!cols.has(c.attr) || cols.get(c.attr) === 'VARCHAR') cols.set(c.attr, type);
    }
  }
  return cols;
}

async function exportForDuckDb(
  db: Db,
  defs: readonly IndicatorDefinition[],
  dir: string,
): Promise<{ facts: string; placements: string; columns: Map<string, string> }> {
  const columns = attributeColumns(defs);
  const attrs = [...columns.keys()];
  const factsCsv = path.join(dir, 'facts.csv');
  const out = fs.createWriteStream(factsCsv);
  const esc = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const text =
      typeof v === 'string'
        ? v
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : JSON.stringify(v);
    return `"${text.replaceAll('"', '""')}"`;
  };
  out.write(['register', 'kind', 'person', 'unit_id', 'fact_date', 'sex', 'age', ...attrs].join(',') + '\n');
  // Facts have no id (0270): paged by their place in the table.
  let last = '(0,0)';
  for (;;) {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT ctid::text AS at, register, kind, person, unit_id, fact_date, sex, age, attributes FROM indicator_fact
        WHERE ctid > $1::tid ORDER BY ctid LIMIT 100000`,
      [last],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const a = r['attributes'] as Record<string, unknown>;
      out.write(
        [
          r['register'],
          r['kind'],
          r['person'],
          r['unit_id'],
          r['fact_date'],
          r['sex'],
          r['age'],
          ...attrs.map((k) => a[k]),
        ]
          .map(esc)
          .join(',') + '\n',
      );
    }
    last = String(rows[rows.length - 1]?.['at']);
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  const placementsCsv = path.join(dir, 'placements.csv');
  const { rows } = await db.query<Record<string, string>>(
    `SELECT unit_id, municipality_code, region_code FROM ${PG_PLACEMENTS} x`,
  );
  fs.writeFileSync(
    placementsCsv,
    'unit_id,municipality_code,region_code\n' +
      rows.map((r) => `${r['unit_id']},${r['municipality_code']},${r['region_code']}`).join('\n') +
      '\n',
  );
  return { facts: factsCsv, placements: placementsCsv, columns };
}

async function main(): Promise<void> {
  const memory = rssSampler();
  const bench = await openBenchDb({ demo: true });
  const { db } = bench;
  const defs = (await activeDefinitions(db)).filter((d) => d.denominator.register === 'senior_alert');
  console.log(
    `Indicator benchmark: ${persons.toLocaleString('en')} persons on ${bench.label}, ${defs.length} Senior Alert indicators, ${os.cpus().length} cores`,
  );

  const load = await timed(async () => {
    for (let from = 1; from <= persons; from += CHUNK)
      await generateFacts(db, from, Math.min(persons, from + CHUNK - 1));
  });
  const factCount = Number(
    (await db.query<{ n: number }>('SELECT count(*) AS n FROM indicator_fact')).rows[0]?.n,
  );
  await db.query('ANALYZE indicator_fact').catch(() => undefined);
  console.log(`facts generated: ${factCount.toLocaleString('en')} in ${(load.ms / 1000).toFixed(1)} s`);

  const rebuild = await timed(() => rebuildIndicators(db, defs));
  const reference = await timed(() => db.query(referenceSql(postgresDialect, defs, PG_PLACEMENTS)));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-duck-'));
  const exported = await exportForDuckDb(db, defs, dir);
  const duck = await DuckDBInstance.create(':memory:');
  const conn = await duck.connect();
  const typed = [...exported.columns].map(([k, t]) => `'${k}': '${t}'`).join(', ');
  await conn.run(
    `COPY (SELECT * FROM read_csv('${exported.facts}', header = true, columns = {'register': 'VARCHAR', 'kind': 'VARCHAR',
       'person': 'VARCHAR', 'unit_id': 'VARCHAR', 'fact_date': 'DATE', 'sex': 'VARCHAR', 'age': 'INTEGER'${typed ? `, ${typed}` : ''}}))
     TO '${dir}/facts.parquet' (FORMAT parquet)`,
  );
  await conn.run(`CREATE VIEW facts AS SELECT * FROM read_parquet('${dir}/facts.parquet')`);
  await conn.run(
    `CREATE TABLE placements AS SELECT * FROM read_csv('${exported.placements}', header = true, all_varchar = true)`,
  );
  const duckRun = await timed(() =>
    conn.runAndReadAll(referenceSql(flatDialect('facts'), defs, 'placements')),
  );
  const duckRows = duckRun.value.getRows().length;
  conn.closeSync();
  fs.rmSync(dir, { recursive: true, force: true });

  const unitIds = (
    await db.query<{ unit_id: string }>(
      "SELECT unit_id FROM org_unit_version WHERE operating_area = 'elderly_care' LIMIT 50",
    )
  ).rows.map((r) => r.unit_id);
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const unitId = unitIds[i % unitIds.length] ?? '';
    const person = `bench-new-${i}`;
    const base = { register: 'senior_alert' as const, person, unitId, sex: 'K' as const, age: 80 };
    const run = await timed(() =>
      db.transaction((tx) =>
        recordFacts(
          tx,
          defs,
          [
            { ...base, kind: 'served', date: '2024-09-01', attributes: {} },
            {
              ...base,
              kind: 'risk_assessment',
              date: '2024-09-02',
              attributes: { instrument: 'modified-norton', risk: true },
            },
          ],
          { type: 'bench-incremental', id: String(i) },
        ),
      ),
    );
    latencies.push(run.ms);
  }
  latencies.sort((a, b) => a - b);
  const peak = memory.stop();
  await bench.close();

  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log('');
  console.log(`| measure | value | ratio |`);
  console.log(`|---|---|---|`);
  console.log(
    `| engine full rebuild (${rebuild.value.counts.toLocaleString('en')} unit counts) | ${s(rebuild.ms)} | 1.00 |`,
  );
  console.log(
    `| reference SQL, one statement with GROUP BY ROLLUP (${reference.value.rows.length.toLocaleString('en')} rows) | ${s(reference.ms)} | rebuild/reference = ${(rebuild.ms / reference.ms).toFixed(2)} |`,
  );
  console.log(
    `| DuckDB over Parquet, same statement (${duckRows.toLocaleString('en')} rows) | ${s(duckRun.ms)} | rebuild/DuckDB = ${(rebuild.ms / duckRun.ms).toFixed(2)} |`,
  );
  console.log(
    `| incremental registration p50 / p95 (${samples} samples) | ${percentile(latencies, 50).toFixed(1)} ms / ${percentile(latencies, 95).toFixed(1)} ms | |`,
  );
  console.log(`| peak RSS of the benchmark process | ${(peak / 1024 / 1024).toFixed(0)} MiB | |`);
}

await main();
