import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config/paths.js';

export interface Child {
  proc: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line matching, rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a TypeScript entry point of the project in a child node process (through tsx). */
export function runTs(entry: string, env: Record<string, string | undefined>): Child {
  const root = projectRoot();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, entry)], {
    cwd: root,
    env: childEnv,
  });
  let out = '';
  let err = '';
  const waiters: Array<{
    pattern: RegExp;
    resolve: (m: RegExpMatchArray) => void;
    reject: (e: Error) => void;
  }> = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = out.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  proc.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    check();
  });
  proc.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('exit', (code, signal) => {
      for (const w of waiters.splice(0))
        w.reject(new Error(`process exited (${code ?? signal}) before ${w.pattern}: ${err}`));
      resolve({ code, signal });
    });
  });
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const m = out.match(pattern);
        if (m) resolve(m);
        else if (proc.exitCode !== null) reject(new Error(`process already exited: ${err}`));
        else waiters.push({ pattern, resolve, reject });
      }),
  };
}
