/**
 * npm run bench:audit -- [--seconds 1] [--rounds 10] [--concurrency 8]
 *
 * What the audit log costs a read, on the engine the environment names (PGlite by default,
 * DATABASE_URL for a server). Through the whole HTTP stack (app.inject: session cookie, principal,
 * policy), side by side in one run, alternating in rounds so drift hits both alike:
 *  - "read": one indexed SELECT in a scoped transaction (SET LOCAL ROLE + scope settings), the
 *    shape of GET /api/v1/persons/:pseudonym;
 *  - "read + audit": the same, plus appendAudit in that transaction (chained in the read);
 *  - "read + staged audit": the same with appendReadAudit (staged, then linked in a batch: every
 *    variant's turn ends with linkStagedAudit, inside its measured time and CPU, so the linker's
 *    cost falls on the variant whose entries it links, not on whichever ran while it did);
 *  - "person read": the queries of GET /api/v1/persons/:pseudonym (RLS scope, person, service
 *    periods) without and with its audit entry — the cost on a real read endpoint;
 *  - for reference, the real GET /api/v1/persons/:pseudonym (which always audits).
 * Each round runs every variant for `seconds` (after one warm-up round), alternating the order, so
 * load from other processes falls on all of them alike; many short rounds beat a few long ones.
 * CPU per request is this process's (with PGlite, the database's too) plus, on PostgreSQL on this
 * machine, the benchmark database's backends': it does not depend on the load of other processes
 * the way throughput does. `npm run bench:audit -- --breakdown` measures where the audit's cost
 * goes instead (bench/audit-breakdown.ts).
 * Goal (issue #19): the audit costs less than 10 % of the read's throughput.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { loadConfig } from '../src/config/config.js';
import { projectRoot } from '../src/config/paths.js';
import type { Db, Queryable } from '../src/db/db.js';
import { inScope } from '../src/db/scope.js';
import type { AuditEntry } from '../src/domain/audit/entry.js';
import { individualScope } from '../src/domain/policy/policy.js';
import { appendAudit, appendReadAudit } from '../src/modules/audit/append.js';
import { linkStagedAudit } from '../src/modules/audit/link.js';
import { verifyAuditChain } from '../src/modules/audit/verify.js';
import { auditBreakdown } from './audit-breakdown.js';
import { authorize } from '../src/server/authorize.js';
import { addAssignment, createAccount } from '../src/modules/identity/accounts.js';
import { personDetail } from '../src/modules/persons/present.js';
import * as personQueries from '../src/modules/persons/queries.js';
import { inPersonScope, type PersonsDeps } from '../src/modules/persons/service.js';
import { createUnit } from '../src/modules/org/service.js';
import { registerConsequences } from '../src/modules/registers/consequences.js';
import { buildApp } from '../src/server/app.js';
import { backendCpuDelta, backendCpuMs, intFlag, openBenchDb, percentile } from './support.js';

const seconds = intFlag('seconds', 1);
const concurrency = intFlag('concurrency', 8);
const rounds = intFlag('rounds', 10);

interface Variant {
  name: string;
  url: string;
  requests: number;
  ms: number;
  /** CPU time of this process (with PGlite, the database's too): robust against other load. */
  cpuMs: number;
  /** CPU time of PostgreSQL's backends (null on PGlite or a server elsewhere). */
  serverCpuMs: number | null;
  latencies: number[];
}

/** No audit; the entry chained in the read (before #19); the entry staged and linked in batches. */
const MODES = ['plain', 'chained', 'staged'] as const;
const SUFFIX = { plain: '', chained: '-audited', staged: '-staged' } as const;
const APPEND = { chained: appendAudit, staged: appendReadAudit } as const;

async function oneUnitRead(tx: Queryable, unitId: string): Promise<unknown> {
  const { rows } = await tx.query(
    `SELECT unit_id, name, municipality_code FROM org_unit_version
      WHERE unit_id = $1 ORDER BY valid_from DESC LIMIT 1`,
    [unitId],
  );
  return rows[0];
}

/**
 * The person read of GET /api/v1/persons/:pseudonym (RLS scope, the person row, their service
 * periods) with and without its audit entry: the cost of the audit on a real read endpoint.
 */
