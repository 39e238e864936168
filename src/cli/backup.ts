import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import type { CliCommand } from './commands.js';
import { findPrimary, hostUrls } from '../db/primary.js';

/**
 * `kunskapsnav backup FILE` / `restore FILE` on a PostgreSQL server, with PostgreSQL's own tools:
 * pg_dump's custom format is one consistent snapshot of a running server (a repeatable-read
 * transaction); pg_restore replaces the target's objects in one transaction. The embedded engine
 * is not covered yet (src/server/OPERATIONS.md).
 */
function pgTool(name: string): string {
  const dirs = fs.existsSync('/usr/lib/postgresql')
    ? fs
        .readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin/${name}`)
    : [];
  return dirs.find((p) => fs.existsSync(p)) ?? name;
}

async function serverUrl(databaseUrl: string | undefined): Promise<string | undefined> {
  return databaseUrl ? findPrimary(hostUrls(databaseUrl)) : undefined;
}

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Write a consistent pg_dump (custom format) of the running PostgreSQL database to FILE.',
  synopsis: 'FILE',
  async run({ config, positionals, out }) {
    const file = positionals[0];
    const url = await serverUrl(config.databaseUrl);
    if (!file || !url) {
      out.write(!file ? 'backup: name the FILE to write.\n' : 'backup: needs DATABASE_URL (PostgreSQL).\n');
      return 2;
    }
    await promisify(execFile)(pgTool('pg_dump'), ['--format=custom', `--file=${file}`, url]);
    out.write(`Backup written to ${file}.\n`);
    return 0;
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Replace the PostgreSQL database of DATABASE_URL with a backup FILE, in one transaction.',
  synopsis: 'FILE',
  async run({ config, positionals, out }) {
    const file = positionals[0];
    const url = await serverUrl(config.databaseUrl);
    if (!file || !url) {
      out.write(!file ? 'restore: name the backup FILE.\n' : 'restore: needs DATABASE_URL (PostgreSQL).\n');
      return 2;
    }
    await promisify(execFile)(pgTool('pg_restore'), [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      `--dbname=${url}`,
      file,
    ]);
    out.write(`Restored ${file}.\n`);
    return 0;
  },
};
