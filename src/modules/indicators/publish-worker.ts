import { parentPort } from 'node:worker_threads';
import { computeTable } from './publish-compute.js';
import type { WorkerReply, WorkerTask } from './publish-pool.js';
import { computeReleaseTables } from './release-compute.js';

/**
 * The publisher's worker thread (publish-pool.ts): runs the pure publication of each table
 * (roll-up, exact secondary suppression, intervals) and the pure part of a release
 * (release-compute.ts) off the server's event loop.
 */
const answer = (task: WorkerTask): WorkerReply =>
  'tables' in task
    ? { id: task.id, tables: task.tables.map(computeTable) }
    : { id: task.id, release: computeReleaseTables(task.release) };

parentPort?.on('message', (task: WorkerTask) => {
  try {
    parentPort?.postMessage(answer(task));
  } catch (err) {
    parentPort?.postMessage({ id: task.id, error: err instanceof Error ? err.message : String(err) });
  }
});