function personReadRoutes(app: FastifyInstance, deps: PersonsDeps): void {
  for (const mode of MODES) {
    app.get<{ Params: { pseudonym: string } }>(
      `/api/v1/bench/person${SUFFIX[mode]}/:pseudonym`,
      async (req) => {
        const principal = await authorize(req, 'individual.read');
        const actor = { principal, clientAddress: req.ip, now: new Date() };
        const { pseudonym } = req.params;
        const entry: AuditEntry = {
          actorUserId: principal.userId,
          action: 'person_read',
          outcome: 'allowed',
          personPseudonym: pseudonym,
          clientAddress: req.ip,
        };
        const person = await inPersonScope(deps, actor, async (tx) => {
          const row = await personQueries.findPerson(tx, pseudonym);
          if (!row) throw new Error('bench person not visible');
          const detail = personDetail(row, await personQueries.servicesOf(tx, pseudonym));
          if (mode !== 'plain') await APPEND[mode](tx, entry);
          return detail;
        });
        return person;
      },
    );
  }
}

/** The bench routes: identical but for the audit entry. */
function benchRoutes(app: FastifyInstance, db: Db): void {
  for (const mode of MODES) {
    app.get<{ Params: { unitId: string } }>(`/api/v1/bench/read${SUFFIX[mode]}/:unitId`, async (req) => {
      const principal = await authorize(req, 'individual.read');
      const { unitId } = req.params;
      const entry: AuditEntry = {
        actorUserId: principal.userId,
        action: 'record_read',
        outcome: 'allowed',
        unitId,
        recordType: 'bench',
        recordId: unitId,
        clientAddress: req.ip,
      };
      const unit = await inScope(
        db,
        { accountId: principal.userId, ...individualScope(principal) },
        async (tx) => {
          const row = await oneUnitRead(tx, unitId);
          if (mode !== 'plain') await APPEND[mode](tx, entry);
          return row;
        },
      );
      return { unit };
    });
  }
}

