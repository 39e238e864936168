import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../server/logger.js';
import { openDatabase } from '../runtime/database.js';
import { prepareDatabase } from '../runtime/prepare.js';
import { commands } from './commands.js';
import { asksForHelp, commandUsage, parseArgsOptions, programUsage } from './help.js';

export interface CliStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * Runs `kunskapsnav <command> [options]` and returns the exit code. Help is answered before
 * anything is configured or opened, so `--help` works without a database or a valid environment.
 */
export async function runCli(argv: readonly string[], io: CliStreams): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(programUsage(commands));
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`Unknown command: ${name}\n\n${programUsage(commands)}`);
    return 2;
  }
  if (asksForHelp(rest)) {
    io.stdout.write(commandUsage(command));
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: [...rest],
    options: parseArgsOptions(command),
    allowPositionals: true,
    strict: true,
  });
  const config = loadConfig();
  const log = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  if (!config.databaseUrl && command.runEmbeddedUnopened)
    return command.runEmbeddedUnopened({ config, log, values, positionals, out: io.stdout });
  const database = await openDatabase(config, log);
  try {
    await prepareDatabase(database.db, config, log);
    return await command.run({ db: database.db, config, log, values, positionals, out: io.stdout });
  } finally {
    await database.shutdown();
  }
}
