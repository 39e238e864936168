import type { CliCommand } from '../../cli/commands.js';
import { activeDefinitions, rebuildIndicators, syncCatalogue } from './engine.js';
import { publishQueued } from './publish.js';
import { releaseNow } from './releaser.js';

/**
 * `kunskapsnav rebuild-indicators`: after a definition changes, recompute every count from the
 * facts and republish every table. The result equals what the write path maintains incrementally.
 */
export const rebuildIndicatorsCommand: CliCommand = {
  name: 'rebuild-indicators',
  summary: 'Recompute every indicator count from the facts and republish every table.',
  async run({ db, config, out }) {
    await syncCatalogue(db);
    const definitions = await activeDefinitions(db);
    const started = process.hrtime.bigint();
    const { counts } = await rebuildIndicators(db, definitions);
    const rebuilt = process.hrtime.bigint();
    const tables = await publishQueued(db, definitions, { threshold: config.disclosureThreshold });
    const done = process.hrtime.bigint();
    const seconds = (a: bigint, b: bigint) => (Number(b - a) / 1e9).toFixed(2);
    out.write(
      `Rebuilt ${counts} unit counts for ${definitions.length} indicators in ${seconds(started, rebuilt)} s; ` +
        `published ${tables} tables in ${seconds(rebuilt, done)} s.\n`,
    );
    return 0;
  },
};

/** `kunskapsnav release`: a release of the public values now, on demand. */
export const releaseCommand: CliCommand = {
  name: 'release',
  summary: 'Make a release of the public values now (perturbed, disclosure-controlled, frozen).',
  async run({ db, config, out }) {
    await syncCatalogue(db);
    const made = await releaseNow(db, config, { kind: 'on_demand', madeBy: 'cli' });
    out.write(
      `Release ${made.version} made at ${made.madeAt.toISOString()}: ${made.tables} tables, ` +
        `${made.cells} cells, ${made.suppressed} suppressed.\n`,
    );
    return 0;
  },
};
