import type { CliCommand } from '../../cli/commands.js';
import { anchorsOf, loadCheckpointAnchor, writeCheckpoint } from './checkpoint.js';
import { VERIFY_BATCH_SIZE, verifyAuditChain } from './verify.js';
import { linkStagedAudit } from './link.js';

/**
 * `kunskapsnav audit:verify [--checkpoints FILE]…`: exit 0 when the chain is intact and agrees with
 * every signed checkpoint (in the database, in AUDIT_CHECKPOINT_FILE and in the files named), 1 with
 * the first broken entry.
 */
export const auditVerifyCommand: CliCommand = {
  name: 'audit:verify',
  summary:
    'Verify the audit log hash chain against its signed checkpoints; exit 1 naming the first broken entry.',
  options: {
    checkpoints: {
      type: 'string',
      multiple: true,
      value: 'FILE',
      description: 'Also check the checkpoints in this file (may be given more than once).',
    },
  },
  async run({ db, config, values, out }) {
    const extra = values['checkpoints'];
    const files = Array.isArray(extra) ? extra.filter((f): f is string => typeof f === 'string') : [];
    const anchors = anchorsOf(config, files);
    await linkStagedAudit(db);
    const result = await verifyAuditChain(db, VERIFY_BATCH_SIZE, anchors);
    if (result.ok) {
      out.write(`Audit log intact: ${result.entries} entries verified.\n`);
      if (!anchors) {
        out.write(
          'No checkpoint key (AUDIT_CHECKPOINT_KEY): a rewritten or truncated chain is NOT detected.\n',
        );
      } else if (result.checkpoints) {
        const { checked, latestSeq } = result.checkpoints;
        out.write(
          `${checked} signed checkpoints agree; ` +
            (latestSeq === null
              ? 'no checkpoint covers any entry yet.\n'
              : `entries 1–${latestSeq} are anchored, ${result.entries - latestSeq} after it are not yet.\n`),
        );
      }
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

/** `kunskapsnav audit:checkpoint`: signs the chain head now (the server also does every AUDIT_CHECKPOINT_SECONDS). */
export const auditCheckpointCommand: CliCommand = {
  name: 'audit:checkpoint',
  summary:
    'Sign the audit chain head now and write the checkpoint to the database, the log and AUDIT_CHECKPOINT_FILE.',
  async run({ db, config, log, out }) {
    const anchor = loadCheckpointAnchor(config);
    if (!anchor) {
      out.write('No checkpoint key: set AUDIT_CHECKPOINT_KEY (at least 32 characters).\n');
      return 1;
    }
    const c = await writeCheckpoint(db, anchor, log);
    out.write(
      c ? `${JSON.stringify(c)}\n` : 'Nothing new to sign: the latest checkpoint covers the chain head.\n',
    );
    return 0;
  },
};
