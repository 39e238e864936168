import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db.js';
import { projectRoot } from '../config/paths.js';

/**
 * Numbered SQL migrations. Each capability keeps its own in `src/modules/<module>/sql/NNNN_name.sql`;
 * numbers are global and unique so the order is total. Each file runs in one transaction together
 * with its row in `schema_migrations`, so a failure leaves nothing half-applied, and a concurrent
 * start (two servers on one PostgreSQL) collides on the primary key instead of applying twice.
 */
export interface Migration {
  version: number;
  name: string;
  module: string;
  sql: string;
  checksum: string;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function discoverMigrations(modulesDir = path.join(projectRoot(), 'src', 'modules')): Migration[] {
  const found: Migration[] = [];
  for (const module of fs.readdirSync(modulesDir).sort()) {
    const sqlDir = path.join(modulesDir, module, 'sql');
    if (!fs.existsSync(sqlDir)) continue;
    for (const file of fs.readdirSync(sqlDir).sort()) {
      const m = FILE_PATTERN.exec(file);
      if (!m) throw new Error(`migration file ${path.join(sqlDir, file)} must be named NNNN_name.sql`);
      const sql = fs.readFileSync(path.join(sqlDir, file), 'utf8');
      found.push({
        version: Number(m[1]),
        name: m[2] ?? file,
        module,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      });
    }
  }
  found.sort((a, b) => a.version - b.version);
  for (let i = 1; i < found.length; i++) {
    const prev = found[i - 1];
    const cur = found[i];
    if (prev && cur && prev.version === cur.version) {
      throw new Error(
        `migration number ${cur.version} is used twice (${prev.module}/${prev.name}, ${cur.module}/${cur.name})`,
      );
    }
  }
  return found;
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  module text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

interface AppliedRow extends Record<string, unknown> {
  version: number;
  name: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

function literal(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

export async function migrate(
  db: Db,
  migrations: Migration[] = discoverMigrations(),
): Promise<MigrationReport> {
  await db.exec(CREATE_TABLE);
  const report: MigrationReport = { applied: [], alreadyApplied: 0 };
  for (const m of migrations) {
    const { rows } = await db.query<AppliedRow>(
      'SELECT version, name, checksum FROM schema_migrations WHERE version = $1',
      [m.version],
    );
    const done = rows[0];
    if (done) {
      if (done.checksum !== m.checksum) {
        throw new Error(
          `migration ${m.version} (${m.module}/${m.name}) was changed after it was applied; ` +
            `write a new migration instead of editing an applied one`,
        );
      }
      report.alreadyApplied++;
      continue;
    }
    // One simple-protocol script = one implicit transaction on both engines.
    const record = `INSERT INTO schema_migrations (version, name, module, checksum) VALUES (${m.version}, ${literal(m.name)}, ${literal(m.module)}, ${literal(m.checksum)});`;
    try {
      await db.exec(`${record}\n${m.sql}`);
      report.applied.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
    } catch (err) {
      const again = await db.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (again.rows.length > 0) {
        report.alreadyApplied++; // another process applied it meanwhile
        continue;
      }
      throw new Error(`migration ${m.version} (${m.module}/${m.name}) failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
  return report;
}
