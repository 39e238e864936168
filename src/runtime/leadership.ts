import type { Logger } from 'pino';
import { findPrimary, hostUrls } from '../db/primary.js';
import { openLockSession, type AdvisoryKey, type HeldSession } from '../db/advisory-lock.js';

/**
 * Leader election for the work that must run in exactly one process at a time (the publisher,
 * the releaser, the served-facts job): the process that holds a PostgreSQL advisory lock on a
 * dedicated connection leads. The others try again every `pollMs`; when the leader dies its
 * session ends, the lock is free, and the next try takes it, so takeover needs about `pollMs`.
 * The leader checks its session as often and stops its work when the session broke (it may have
 * lost the lock). The embedded engine has one process by construction: it always leads.
 */
export const LEADER_LOCK: AdvisoryKey = [0x4b4e, 1];

export interface LeaderWork {
  stop(): Promise<void>;
}

export interface Leadership {
  isLeader(): boolean;
  /** Stops the leader's work (if leading), releases the lock and stops trying. */
  stop(): Promise<void>;
}

export interface LeadershipOptions {
  /** The primary's connection string; undefined on the embedded engine. */
  connectionString: string | undefined;
  log: Logger;
  /** Starts the leader's work; called each time this process becomes the leader. */
  lead: () => LeaderWork;
  pollMs?: number;
  key?: AdvisoryKey;
}

export function startLeadership(options: LeadershipOptions): Leadership {
  const { connectionString, log, lead } = options;
  if (!connectionString) {
    const work = lead();
    return { isLeader: () => true, stop: () => work.stop() };
  }
  const pollMs = options.pollMs ?? 1_000;
  const key = options.key ?? LEADER_LOCK;
  let session: HeldSession | undefined;
  let work: LeaderWork | undefined;
  let stopped = false;
  let waitingLogged = false;
  let turn: Promise<void> = Promise.resolve();

  const resign = async (reason: string) => {
    const w = work;
    work = undefined;
    if (w) {
      if (!stopped) log.warn({ reason }, 'leadership lost: stopping the publisher and releaser here');
      await w.stop();
    }
    await session?.close();
    session = undefined;
  };

  const step = async () => {
    if (stopped) return;
    if (work) {
      if (!(await session?.alive())) await resign('the lock session broke');
      return;
    }
    try {
      // A multi-host string (pg_auto_failover): the lock lives on the current primary.
      session ??= await openLockSession(
        await findPrimary(hostUrls(connectionString)),
        key,
        `kunskapsnav pid ${process.pid}`,
        (err) => log.warn({ err }, 'the leader lock session broke'),
      );
      if (await session.tryLock()) {
        waitingLogged = false;
        work = lead();
        log.info({ pid: process.pid }, 'leader: this process publishes and releases');
      } else if (!waitingLogged) {
        waitingLogged = true;
        log.info('standing by: another process publishes and releases');
      }
    } catch (err) {
      log.warn({ err }, 'could not reach the database for the leader lock; trying again');
      await session?.close();
      session = undefined;
    }
  };
  const tick = () => {
    turn = turn.then(step).catch((err: unknown) => log.error({ err }, 'leader election step failed'));
    return turn;
  };
  const timer = setInterval(() => void tick(), pollMs);
  timer.unref();
  void tick();
  return {
    isLeader: () => work !== undefined,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await turn;
      await resign('stopping');
    },
  };
}
