import path from 'node:path';
import { projectRoot } from '../../src/config/paths.js';

/** Reference data for tests: REFERENCE_DATA_DIR, or ../shared/data beside the checkout. */
export const REFERENCE_DATA_DIR =
  process.env['REFERENCE_DATA_DIR'] ?? path.resolve(projectRoot(), '..', 'shared', 'data');
