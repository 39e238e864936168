import { Worker } from 'node:worker_threads';
import { computeTable, type TableJob, type TableResult } from './publish-compute.js';

/**
 * Where the CPU part of publishing runs. Inline on the caller's thread (tests, the CLI, a demo
 * nation being written) or in one worker thread (the server's background publisher), so that
 * exact secondary suppression over a national table never blocks request handling. Database
 * I/O stays on the main thread either way.
 */
export type TableComputer = (jobs: readonly TableJob[]) => Promise<TableResult[]>;

export const computeInline: TableComputer = (jobs) => Promise.resolve(jobs.map(computeTable));

export interface PublishWorker {
  compute: TableComputer;
  /** Ends the thread; a computation in progress is rejected. */
  close(): Promise<void>;
}

type Reply = { id: number; outcomes: TableResult[] } | { id: number; error: string };

// Under tsx (tests, benchmarks, `npm run dev`) the sources are TypeScript; the build is JavaScript.
const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSource ? './publish-worker.ts' : './publish-worker.js', import.meta.url);

/** One thread: the machine's other core serves requests; a second thread would compete with them. */
export function startPublishWorker(): PublishWorker {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (o: TableResult[]) => void; reject: (e: Error) => void }>();
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
    w.on('message', (reply: Reply) => {
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      if ('error' in reply) p?.reject(new Error(`publishing in the worker failed: ${reply.error}`));
      else p?.resolve(reply.outcomes);
    });
    w.on('error', (err) => failAll(err));
    // A thread that ended is started again on the next computation.
    w.on('exit', (code) => {
      if (worker === w) failAll(new Error(`the publishing worker exited (${code})`));
    });
    worker = w;
    return w;
  };
  return {
    compute: (jobs) =>
      new Promise<TableResult[]>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        const w = started();
        // Held while it computes; an idle worker must not keep the process alive.
        w.ref();
        w.postMessage({ id, jobs });
      }),
    async close() {
      const w = worker;
      worker = null;
      failAll(new Error('the publishing worker was closed'));
      await w?.terminate();
    },
  };
}
