import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { projectRoot } from '../config/paths.js';
import { commands } from './commands.js';
import { runCli } from './run.js';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(argv, { stdout, stderr });
  return { code, stdout: out, stderr: err };
}

describe('kunskapsnav --help', () => {
  for (const flag of ['--help', '-h']) {
    it(`${flag} lists every command and exits 0`, async () => {
      const { code, stdout } = await cli(flag);
      assert.equal(code, 0);
      for (const c of commands) assert.match(stdout, new RegExp(`^  ${c.name} +\\S`, 'm'), c.name);
    });

    for (const command of commands)
      it(`${command.name} ${flag} prints the command's usage and options and exits 0`, async () => {
        const { code, stdout, stderr } = await cli(command.name, flag);
        assert.equal(code, 0, stderr);
        assert.ok(stdout.startsWith(`Usage: kunskapsnav ${command.name} `), stdout);
        for (const option of [...Object.keys(command.options ?? {}), 'help'])
          assert.match(stdout, new RegExp(`--${option}\\b.*\\S`), `--${option}`);
      });
  }

  it('answers help even among other options, but not after --', async () => {
    assert.equal((await cli('import', '--register', 'palliative', '-h')).code, 0);
    await assert.rejects(cli('import', '--no-such-option', '--', '--help'), /Unknown option/);
  });

  it('refuses an unknown command with exit 2 and the list of commands', async () => {
    const { code, stderr } = await cli('no-such-command');
    assert.equal(code, 2);
    assert.match(stderr, /Unknown command: no-such-command[\s\S]*Commands:/);
  });

  it('works the same through the binary, without a database or configuration', async () => {
    const run = promisify(execFile);
    const root = projectRoot();
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'import', '--help'],
      {
        cwd: root,
        env: { ...process.env, PORT: 'not-a-port' },
      },
    );
    assert.match(stdout, /^Usage: kunskapsnav import --register/);
  });
});
