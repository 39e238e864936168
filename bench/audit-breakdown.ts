/**
 * Where an audited read's cost goes (`npm run bench:audit -- --breakdown [--rounds 20]`): the
 * scoped read of bench/audit.ts straight on the database, without HTTP, one transaction at a time,
 * beside the same read plus only one part of what its audit entry does, in alternating blocks so
 * load from other processes falls on all alike. Then the linker, per entry it links.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../src/db/db.js';
import { inScope } from '../src/db/scope.js';
import type { AuditEntry } from '../src/domain/audit/entry.js';
import { appendAudit, appendReadAudit } from '../src/modules/audit/append.js';
import { linkStagedAudit } from '../src/modules/audit/link.js';
import { elderlyCareUnit } from '../src/modules/org/testing.js';
import { backendCpuDelta, backendCpuMs } from './support.js';

const BLOCK = 100;

interface Sample {
  n: number;
  cpuUs: number;
  wallUs: number;
}

async function measure(db: Db, sample: Sample, n: number, fn: () => Promise<unknown>): Promise<void> {
  const server = await backendCpuMs(db);
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  sample.wallUs += Number(process.hrtime.bigint() - t0) / 1e3;
  const used = process.cpuUsage(cpu);
  sample.cpuUs += used.user + used.system + (backendCpuDelta(server, await backendCpuMs(db)) ?? 0) * 1000;
  sample.n += n;
}

export async function auditBreakdown(db: Db, rounds: number): Promise<void> {
  const unit = await elderlyCareUnit(db, 'Benchgården', '0180');
  const scope = { accountId: randomUUID(), unitIds: [unit.unitId], municipalityCodes: ['0180'] };
  const entry: AuditEntry = {
    actorUserId: scope.accountId,
    action: 'record_read',
    outcome: 'allowed',
    unitId: unit.unitId,
    recordType: 'bench',
    recordId: unit.unitId,
    clientAddress: '127.0.0.1',
  };
  const read = (tx: Queryable) =>
    tx.query(
      `SELECT unit_id, name, municipality_code FROM org_unit_version
        WHERE unit_id = $1 ORDER BY valid_from DESC LIMIT 1`,
      [unit.unitId],
    );
  const readAnd = (then: (tx: Queryable) => Promise<unknown>) => () =>
    inScope(db, scope, async (tx) => {
      await read(tx);
      await then(tx);
    });
  const parts: Record<string, () => Promise<unknown>> = {
    'read (no audit)': () => inScope(db, scope, read),
    '+ one more statement (SELECT 1)': readAnd((tx) => tx.query('SELECT 1')),
    '+ a write commit (xid, WAL flush)': readAnd((tx) => tx.query('SELECT pg_current_xact_id()')),
    '+ staged entry (appendReadAudit)': readAnd((tx) => appendReadAudit(tx, entry)),
    '+ chained entry (appendAudit)': readAnd((tx) => appendAudit(tx, entry)),
  };
  const names = Object.keys(parts);
  const samples = new Map(names.map((n) => [n, { n: 0, cpuUs: 0, wallUs: 0 }]));
  const linker = { n: 0, cpuUs: 0, wallUs: 0 };
  const link = async () => {
    const probe = { n: 0, cpuUs: 0, wallUs: 0 };
    let linked = 0;
    await measure(db, probe, 1, async () => (linked = await linkStagedAudit(db)));
    linker.n += linked;
    linker.cpuUs += probe.cpuUs;
    linker.wallUs += probe.wallUs;
  };
  for (const name of names) await measure(db, { n: 0, cpuUs: 0, wallUs: 0 }, BLOCK, parts[name]!);
  await linkStagedAudit(db);
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? [...names].reverse() : names) {
      await measure(db, samples.get(name)!, BLOCK, parts[name]!);
      // The staged block's entries only: the chained ones linked themselves.
      if (name.startsWith('+ staged')) await link();
    }
  }
  const plain = samples.get(names[0]!)!;
  const per = (s: Sample) => ({ cpu: s.cpuUs / s.n, wall: s.wallUs / s.n });
  process.stdout.write(
    `per transaction, ${rounds} rounds × ${BLOCK}; CPU = this process + server backends\n`,
  );
  for (const name of names) {
    const s = per(samples.get(name)!);
    const d = (x: number, y: number) => (x - y >= 0 ? '+' : '') + (x - y).toFixed(0);
    process.stdout.write(
      `${name.padEnd(36)} ${s.cpu.toFixed(0).padStart(5)} µs CPU (${d(s.cpu, per(plain).cpu).padStart(5)})` +
        `  ${s.wall.toFixed(0).padStart(5)} µs wall (${d(s.wall, per(plain).wall).padStart(5)})\n`,
    );
  }
  const l = per(linker);
  process.stdout.write(
    `${'linker, per staged entry linked'.padEnd(36)} ${l.cpu.toFixed(0).padStart(5)} µs CPU          ` +
      `${l.wall.toFixed(0).padStart(5)} µs wall (${linker.n} entries)\n`,
  );
}
