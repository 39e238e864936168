import type { DatabaseEngine } from '../config/config.js';

export type Row = Record<string, unknown>;

export interface QueryResult<T extends Row = Row> {
  rows: T[];
  /** Rows touched by INSERT/UPDATE/DELETE; 0 for plain SELECTs on some engines. */
  affectedRows: number;
}

/** Anything SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

export interface TransactionOptions {
  /**
   * Statements run first inside the transaction, e.g. `SET LOCAL ROLE` and
   * `set_config('app.…', …, true)` for row-level security scopes.
   */
  setup?: ReadonlyArray<{ sql: string; params?: readonly unknown[] }>;
}

/**
 * The one query interface of the project, implemented over PGlite (embedded) and
 * node-postgres (server). Both speak PostgreSQL with `$1` placeholders and return
 * the same JS types: int8 → number, numeric → string, date → 'YYYY-MM-DD',
 * timestamptz → Date, json(b) → parsed value.
 */
export interface Db extends Queryable {
  readonly engine: DatabaseEngine;
  /** Runs a multi-statement script without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Connections of a server pool (metrics); absent on the embedded engine. */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** Flushes to durable storage (CHECKPOINT) before a clean shutdown. */
  checkpoint(): Promise<void>;
  /** The embedded engine's whole data directory as a gzipped tarball (PGlite `dumpDataDir`); absent on a server. */
  dumpDataDir?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Parses a numeric string from the database that must be an integer (e.g. count(*) on PGlite is int8). */
export function toInt(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n))
    throw new Error(`expected an integer from the database, got ${String(value)}`);
  return n;
}
