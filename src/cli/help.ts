import type { ParseArgsConfig } from 'node:util';
import type { CliCommand } from './commands.js';

/** `--help` and `-h` ask for help anywhere before a `--` (after it they are positionals). */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export function programUsage(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return (
    'Usage: kunskapsnav <command> [options]\n\n' +
    `Commands:\n${lines.join('\n')}\n\n` +
    "Run 'kunskapsnav <command> --help' for a command's options.\n"
  );
}

export function commandUsage(command: CliCommand): string {
  const options = Object.entries(command.options ?? {}).map(([name, o]) => {
    const flag = o.type === 'string' ? `--${name} ${o.value ?? 'VALUE'}` : `--${name}`;
    const byDefault =
      o.default === undefined || o.default === false ? '' : ` (default: ${String(o.default)})`;
    return [flag, `${o.description}${byDefault}`] as const;
  });
  options.push(['-h, --help', 'Show this help and exit.']);
  const width = Math.max(...options.map(([flag]) => flag.length)) + 2;
  const synopsis = command.synopsis ?? '[options]';
  return (
    `Usage: kunskapsnav ${command.name} ${synopsis}\n\n${command.summary}\n\n` +
    `Options:\n${options.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`).join('\n')}\n`
  );
}

/** The options as node's parseArgs takes them: the help texts stay behind. */
export function parseArgsOptions(command: CliCommand): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(command.options ?? {}).map(([name, o]) => [
      name,
      {
        type: o.type,
        ...(o.default === undefined ? {} : { default: o.default }),
        ...('multiple' in o && o.multiple ? { multiple: true } : {}),
      },
    ]),
  );
}
