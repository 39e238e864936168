/**
 * npm run bench:analytics -- [--persons 10000] [--indicators 10] [--years 2] [--samples 10]
 *
 * An analyst's dashboard on GET /api/v1/analytics: 10 indicators × 3 years (30 tables) of a
 * synthetic nation, nation, regions and municipalities by sex, for a municipal analyst (0180, so the caller's own disclosure pattern and
 * unsuppressed detail are computed) and a regional one (01). Side by side in one run: the request
 * as it is served, cold (the first request after a write) and warm, and the reference (the
 * per-table computation the route used before: a national detail table per (indicator, period)
 * per request). Prints p50/p95 and the ratio. Also after a write once the publisher (its worker
 * thread) has published it: the publisher then keeps the detail tables analytics holds up to date,
 * so the request rebuilds none (only the caller's own pattern of the changed tables).
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { INSTRUMENT } from '../src/domain/indicators/catalogue.js';
import { writeDemoNation } from '../src/modules/demo/service.js';
import { activeDefinitions, recordFacts } from '../src/modules/indicators/engine.js';
import assert from 'node:assert/strict';
import type { Principal, Role, Scope } from '../src/domain/policy/principal.js';
import { DetailCache, withEntitledDetail } from '../src/modules/indicators/analytics-entitled.js';
import { entitledDetailPerTable } from '../src/modules/indicators/testing.js';
import { publishQueued } from '../src/modules/indicators/publish.js';
import { startPublishWorker } from '../src/modules/indicators/publish-pool.js';
import { benchConfig, dashboardRows, intFlag, openBenchDb, percentile, timed } from './support.js';

const persons = intFlag('persons', 10_000);
const years = intFlag('years', 2);
const indicators = intFlag('indicators', 10);
const samples = intFlag('samples', 10);
const YEAR = new Date().getUTCFullYear();
const log = pino({ level: 'silent' });
const principalOf = (role: Role, scope: Scope): Principal => ({
  userId: 'bench',
  username: 'bench',
  displayName: 'Bench',
  authMethod: 'password',
  sessionId: 'bench',
  assignments: [{ id: 'bench', role, scope, validFrom: '2000-01-01', validTo: null }],
});

const bench = await openBenchDb({ demo: true });
const config = benchConfig();
try {
  const db = bench.db;
  const month = String(new Date().getUTCMonth() + 1).padStart(2, '0');
  const asOf = `${YEAR}-${month}-01`;
  const key = Buffer.from(config.pseudonymKey ?? '');
  const opts = { persons, seed: 'bench', asOf, years, replace: false, key, threshold: 5, publish: true };
  const nation = await timed(() => writeDemoNation(db, opts, log));
  const callers: Array<[string, Principal]> = [
    ['municipal analyst 0180', principalOf('municipal_analyst', { kind: 'municipality', code: '0180' })],
    ['regional leader 01', principalOf('regional_development_leader', { kind: 'region', code: '01' })],
    ['national administrator', principalOf('national_administrator', { kind: 'nation' })],
  ];
  const defs = await activeDefinitions(db);
  const yearly = defs.filter((d) => d.periodTypes.includes('year')).slice(0, indicators);
  const periods = Array.from({ length: years + 1 }, (_, i) => String(YEAR - years + i));
  const rows = await dashboardRows(db, yearly, periods);
  const { rows: units } = await db.query<{ unit_id: string }>(
    `SELECT unit_id FROM org_unit_version WHERE municipality_code = '0180' AND operating_area = 'elderly_care'
      AND valid_to = 'infinity' ORDER BY unit_id LIMIT 1`,
  );
  let written = 0;
  const writeOne = async () => {
    const person = `bench-analytics-${written++}-${randomBytes(3).toString('hex')}`;
    const fact = {
      register: 'senior_alert' as const,
      person,
      unitId: units[0]?.unit_id ?? '',
      sex: 'K' as const,
      age: 84,
      kind: 'risk_assessment' as const,
      date: asOf,
      attributes: { instrument: INSTRUMENT.downton, risk: true },
    };
    await db.transaction((tx) => recordFacts(tx, defs, [fact], { type: 'bench-analytics', id: person }));
  };
  const cache = new DetailCache();
  const worker = startPublishWorker();
  const publish = () =>
    publishQueued(db, defs, { threshold: 5, analytics: cache, compute: worker.compute }, 10);
  const ms = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { p50: percentile(s, 50), p95: percentile(s, 95) };
  };
  const f = (x: number) => `${x.toFixed(0)} ms`;
  process.stdout.write(
    `Analytics dashboard benchmark: ${bench.label}, ${persons.toLocaleString('en')} persons, ` +
      `${yearly.length} indicators × ${periods.length} years = ${yearly.length * periods.length} tables, ${rows.length} rows ` +
      `(nation written in ${(nation.ms / 1000).toFixed(0)} s)\n`,
  );
  for (const [who, principal] of callers) {
    const reference: number[] = [];
    const cold: number[] = [];
    const kept: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < samples; i++) {
      const ref = await timed(() => entitledDetailPerTable(db, defs, principal, rows, 5));
      reference.push(ref.ms);
      await writeOne();
      const c = await timed(() => withEntitledDetail(db, defs, principal, rows, 5, cache));
      cold.push(c.ms);
      // Same numbers as the reference (the write moved only the current year's counts).
      const again = await entitledDetailPerTable(db, defs, principal, rows, 5);
      assert.deepEqual(c.value, again, 'the cached answer differs from the per-table one');
      warm.push((await timed(() => withEntitledDetail(db, defs, principal, rows, 5, cache))).ms);
      await writeOne();
      await publish();
      const k = await timed(() => withEntitledDetail(db, defs, principal, rows, 5, cache));
      kept.push(k.ms);
      assert.deepEqual(k.value, await entitledDetailPerTable(db, defs, principal, rows, 5));
    }
    const r = ms(reference);
    const c = ms(cold);
    const w = ms(warm);
    const p = ms(kept);
    process.stdout.write(
      `${who}: reference (per table per request, before) p50 ${f(r.p50)} p95 ${f(r.p95)}; ` +
        `right after a write (tables queued) p50 ${f(c.p50)} p95 ${f(c.p95)} (${(r.p95 / c.p95).toFixed(1)}× at p95); ` +
        `after a write once published (kept by the publisher) p50 ${f(p.p50)} p95 ${f(p.p95)} (${(r.p95 / p.p95).toFixed(1)}×); ` +
        `nothing changed p50 ${f(w.p50)} p95 ${f(w.p95)} (${(r.p95 / w.p95).toFixed(1)}×)\n`,
    );
  }
  await worker.close();
} finally {
  await bench.close();
}
