import { parentPort } from 'node:worker_threads';
import { computeTable, type TableJob } from './publish-compute.js';

/**
 * The publisher's worker thread (publish-pool.ts): runs the pure publication of each table
 * (roll-up, exact secondary suppression, intervals) off the server's event loop.
 */
export interface PublishRequest {
  id: number;
  jobs: TableJob[];
}

parentPort?.on('message', (request: PublishRequest) => {
  try {
    parentPort?.postMessage({ id: request.id, outcomes: request.jobs.map(computeTable) });
  } catch (err) {
    parentPort?.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) });
  }
});
