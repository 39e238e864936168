import pg from 'pg';

/**
 * A session-level advisory lock held on a connection of its own (never a pooled one: the lock
 * belongs to the session, and a pool would hand that session to other queries or close it).
 * When the holder's process dies, PostgreSQL ends its session and the lock is free at once; the
 * keepalive and the query timeout bound how long a silently broken network can keep it.
 */
export interface HeldSession {
  /** Tries to take the lock; true when this session holds it (again). */
  tryLock(): Promise<boolean>;
  /** Whether the session still answers (a broken session has lost the lock). */
  alive(): Promise<boolean>;
  /** Releases the lock and closes the session. */
  close(): Promise<void>;
}

/** The lock's two 32-bit keys: 'KN' and what it guards. */
export type AdvisoryKey = readonly [number, number];

export async function openLockSession(
  connectionString: string,
  key: AdvisoryKey,
  applicationName: string,
  onBroken: (err: Error) => void,
): Promise<HeldSession> {
  const client = new pg.Client({
    connectionString,
    application_name: applicationName,
    keepAlive: true,
    query_timeout: 5_000,
    connectionTimeoutMillis: 5_000,
  });
  let broken = false;
  client.on('error', (err) => {
    broken = true;
    onBroken(err);
  });
  client.on('end', () => {
    broken = true;
  });
  await client.connect();
  return {
    async tryLock() {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, $2) AS locked',
        [key[0], key[1]],
      );
      return rows[0]?.locked === true;
    },
    async alive() {
      if (broken) return false;
      try {
        await client.query('SELECT 1');
        return true;
      } catch {
        broken = true;
        return false;
      }
    },
    async close() {
      if (!broken)
        await client.query('SELECT pg_advisory_unlock($1, $2)', [key[0], key[1]]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
