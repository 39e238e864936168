import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTs, type Child } from '../../test/support/process.js';
import { REFERENCE_DATA_DIR } from '../../test/support/db.js';

/** The real `main` entry point in a child process, on the embedded engine. */
describe('server process', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-start-'));
  const env = {
    DATA_DIR: dataDir,
    PORT: '0',
    DATABASE_URL: undefined,
    REFERENCE_DATA_DIR,
    DEMO: '1',
    LOG_LEVEL: 'info',
  };
  const children: Child[] = [];
  after(() => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  });

  it('starts, reports healthy with demo units, refuses a second process on the same DATA_DIR, and stops cleanly on SIGTERM', async () => {
    const first = runTs('src/main.ts', env);
    children.push(first);
    const ready = await first.waitFor(/"port":(\d+)[^\n]*Kunskapsnav is ready/);
    const base = `http://127.0.0.1:${ready[1]}`;

    const health = await fetch(`${base}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', database: 'pglite' });
    assert.ok(health.headers.get('x-request-id'));

    const units = (await (await fetch(`${base}/api/v1/org/units?municipality=0180&limit=1`)).json()) as {
      total: number;
      units: Array<{ synthetic: boolean }>;
    };
    assert.ok(units.total > 0);
    assert.equal(units.units[0]?.synthetic, true);

    const second = runTs('src/main.ts', env);
    children.push(second);
    const exit = await second.exited;
    assert.equal(exit.code, 2);
    assert.match(
      second.stderr(),
      new RegExp(
        `DATA_DIR ${dataDir.replace(/[/.]/g, '\\$&')} is in use by another Kunskapsnav process \\(pid ${first.proc.pid}\\)`,
      ),
    );
    assert.equal(second.stderr().trim().split('\n').length, 1, 'one line, no stack trace');

    first.proc.kill('SIGTERM');
    const stopped = await first.exited;
    assert.equal(stopped.code, 0);
    assert.match(first.stdout(), /"msg":"stopped"/);
    assert.equal(fs.existsSync(path.join(dataDir, 'kunskapsnav.lock')), false);
  });

  it('stops at once with one line naming a bad variable', async () => {
    const child = runTs('src/main.ts', { ...env, PORT: 'eighty' });
    const exit = await child.exited;
    assert.equal(exit.code, 2);
    assert.equal(child.stderr().trim(), 'kunskapsnav: Invalid configuration: PORT must be a whole number');
  });

  it('stops with the path when reference data is missing', async () => {
    const child = runTs('src/main.ts', {
      ...env,
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'kn-ref-')),
      REFERENCE_DATA_DIR: '/nonexistent/data',
    });
    const exit = await child.exited;
    assert.equal(exit.code, 2);
    assert.match(
      child.stderr(),
      /Reference data \/nonexistent\/data\/scb-regions\/counties\.csv: file not found/,
    );
  });
});
