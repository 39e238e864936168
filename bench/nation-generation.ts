/**
 * npm run bench:generation -- [--persons 5000] [--years 1]
 *
 * CPU of the synthetic nation's generation alone (src/domain/synthetic and the demo's rows.ts: the
 * persons, their entries validated and scored, their facts), without writing it: what
 * `kunskapsnav demo` spends outside the database. Run under `node --cpu-prof` to see where.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { openPglite } from '../src/db/pglite.js';
import { NationGenerator } from '../src/domain/synthetic/index.js';
import { rowsOf } from '../src/modules/demo/rows.js';
import { allUnitVersions, municipalitiesWithSkrGroup } from '../src/modules/org/reads.js';
import { prepareDatabase } from '../src/runtime/prepare.js';
import { benchConfig, intFlag } from './support.js';

const persons = intFlag('persons', 5000);
const years = intFlag('years', 1);
const db = await openPglite(undefined);
await prepareDatabase(db, benchConfig({ DEMO: '1' }), pino({ level: 'silent' }));
const units = await allUnitVersions(db);
const municipalities = await municipalitiesWithSkrGroup(db);
await db.close();

const key = randomBytes(24);
const started = process.cpuUsage();
const generator = new NationGenerator({
  seed: 'bench',
  persons,
  asOf: '2026-06-30',
  years,
  municipalities,
  units,
});
const planned = process.cpuUsage(started);
let entries = 0;
let facts = 0;
while (generator.remaining > 0)
  for (const r of generator.take(2000).map((p) => rowsOf(generator.plan, p, key))) {
    entries += r.entries.length;
    facts += r.entryFacts.length;
  }
const cpu = process.cpuUsage(started);
const s = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;
process.stdout.write(
  `Nation generation: ${persons.toLocaleString('en')} persons, ${years + 1} years: ${s(cpu).toFixed(2)} s CPU ` +
    `(plan ${s(planned).toFixed(2)} s), ${((s(cpu) / persons) * 1e3).toFixed(2)} ms a person; ` +
    `${entries} entries, ${facts} entry facts\n`,
);
