#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.js';
import { DataDirLockedError } from '../db/lock.js';
import { ReferenceDataError } from '../modules/org/reference-data.js';
import { createLogger } from '../server/logger.js';
import { openDatabase } from '../runtime/database.js';
import { prepareDatabase } from '../runtime/prepare.js';
import { commands, type CliCommand } from './commands.js';

/**
 * `kunskapsnav <command> [options]`: the same services as the server, from the command line.
 * Commands are listed in commands.ts; each gets an opened, prepared database.
 */
function usage(): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(16)} ${c.summary}`);
  return `Usage: kunskapsnav <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(name && name !== '--help' ? `Unknown command: ${name}\n\n${usage()}` : usage());
    return name && name !== '--help' ? 2 : 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: command.options ?? {},
    allowPositionals: true,
    strict: true,
  });
  const config = loadConfig();
  const log = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const database = await openDatabase(config, log);
  try {
    await prepareDatabase(database.db, config, log);
    return await command.run({ db: database.db, config, log, values, positionals, out: process.stdout });
  } finally {
    await database.shutdown();
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  if (
    err instanceof ConfigError ||
    err instanceof DataDirLockedError ||
    err instanceof ReferenceDataError ||
    (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    process.stderr.write(`kunskapsnav: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
