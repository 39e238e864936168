import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Db } from '../db/db.js';
import { auditCheckpointCommand, auditVerifyCommand } from '../modules/audit/cli.js';
import { demoCommand } from '../modules/demo/cli.js';
import { importCommand } from '../modules/imports/cli.js';
import { rebuildIndicatorsCommand, releaseCommand } from '../modules/indicators/cli.js';
import { surveySettleCommand } from '../modules/surveys/cli.js';
import { backupCommand, restoreCommand } from './backup.js';
import { moveToServerCommand } from './move.js';

export interface CliContext {
  db: Db;
  config: Config;
  log: Logger;
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
  out: NodeJS.WritableStream;
}

/** A command's option: what parseArgs reads, plus what --help says about it. */
export type CliOption = { description: string } & (
  | { type: 'boolean'; default?: boolean }
  /** value: the value's name in the help, e.g. N or DATE (default VALUE). */
  /** multiple: the option may be given more than once (an array of values). */
  | { type: 'string'; default?: string; value?: string; multiple?: boolean }
);

export interface CliCommand {
  name: string;
  summary: string;
  /** What follows the command's name in its usage line, e.g. "[options] FILE"; default "[options]". */
  synopsis?: string;
  options?: Record<string, CliOption>;
  /** Returns the process exit code. */
  run(ctx: CliContext): Promise<number>;
  /**
   * On the embedded engine (no DATABASE_URL): runs instead of `run`, before DATA_DIR is opened,
   * locked or migrated (restore into an empty DATA_DIR).
   */
  runEmbeddedUnopened?(ctx: Omit<CliContext, 'db'>): Promise<number>;
}

/** Every CLI command. Add one here; its implementation lives in its module. */
export const commands: CliCommand[] = [
  {
    name: 'migrate',
    summary: 'Apply database migrations and load reference data, then exit.',
    run({ out }) {
      // prepareDatabase already ran before any command; this one only reports it.
      out.write('Database is migrated and reference data is loaded.\n');
      return Promise.resolve(0);
    },
  },
  auditVerifyCommand,
  auditCheckpointCommand,
  rebuildIndicatorsCommand,
  releaseCommand,
  surveySettleCommand,
  demoCommand,
  importCommand,
  backupCommand,
  restoreCommand,
  moveToServerCommand,
];
