import pg from 'pg';
import type { Db, Queryable, Row, TransactionOptions } from './db.js';
import { openPostgres } from './postgres.js';

/**
 * The primary behind a multi-host connection string, as pg_auto_failover hands it out:
 * `postgres://user@host1:5432,host2:5432/db?target_session_attrs=read-write`. node-postgres
 * takes one host and has no target_session_attrs, so this resolver tries each host and keeps the
 * one that is writable (not in recovery, not read-only). When a query fails because the primary
 * went away or turned read-only (a failover), that query fails as it is, never retried here (a
 * write in flight may or may not have committed; the caller reports it, the transaction is never
 * half-applied), and the next ones wait until the new primary is found. A single-host string is
 * plain `openPostgres`.
 */
const MULTI_HOST = /^(postgres(?:ql)?:\/\/)([^@/]*@)?([^/?]+)(\/[^?]*)?(\?.*)?$/;

/** One connection string per host, without the parameters node-postgres does not know. */
export function hostUrls(connectionString: string): string[] {
  const m = MULTI_HOST.exec(connectionString);
  if (!m?.[1] || !m[3]) return [connectionString];
  const query = new URLSearchParams((m[5] ?? '').slice(1));
  query.delete('target_session_attrs');
  const rest = `${m[4] ?? ''}${query.size > 0 ? `?${query.toString()}` : ''}`;
  return m[3].split(',').map((host) => `${m[1]}${m[2] ?? ''}${host}${rest}`);
}

/** The first host that accepts writes; throws when none does. */
export async function findPrimary(urls: readonly string[]): Promise<string> {
  const tried: string[] = [];
  for (const url of urls) {
    const client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: 3_000,
      query_timeout: 3_000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ writable: boolean }>(
        "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AS writable",
      );
      if (rows[0]?.writable) return url;
      tried.push('read-only');
    } catch (err) {
      tried.push((err as Error).message);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`no writable PostgreSQL among ${urls.length} hosts (${tried.join('; ')})`);
}

// Connection lost (08), the server shutting down or starting (57P01-03), read-only after a demotion (25006).
const LOST_PRIMARY = /^(08|57P0[123]|25006)/;

function lostPrimary(err: unknown): boolean {
  const e = err as { code?: unknown; severity?: unknown };
  // Not an error from the server at all (refused, reset, terminated): the connection is gone.
  if (typeof e.severity !== 'string') return true;
  return typeof e.code === 'string' && LOST_PRIMARY.test(e.code);
}

export interface PrimaryOptions {
  /** How long to look for a new primary after losing one. */
  searchSeconds?: number;
}

export async function openPrimary(
  connectionString: string,
  poolSize = 10,
  onIdleError: (err: Error) => void = () => undefined,
  options: PrimaryOptions = {},
): Promise<Db> {
  const urls = hostUrls(connectionString);
  if (urls.length === 1) return openPostgres(connectionString, poolSize, onIdleError);
  let current = await openPostgres(await findPrimary(urls), poolSize, onIdleError);
  let searching: Promise<void> | null = null;
  const search = () => {
    searching ??= (async () => {
      const old = current;
      const until = Date.now() + (options.searchSeconds ?? 60) * 1000;
      for (;;) {
        try {
          current = await openPostgres(await findPrimary(urls), poolSize, onIdleError);
          break;
        } catch (err) {
          if (Date.now() > until) throw err;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      await old.close().catch(() => undefined);
    })().finally(() => {
      searching = null;
    });
    return searching;
  };
  const guarded = async <T>(f: (db: Db) => Promise<T>): Promise<T> => {
    if (searching) await searching.catch(() => undefined);
    const db = current;
    try {
      return await f(db);
    } catch (err) {
      if (db === current && lostPrimary(err)) void search().catch(() => undefined);
      throw err;
    }
  };
  return {
    engine: 'postgres',
    query: <T extends Row>(sql: string, params?: readonly unknown[]) =>
      guarded((db) => db.query<T>(sql, params)),
    exec: (sql) => guarded((db) => db.exec(sql)),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>, o?: TransactionOptions) =>
      guarded((db) => db.transaction(fn, o)),
    checkpoint: () => guarded((db) => db.checkpoint()),
    poolStats: () => current.poolStats?.() ?? { total: 0, idle: 0, waiting: 0 },
    close: async () => {
      await searching?.catch(() => undefined);
      await current.close();
    },
  };
}
