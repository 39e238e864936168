import type { Logger } from 'pino';
import type { Db, Queryable, QueryResult, Row, TransactionOptions } from './db.js';
import { openPostgres } from './postgres.js';
import { parseLsn, readAfter } from './read-after.js';

/**
 * Reads on streaming standbys (DATABASE_READ_URL): a `Db` whose plain queries go to a standby
 * that is up, still in recovery (a promoted or diverged node is no standby of ours), at most
 * `maxLagSeconds` behind, and has replayed the caller's last write (read-after.ts); otherwise to
 * the primary. Transactions and scripts always run on the primary. A standby that fails a query
 * with a connection or recovery-conflict error is marked down, and the query is retried on the
 * primary (a read can be repeated safely). A check every `checkMs` brings it back.
 */
export interface StandbyState {
  url: string;
  usable: boolean;
  replayLsn: bigint | undefined;
  lagSeconds: number | undefined;
}

export interface ReadDb extends Db {
  standbys(): readonly StandbyState[];
  /** Checks every standby now (the timer does it every `checkMs`). */
  check(): Promise<void>;
}

export interface ReadOptions {
  maxLagSeconds: number;
  checkMs?: number;
  poolSize?: number;
  log?: Logger;
}

interface Standby extends StandbyState {
  db: Db | undefined;
}

interface ProbeRow extends Row {
  standby: boolean;
  replay: string | null;
  behind: number | null;
}

// Connection failures (08), shutdown (57P), and conflicts with recovery (40001 on a standby).
const RETRY_ON_PRIMARY = /^(08|57P|40001)/;

function retryable(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code !== 'string' || RETRY_ON_PRIMARY.test(code);
}

export function openReadReplicas(urls: readonly string[], primary: Db, options: ReadOptions): ReadDb {
  const standbys: Standby[] = urls.map((url) => ({
    url,
    db: undefined,
    usable: false,
    replayLsn: undefined,
    lagSeconds: undefined,
  }));
  let next = 0;
  const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//');

  const probe = async (s: Standby, primaryLsn: bigint | undefined) => {
    try {
      s.db ??= await openPostgres(s.url, options.poolSize ?? 10, () => undefined);
      const row = (
        await s.db.query<ProbeRow>(
          `SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replay,
                  extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS behind`,
        )
      ).rows[0];
      s.replayLsn = parseLsn(row?.replay);
      // Caught up with the primary: no lag, however long ago the last write was.
      const caughtUp = primaryLsn !== undefined && s.replayLsn !== undefined && s.replayLsn >= primaryLsn;
      s.lagSeconds = caughtUp ? 0 : (row?.behind ?? undefined);
      const was = s.usable;
      s.usable = row?.standby === true && s.lagSeconds !== undefined && s.lagSeconds <= options.maxLagSeconds;
      if (was !== s.usable)
        options.log?.info(
          { standby: redact(s.url), usable: s.usable, lagSeconds: s.lagSeconds },
          'standby state',
        );
    } catch (err) {
      if (s.usable) options.log?.warn({ err, standby: redact(s.url) }, 'standby down: reads go elsewhere');
      s.usable = false;
    }
  };

  const check = async () => {
    const lsn = await primary
      .query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')
      .then((r) => parseLsn(r.rows[0]?.lsn))
      .catch(() => undefined);
    await Promise.all(standbys.map((s) => probe(s, lsn)));
  };

  const pick = (): Standby | undefined => {
    const need = readAfter.getStore()?.lsn;
    const ok = standbys.filter(
      (s) => s.usable && s.db && (need === undefined || (s.replayLsn !== undefined && s.replayLsn >= need)),
    );
    if (ok.length === 0) return undefined;
    next = (next + 1) % ok.length;
    return ok[next];
  };

  const timer = setInterval(() => void check(), options.checkMs ?? 1_000);
  timer.unref();

  return {
    engine: primary.engine,
    async query<T extends Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const s = pick();
      if (!s?.db) return primary.query<T>(sql, params);
      try {
        return await s.db.query<T>(sql, params);
      } catch (err) {
        if (!retryable(err)) throw err;
        s.usable = false;
        options.log?.warn({ err, standby: redact(s.url) }, 'standby query failed: retried on the primary');
        return primary.query<T>(sql, params);
      }
    },
    exec: (sql: string) => primary.exec(sql),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>, o?: TransactionOptions) => primary.transaction(fn, o),
    checkpoint: () => primary.checkpoint(),
    async close() {
      clearInterval(timer);
      await Promise.all(standbys.map((s) => s.db?.close() ?? Promise.resolve()));
    },
    standbys: () =>
      standbys.map(({ url, usable, replayLsn, lagSeconds }) => ({ url, usable, replayLsn, lagSeconds })),
    check,
  };
}
