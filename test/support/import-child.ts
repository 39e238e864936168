/**
 * Child process for the import crash test: imports IMPORT_FILE into the database named by
 * DATA_DIR (embedded) or DATABASE_URL (server) as the system actor, printing "progress <rows>"
 * after every batch, so the test can kill it in the middle of the file's one transaction.
 */
import fs from 'node:fs';
import { DEFAULT_PALLIATIVE_WINDOWS } from '../../src/domain/registers/windows.js';
import { systemActor } from '../../src/modules/imports/actor.js';
import { runImport } from '../../src/modules/imports/engine.js';
import { loadPseudonymKey } from '../../src/config/secrets.js';
import { openDatabase } from '../../src/runtime/database.js';
import { testConfig } from './db.js';

const url = process.env['DATABASE_URL'];
const config = testConfig({ DATA_DIR: process.env['DATA_DIR'] ?? '', ...(url ? { DATABASE_URL: url } : {}) });
const database = await openDatabase(config);
const db = database.db;
const file = process.env['IMPORT_FILE'] ?? '';
const outcome = await runImport(
  { db, key: loadPseudonymKey(config), windows: DEFAULT_PALLIATIVE_WINDOWS },
  systemActor(new Date('2025-01-15T10:00:00Z')),
  {
    register: 'senior_alert',
    sourceSystem: 'crash',
    fileName: 'crash.csv',
    format: 'csv',
    dryRun: false,
    bytesTotal: fs.statSync(file).size,
  },
  fs.createReadStream(file),
  { onProgress: (p) => process.stdout.write(`progress ${p.rowsRead}\n`) },
);
process.stdout.write(`done ${outcome.status}\n`);
await database.shutdown();
