import { ConfigError, loadConfig } from './config/config.js';
import { DataDirLockedError } from './db/lock.js';
import { ReferenceDataError } from './modules/org/reference-data.js';
import { startServer } from './server/start.js';

/** `npm start`: serve web and API until SIGINT/SIGTERM. */
try {
  const config = loadConfig();
  await startServer(config);
} catch (err) {
  // Known start failures get one line naming what to fix, not a stack trace.
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof ReferenceDataError) {
    process.stderr.write(`kunskapsnav: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
