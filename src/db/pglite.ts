import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Db, Queryable, QueryResult, Row, TransactionOptions } from './db.js';

const parsers = {
  [types.INT8]: (v: string) => Number(v),
  [types.DATE]: (v: string) => v,
};

function wrapResult<T extends Row>(r: { rows: T[]; affectedRows?: number }): QueryResult<T> {
  return { rows: r.rows, affectedRows: r.affectedRows ?? 0 };
}

function asQueryable(tx: Transaction): Queryable {
  return {
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      return wrapResult(await tx.query<T>(sql, [...params]));
    },
  };
}

/**
 * The embedded engine has no background checkpointer, so WAL is only recycled at the CHECKPOINTs
 * its writers issue; each keeps as many segments as it estimates the next will need, up to
 * max_wal_size (default 1 GB): after a synthetic nation of 2,000 persons that was 134 MB of 300 MB
 * on disk (bench:storage). Keep two segments (32 MB), the least it allows.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'min_wal_size=32MB', '-c', 'max_wal_size=32MB'];

/**
 * Opens embedded PostgreSQL. `dataDir` undefined means in memory (tests). `tarball`: a
 * `dumpDataDir` backup to load into an empty `dataDir` (restore) or into memory (the move to a server).
 */
export async function openPglite(dataDir: string | undefined, tarball?: Uint8Array): Promise<Db> {
  // pg_trgm: the knowledge library's typo-tolerant search (src/modules/library).
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(tarball ? { loadDataDir: new Blob([tarball]) } : {}),
    parsers,
    extensions: { pg_trgm },
    startParams: START_PARAMS,
  });
  return {
    engine: 'pglite',
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      return wrapResult(await pg.query<T>(sql, [...params]));
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions) {
      return pg.transaction(async (tx) => {
        for (const s of options?.setup ?? []) await tx.query(s.sql, [...(s.params ?? [])]);
        return fn(asQueryable(tx));
      });
    },
    async checkpoint() {
      await pg.exec('CHECKPOINT');
    },
    async dumpDataDir() {
      await pg.exec('CHECKPOINT');
      return new Uint8Array(await (await pg.dumpDataDir('gzip')).arrayBuffer());
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
