import fs from 'node:fs';
import type { CliCommand } from '../../cli/commands.js';
import { DEFAULT_SOURCE, SOURCE_PATTERN } from '../../contracts/imports.js';
import { commandUsage } from '../../cli/help.js';
import { registerOfName, IMPORT_REGISTERS } from '../../domain/imports/columns.js';
import { DEFAULT_PALLIATIVE_WINDOWS } from '../../domain/registers/windows.js';
import { loadPseudonymKey } from '../../config/secrets.js';
import { accountActor, systemActor } from './actor.js';
import { runImport } from './engine.js';
import { ProgressBar } from './progress-bar.js';
import { formatOfFile } from './read/index.js';
import type { ImportReport } from './report.js';

/**
 * `kunskapsnav import --register senior-alert FILE [--dry-run] [--source SYSTEM] [--as USERNAME]`:
 * the engine of POST /api/v1/imports, in the named account's scope, or as the system (every
 * municipality) without --as. Exit 0 imported (or a clean dry run), 1 file rejected, 2 usage.
 */
const nf = new Intl.NumberFormat('sv-SE');

function summary(r: ImportReport): string {
  const lines: string[] = [];
  const counts =
    `${nf.format(r.created)} nya / new, ${nf.format(r.unchanged)} oförändrade / unchanged, ` +
    `${nf.format(r.corrected)} ändrade / corrected`;
  if (r.errorCount === 0)
    lines.push(
      r.dryRun
        ? `Provkörning utan fel / dry run without errors: ${nf.format(r.rowsRead)} rader / rows would give ${counts}.`
        : `Importerad / imported: ${nf.format(r.rowsRead)} rader / rows: ${counts}.`,
    );
  else {
    lines.push(
      `${r.dryRun ? 'Provkörning / dry run' : 'Avvisad / rejected'}: ${nf.format(r.rowsBad)} felaktiga rader / bad rows ` +
        `av / of ${nf.format(r.rowsRead)}; ${nf.format(r.errorCount)} fel / errors; inget sparades / nothing was saved.`,
    );
    for (const e of r.errors) {
      const where =
        e.row === 0
          ? 'rubrikraden / header'
          : `rad / row ${e.row}${e.line ? ` (rad i filen / line ${e.line})` : ''}`;
      lines.push(`  ${where}, ${e.column}: ${e.rule}: ${e.message}`);
    }
    if (r.errorCount > r.errors.length)
      lines.push(`  … ${nf.format(r.errorCount - r.errors.length)} fel till / more errors`);
  }
  lines.push(`Jobb / job ${r.jobId}, ${nf.format(r.durationMs)} ms.`);
  return `${lines.join('\n')}\n`;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import a CSV, XLSX or JSON file into a register, all or nothing (--dry-run checks only).',
  synopsis: '--register senior-alert|palliative|followup [options] FILE',
  options: {
    register: {
      type: 'string',
      value: 'NAME',
      description: 'The register: senior-alert, palliative or followup.',
    },
    'dry-run': { type: 'boolean', description: 'Check every row the same way and write nothing.' },
    source: {
      type: 'string',
      value: 'SYSTEM',
      description: `The sending system (1–64 of a-z 0-9 . _ -); with record_id it makes re-imports idempotent (default: ${DEFAULT_SOURCE}).`,
    },
    as: {
      type: 'string',
      value: 'USERNAME',
      description: "Import in this account's scope (default: the system, every municipality).",
    },
    json: { type: 'boolean', description: 'Print the import report as JSON.' },
    charset: {
      type: 'string',
      value: 'CHARSET',
      description:
        "The file's character set when it is not UTF-8 (e.g. windows-1252); otherwise it is detected.",
    },
  },
  async run({ db, config, values, positionals, out }) {
    const usage = (why: string) => {
      process.stderr.write(`kunskapsnav import: ${why}\n\n${commandUsage(importCommand)}`);
      return 2;
    };
    const register = registerOfName(String(values['register'] ?? ''));
    if (!register) return usage(`--register must be ${Object.keys(IMPORT_REGISTERS).join(', ')}`);
    const [file, ...extra] = positionals;
    if (!file || extra.length) return usage('give exactly one FILE');
    const source = String(values['source'] ?? DEFAULT_SOURCE);
    if (!SOURCE_PATTERN.test(source)) return usage('--source must be 1–64 of a-z 0-9 . _ -');
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return usage(`cannot read ${file}`);
    }
    const now = new Date();
    const as = values['as'];
    const actor = typeof as === 'string' ? await accountActor(db, as, now) : systemActor(now);
    if (!actor) return usage(`no active account ${String(as)}`);
    const head = Buffer.alloc(16);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, head, 0, 16, 0);
    fs.closeSync(fd);
    const bar = new ProgressBar(process.stderr, process.stderr.isTTY);
    const outcome = await runImport(
      { db, key: loadPseudonymKey(config), windows: DEFAULT_PALLIATIVE_WINDOWS },
      actor,
      {
        register,
        sourceSystem: source,
        fileName: file.split(/[\\/]/).pop() ?? file,
        format: formatOfFile(file, head),
        charset: typeof values['charset'] === 'string' ? values['charset'].toLowerCase() : undefined,
        dryRun: values['dry-run'] === true,
        bytesTotal: stat.size,
      },
      { open: () => fs.createReadStream(file) },
      { onProgress: (p) => bar.update(p) },
    );
    bar.update(
      {
        stage: 'reading',
        rowsRead: outcome.report.rowsRead,
        bytesRead: stat.size,
        bytesTotal: stat.size,
        errorCount: 0,
      },
      true,
    );
    out.write(
      values['json'] === true ? `${JSON.stringify(outcome.report, null, 2)}\n` : summary(outcome.report),
    );
    return outcome.report.errorCount === 0 ? 0 : 1;
  },
};
