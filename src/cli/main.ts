#!/usr/bin/env node
import { ConfigError } from '../config/config.js';
import { DataDirLockedError } from '../db/lock.js';
import { ReferenceDataError } from '../modules/org/reference-data.js';
import { runCli } from './run.js';

/**
 * `kunskapsnav <command> [options]`: the same services as the server, from the command line.
 * Commands are listed in commands.ts; run.ts gives each an opened, prepared database.
 */
const argv = process.argv.slice(2);
try {
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr });
} catch (err) {
  const badArgs = err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
  if (
    err instanceof ConfigError ||
    err instanceof DataDirLockedError ||
    err instanceof ReferenceDataError ||
    badArgs
  ) {
    const hint = badArgs && argv[0] ? ` (see kunskapsnav ${argv[0]} --help)` : '';
    process.stderr.write(`kunskapsnav: ${err.message}${hint}\n`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
