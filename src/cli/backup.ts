import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import type { CliCommand } from './commands.js';
import { findPrimary, hostUrls } from '../db/primary.js';
import { backupEmbedded, holdsDatabase, restoreEmbedded } from './embedded.js';

/**
 * `kunskapsnav backup FILE` / `restore FILE` on a PostgreSQL server, with PostgreSQL's own tools:
 * pg_dump's custom format is one consistent snapshot of a running server (a repeatable-read
 * transaction); pg_restore replaces the target's objects in one transaction. On the embedded
 * engine, a tarball of DATA_DIR (./embedded.ts).
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
  summary:
    'Write a consistent backup to FILE: a pg_dump (custom format) of the PostgreSQL server in DATABASE_URL, ' +
    'or without DATABASE_URL a tarball of the embedded DATA_DIR (stop the server first: DATA_DIR is locked).',
  synopsis: 'FILE',
  async run({ db, config, positionals, out }) {
    const file = positionals[0];
    if (!file) {
      out.write('backup: name the FILE to write.\n');
      return 2;
    }
    if (!config.databaseUrl) {
      await backupEmbedded(db, file);
      out.write(`Backup of ${config.dataDir} written to ${file}.\n`);
      return 0;
    }
    const url = await serverUrl(config.databaseUrl);
    if (!url) {
      out.write('backup: no read-write server in DATABASE_URL.\n');
      return 2;
    }
    await promisify(execFile)(pgTool('pg_dump'), ['--format=custom', `--file=${file}`, url]);
    out.write(`Backup written to ${file}.\n`);
    return 0;
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary:
    'Replace the PostgreSQL database of DATABASE_URL with a backup FILE, in one transaction; ' +
    'without DATABASE_URL, load an embedded backup FILE into an empty DATA_DIR.',
  synopsis: 'FILE',
  async runEmbeddedUnopened({ config, positionals, out }) {
    const file = positionals[0];
    if (!file || holdsDatabase(config.dataDir)) {
      out.write(
        !file
          ? 'restore: name the backup FILE.\n'
          : `restore: DATA_DIR ${config.dataDir} already holds a database; restore into an empty one.\n`,
      );
      return 2;
    }
    await restoreEmbedded(config, file);
    out.write(`Restored ${file} into ${config.dataDir}.\n`);
    return 0;
  },
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
