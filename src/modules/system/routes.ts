import type { FastifyInstance } from 'fastify';
import type { InstallationMeta } from '../../contracts/identity.js';
import type { AppDeps } from '../../server/deps.js';
import { hasSyntheticUnits } from '../org/reads.js';
import { backupRoutes } from './backup-routes.js';

/** GET /api/v1/meta: what the web app needs to know about this installation. */
export function systemRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  backupRoutes(app, deps);
  app.get('/api/v1/meta', async (): Promise<InstallationMeta> => {
    return { database: db.engine, demo: config.demo, hasSyntheticData: await hasSyntheticUnits(db) };
  });
}
