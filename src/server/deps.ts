import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import type { Db } from '../db/db.js';

/** What every module's routes receive: nothing global, everything passed in. */
export interface AppDeps {
  db: Db;
  config: Config;
  /**
   * Where public and aggregated reads go: streaming standbys when DATABASE_READ_URL is set
   * (src/db/replicas.ts), else absent and those reads use `db`. Never for individual data or audit.
   */
  readDb?: Db;
  /** The clock; tests inject one to move time (session timeouts). Defaults to the real time. */
  now?: () => Date;
}

export type ModuleRoutes = (app: FastifyInstance, deps: AppDeps) => void | Promise<void>;
