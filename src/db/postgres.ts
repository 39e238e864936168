import pg from 'pg';
import type { Db, Queryable, QueryResult, Row, TransactionOptions } from './db.js';

const { Pool, types } = pg;

// Same JS types as the PGlite adapter (see db.ts).
const INT8 = 20;
const DATE = 1082;
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) => {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === DATE) return (v: string) => v;
    return types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function wrap<T extends Row>(r: pg.QueryResult<T>): QueryResult<T> {
  return { rows: r.rows, affectedRows: r.rowCount ?? 0 };
}

/**
 * `onIdleError` hears of a pooled connection that broke while idle (the server restarted, an
 * administrator terminated it). The pool drops that connection and opens a new one on the next
 * query; without a listener the error would end the process.
 */
export async function openPostgres(
  connectionString: string,
  poolSize = 10,
  onIdleError: (err: Error) => void = () => undefined,
): Promise<Db> {
  const pool = new Pool({ connectionString, max: poolSize, types: typeParsers });
  pool.on('error', onIdleError);
  // Fail at start, not on the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  return {
    engine: 'postgres',
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      return wrap(await pool.query<T>(sql, [...params]));
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions) {
      const client = await pool.connect();
      // A connection that breaks mid-transaction (a failover) fails the query below; without a
      // listener the client's 'error' event would also end the process.
      let broken: Error | undefined;
      const onError = (err: Error) => {
        broken = err;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        for (const s of options?.setup ?? []) await client.query(s.sql, [...(s.params ?? [])]);
        const tx: Queryable = {
          async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
            return wrap(await client.query<R>(sql, [...params]));
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.removeListener('error', onError);
        // A broken connection is discarded, not returned to the pool.
        client.release(broken);
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async checkpoint() {
      // CHECKPOINT needs superuser or pg_checkpoint; the server flushes on its own otherwise.
      await pool.query('CHECKPOINT').catch(() => undefined);
    },
    async close() {
      await pool.end();
    },
  };
}
