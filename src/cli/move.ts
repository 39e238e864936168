import type { CliCommand } from './commands.js';
import { copyDatabase } from '../db/copy.js';
import { auditLogIsEmpty, verifyAuditChain } from '../modules/audit/verify.js';
import { openBackupInMemory } from './embedded.js';

/**
 * `kunskapsnav move-to-server FILE`: the embedded trial → a PostgreSQL server. FILE is an embedded
 * backup (`kunskapsnav backup` without DATABASE_URL); the server of DATABASE_URL has been migrated
 * by this same release before the command runs (as every command). Every row and sequence moves in
 * one transaction, replacing what the server held (reference data and all), and the audit chain is
 * verified on the server afterwards.
 */
export const moveToServerCommand: CliCommand = {
  name: 'move-to-server',
  summary:
    'Move an embedded backup FILE into the empty PostgreSQL database of DATABASE_URL (one transaction, ' +
    'replaces its rows; needs a superuser), then verify row counts and the audit chain there.',
  synopsis: 'FILE',
  async run({ db, config, positionals, out }) {
    const file = positionals[0];
    if (!file || !config.databaseUrl) {
      out.write(
        !file ? 'move-to-server: name the embedded backup FILE.\n' : 'move-to-server: needs DATABASE_URL.\n',
      );
      return 2;
    }
    if (!(await auditLogIsEmpty(db))) {
      out.write(
        'move-to-server: the server database is in use (audit entries exist); move into an empty one.\n',
      );
      return 2;
    }
    const source = await openBackupInMemory(file);
    try {
      const report = await copyDatabase(source, db);
      const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
      out.write(
        `Moved ${rows} rows in ${Object.keys(report.tables).length} tables and ${report.sequences} sequences.\n`,
      );
    } finally {
      await source.close();
    }
    const verified = await verifyAuditChain(db);
    out.write(
      verified.ok ? 'Audit chain verifies on the server.\n' : 'Audit chain does NOT verify on the server.\n',
    );
    return verified.ok ? 0 : 1;
  },
};
