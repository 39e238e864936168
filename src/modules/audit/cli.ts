import type { CliCommand } from '../../cli/commands.js';
import { verifyAuditChain } from './verify.js';

/** `kunskapsnav audit:verify`: exit 0 when the chain is intact, 1 with the first broken entry. */
export const auditVerifyCommand: CliCommand = {
  name: 'audit:verify',
  summary: 'Verify the audit log hash chain; exit 1 and print the first broken entry.',
  async run({ db, out }) {
    const result = await verifyAuditChain(db);
    if (result.ok) {
      out.write(`Audit log intact: ${result.entries} entries verified.\n`);
      return 0;
    }
    out.write(
      `Audit log BROKEN at entry ${result.firstBrokenSeq}: ${result.reason}\n` +
        `(${result.entries} entries before it are intact)\n`,
    );
    if (result.entry) out.write(`${JSON.stringify(result.entry, null, 2)}\n`);
    return 1;
  },
};