/** `concurrency` workers injecting GETs for `seconds`, then linking what they staged. */
async function run(app: FastifyInstance, db: Db, v: Variant, cookie: string): Promise<void> {
  const server = await backendCpuMs(db);
  const until = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const t0 = process.hrtime.bigint();
        const res = await app.inject({ method: 'GET', url: v.url, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${v.name}: ${res.statusCode} ${res.body}`);
        v.latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        v.requests++;
      }
    }),
  );
  // As the server's linker would, within this variant's time.
  await linkStagedAudit(db);
  v.ms += Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  v.cpuMs += (used.user + used.system) / 1000;
  const serverMs = backendCpuDelta(server, await backendCpuMs(db));
  v.serverCpuMs = serverMs === null ? null : (v.serverCpuMs ?? 0) + serverMs;
}

function variant(name: string, url: string): Variant {
  return { name, url, requests: 0, ms: 0, cpuMs: 0, serverCpuMs: null, latencies: [] };
}

const rate = (v: Variant) => (v.requests / v.ms) * 1000;
const cpuPerRequest = (v: Variant) => (v.cpuMs + (v.serverCpuMs ?? 0)) / v.requests;

async function main(): Promise<void> {
  const bench = await openBenchDb({ demo: false });
  if (process.argv.includes('--breakdown')) {
    process.stdout.write(`${bench.label}\n`);
    await auditBreakdown(bench.db, rounds).finally(() => bench.close());
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-audit-'));
  const config = loadConfig(
    {
      REFERENCE_DATA_DIR: process.env['REFERENCE_DATA_DIR'] ?? '../shared/data',
      DATA_DIR: dataDir,
      DEMO: '0',
      LOG_LEVEL: 'silent',
      PSEUDONYM_KEY: randomBytes(32).toString('base64url'),
    },
    projectRoot(),
  );
  const app = await buildApp(
    { db: bench.db, config },
    { logger: pino({ level: 'silent' }), webDir: '/nonexistent' },
  );
  benchRoutes(app, bench.db);
  personReadRoutes(app, {
    db: bench.db,
    key: new Uint8Array(32),
    breakGlassHours: config.breakGlassHours,
    consequences: registerConsequences,
  });
  await app.ready();
  try {
    const unit = await createUnit(bench.db, {
      name: 'Benchgården',
      municipalityCode: '0180',
      providerType: 'municipal',
      operatingArea: 'elderly_care',
      unitType: 'home_care',
      validFrom: '2020-01-01',
    });
    const password = randomBytes(18).toString('base64url');
    const account = await createAccount(bench.db, {
      username: 'bench.caseworker',
      displayName: 'Bench',
      password,
    });
    await addAssignment(
      bench.db,
      account.id,
      { role: 'caseworker', scope: { kind: 'unit', unitId: unit.unitId }, validFrom: '2000-01-01' },
      new Date(),
    );
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'bench.caseworker', password },
    });
    const session = login.cookies.find((c) => c.name === 'kn_session');
    if (!session) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
    const cookie = `kn_session=${session.value}`;
    const { csrfToken } = login.json<{ csrfToken: string }>();

    const variants: Variant[] = [
      variant('read', `/api/v1/bench/read/${unit.unitId}`),
      variant('read + audit', `/api/v1/bench/read-audited/${unit.unitId}`),
      variant('read + staged audit', `/api/v1/bench/read-staged/${unit.unitId}`),
    ];
    // The real persons read, if the persons module answers on this build.
    const registered = await app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: {
        personnummer: '19640823-3234',
        name: 'Bench Person',
        unitId: unit.unitId,
        servedFrom: '2024-01-01',
      },
    });
    const pseudonym = (registered.json<{ person?: { pseudonym?: string } }>().person ?? {}).pseudonym;
    if (registered.statusCode < 300 && pseudonym) {
      variants.push(
        variant('person read', `/api/v1/bench/person/${pseudonym}`),
        variant('person read + audit', `/api/v1/bench/person-audited/${pseudonym}`),
        variant('person + staged audit', `/api/v1/bench/person-staged/${pseudonym}`),
        variant('GET /api/v1/persons/:p', `/api/v1/persons/${pseudonym}`),
      );
    } else {
      process.stdout.write(
        `(persons read not benchmarked: POST /api/v1/persons answered ${registered.statusCode})\n`,
      );
    }

    process.stdout.write(
      `${bench.label}; ${concurrency} concurrent requests, ${rounds} rounds × ${seconds} s per variant\n`,
    );
    // Warm-up (JIT, plans, caches), not counted.
    for (const v of variants) await run(app, bench.db, variant(v.name, v.url), cookie);
    for (let r = 0; r < rounds; r++) {
      for (const v of r % 2 ? [...variants].reverse() : variants) await run(app, bench.db, v, cookie);
    }

    for (const v of variants) {
      const sorted = [...v.latencies].sort((a, b) => a - b);
      process.stdout.write(
        `${v.name.padEnd(24)} ${rate(v).toFixed(0).padStart(7)} req/s   ` +
          `p50 ${percentile(sorted, 50).toFixed(2)} ms   p95 ${percentile(sorted, 95).toFixed(2)} ms   ` +
          `${(v.cpuMs / v.requests).toFixed(2)} ms CPU/req (this process)` +
          (v.serverCpuMs === null ? '' : ` + ${(v.serverCpuMs / v.requests).toFixed(2)} ms (server)`) +
          '\n',
      );
    }
    const compare = (label: string, plain: Variant, audited: Variant) => {
      const ratio = rate(audited) / rate(plain);
      const cost = (1 - ratio) * 100;
      process.stdout.write(
        `${label}: ratio ${ratio.toFixed(3)} → the audit costs ${cost.toFixed(1)} % of throughput ` +
          `(goal < 10 %: ${cost < 10 ? 'met' : 'NOT met'}); ` +
          `CPU per request +${(100 * (cpuPerRequest(audited) / cpuPerRequest(plain) - 1)).toFixed(1)} %\n`,
      );
    };
    const named = new Map(variants.map((v) => [v.name, v]));
    const pairs: Array<[string, string, string]> = [
      ['one-row read, entry chained in the read', 'read', 'read + audit'],
      ['one-row read, entry staged in the read', 'read', 'read + staged audit'],
      ['person read (the queries of GET /persons/:p), chained', 'person read', 'person read + audit'],
      ['person read (the queries of GET /persons/:p), staged', 'person read', 'person + staged audit'],
    ];
    for (const [label, plainName, auditedName] of pairs) {
      const plain = named.get(plainName);
      const audited = named.get(auditedName);
      if (plain && audited) compare(label, plain, audited);
    }
    if (bench.db.engine === 'pglite') {
      process.stdout.write('(PGlite runs in this process: its CPU bounds the throughput)\n');
    }
    const chain = await verifyAuditChain(bench.db);
    process.stdout.write(
      `chain after the run: ${chain.ok ? `intact, ${chain.entries} entries` : 'BROKEN'}\n`,
    );
  } finally {
    await app.close();
    await bench.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
