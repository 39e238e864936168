import { Worker } from 'node:worker_threads';
import { computeTable, type TableJob, type TableResult } from './publish-compute.js';
import { computeReleaseTables, type ReleaseInput, type ReleaseOutput } from './release-compute.js';

/**
 * Where the CPU part of publishing and of releases runs. Inline on the caller's thread (tests, the
 * CLI, a demo nation being written) or in one worker thread (the server's background publisher,
 * and a release), so that exact secondary suppression over national tables never blocks request
 * handling. Database I/O stays on the main thread either way.
 */
export type TableComputer = (jobs: readonly TableJob[]) => Promise<TableResult[]>;
export type ReleaseComputer = (input: ReleaseInput) => Promise<ReleaseOutput>;

export const computeInline: TableComputer = (jobs) => Promise.resolve(jobs.map(computeTable));
export const computeReleaseInline: ReleaseComputer = (input) => {
  try {
    return Promise.resolve(computeReleaseTables(input));
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
};

export interface PublishWorker {
  compute: TableComputer;
  release: ReleaseComputer;
  /** Ends the thread for good; a computation in progress, and any asked for later, are rejected. */
  close(): Promise<void>;
}

/** What the thread is asked (publish-worker.ts) and answers. */
export type WorkerTask = { id: number; tables: readonly TableJob[] } | { id: number; release: ReleaseInput };
export type WorkerReply =
  | { id: number; tables: TableResult[] }
  | { id: number; release: ReleaseOutput }
  | { id: number; error: string };

// Under tsx (tests, benchmarks, `npm run dev`) the sources are TypeScript; the build is JavaScript.
const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSource ? './publish-worker.ts' : './publish-worker.js', import.meta.url);

/** One thread: the machine's other core serves requests; a second thread would compete with them. */
export function startPublishWorker(): PublishWorker {
  let worker: Worker | null = null;
  let closed = false;
  let nextId = 0;
  const pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = null;
  };
  const started = (): Worker => {
    if (worker) return worker;
    // Node 20 does not apply `--import tsx` to a worker's entry, so the source registers tsx first.
    const w = fromSource
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); })`,
          { eval: true, execArgv: [] },
        )
      : new Worker(workerUrl, { execArgv: [] });
    w.on('message', (reply: WorkerReply) => {
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      if ('error' in reply) p?.reject(new Error(`computing in the publishing worker failed: ${reply.error}`));
      else p?.resolve(reply);
    });
    w.on('error', (err) => failAll(err));
    // A thread that ended is started again on the next computation.
    w.on('exit', (code) => {
      if (worker === w) failAll(new Error(`the publishing worker exited (${code})`));
    });
    worker = w;
    return w;
  };
  const run = (task: WorkerTask): Promise<WorkerReply> =>
    new Promise<WorkerReply>((resolve, reject) => {
      if (closed) {
        reject(new Error('the publishing worker was closed'));
        return;
      }
      pending.set(task.id, { resolve, reject });
      const w = started();
      // Held while it computes; an idle worker must not keep the process alive.
      w.ref();
      w.postMessage(task);
    });
  return {
    async compute(jobs) {
      const reply = await run({ id: nextId++, tables: jobs });
      if (!('tables' in reply))
        throw new Error('the publishing worker answered a table job with something else');
      return reply.tables;
    },
    async release(input) {
      const reply = await run({ id: nextId++, release: input });
      if (!('release' in reply))
        throw new Error('the publishing worker answered a release with something else');
      return reply.release;
    },
    async close() {
      const w = worker;
      closed = true;
      worker = null;
      failAll(new Error('the publishing worker was closed'));
      await w?.terminate();
    },
  };
}
