import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { readReferenceData } from '../modules/org/reference-data.js';
import { loadReferenceData } from '../modules/org/reference-load.js';
import { seedDemoUnits } from '../modules/org/demo.js';
import { syncCatalogue } from '../modules/indicators/engine.js';
import { prepareFactPartitions } from '../modules/indicators/fact-partitions.js';
import { disableDemoAccounts, seedDemoAccounts } from '../modules/identity/demo-accounts.js';
import { seedDemoNation } from '../modules/demo/seed.js';
import { seedInstrumentEntries, seedLibraryExamples } from '../modules/library/seed.js';

export interface PrepareOptions {
  /**
   * Also write the small synthetic nation when DEMO is on (the server's start asks for it; tests
   * and the command line do not, so `kunskapsnav demo` starts from an empty nation).
   */
  demoNation?: boolean;
  /**
   * With DEMO off, disable demo accounts left from an earlier demo start. Only the server's start
   * asks for it: a command-line run (`audit:verify`, `import`, …) on a database never changes
   * accounts, whatever DEMO says.
   */
  disableDemoAccounts?: boolean;
}

/** Brings a database to the state the application needs: schema, reference data, demo data. */
export async function prepareDatabase(
  db: Db,
  config: Config,
  log: Logger,
  options: PrepareOptions = {},
): Promise<void> {
  const migrations = await migrate(db);
  log.info({ applied: migrations.applied, alreadyApplied: migrations.alreadyApplied }, 'migrations done');
  const reference = await loadReferenceData(db, readReferenceData(config.referenceDataDir));
  log.info({ loaded: reference.loaded, dir: config.referenceDataDir }, 'reference data ready');
  const indicators = await syncCatalogue(db);
  log.info({ active: indicators.length }, 'indicator definitions ready');
  const factYears = await prepareFactPartitions(db);
  if (factYears.length > 0) log.info({ years: factYears }, 'fact partitions created');
  const instrumentEntries = await seedInstrumentEntries(db);
  if (instrumentEntries > 0)
    log.info({ entries: instrumentEntries }, 'library entries for instruments created');
  if (config.demo) {
    const seeded = await seedDemoUnits(db);
    if (seeded > 0) log.info({ units: seeded }, 'synthetic demo units created');
    const accounts = await seedDemoAccounts(db);
    if (accounts > 0) log.info({ accounts }, 'demo accounts created');
    const libraryExamples = await seedLibraryExamples(db);
    if (libraryExamples > 0) log.info({ entries: libraryExamples }, 'example library entries created');
    // Synthetic persons and register entries (src/modules/demo), once, after the units exist.
    if (options.demoNation) {
      const persons = await seedDemoNation(db, config, log);
      if (persons > 0) log.info({ persons }, 'synthetic demo nation created');
    }
  } else if (options.disableDemoAccounts) {
    const disabled = await disableDemoAccounts(db);
    if (disabled > 0) log.warn({ accounts: disabled }, 'demo accounts disabled: DEMO is off');
  }
}
