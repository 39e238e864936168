import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { PSEUDONYM_KEY_FILE, loadPseudonymKey } from './secrets.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-pseudonym-key-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('loadPseudonymKey', () => {
  it('uses PSEUDONYM_KEY when set and writes no file', () => {
    const dataDir = path.join(tmp, 'env');
    const key = loadPseudonymKey(loadConfig({ DATA_DIR: dataDir, PSEUDONYM_KEY: 'x'.repeat(40) }, '/'));
    assert.equal(key.toString('utf8'), 'x'.repeat(40));
    assert.equal(fs.existsSync(path.join(dataDir, PSEUDONYM_KEY_FILE)), false);
  });

  it('creates DATA_DIR/pseudonym.key with mode 0600 in embedded mode and reads the same key on the next start', () => {
    const dataDir = path.join(tmp, 'embedded');
    const config = loadConfig({ DATA_DIR: dataDir }, '/');
    const first = loadPseudonymKey(config);
    const file = path.join(dataDir, PSEUDONYM_KEY_FILE);
    assert.ok(first.length >= 32);
    if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(loadPseudonymKey(config), first);
    assert.deepEqual(fs.readdirSync(dataDir), [PSEUDONYM_KEY_FILE], 'no temporary file is left behind');
  });

  it('gives different keys to different data directories', () => {
    const a = loadPseudonymKey(loadConfig({ DATA_DIR: path.join(tmp, 'a') }, '/'));
    const b = loadPseudonymKey(loadConfig({ DATA_DIR: path.join(tmp, 'b') }, '/'));
    assert.notDeepEqual(a, b);
  });

  it('refuses to start in server mode without PSEUDONYM_KEY, naming the variable', () => {
    const config = loadConfig({ DATA_DIR: path.join(tmp, 'server'), DATABASE_URL: 'postgres://u@h/kn' }, '/');
    assert.throws(
      () => loadPseudonymKey(config),
      (err: unknown) => err instanceof ConfigError && err.variable === 'PSEUDONYM_KEY',
    );
  });

  it('refuses a key file that others can read', { skip: process.platform === 'win32' }, () => {
    const dataDir = path.join(tmp, 'loose');
    fs.mkdirSync(dataDir);
    const file = path.join(dataDir, PSEUDONYM_KEY_FILE);
    fs.writeFileSync(file, 'y'.repeat(43), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    assert.throws(() => loadPseudonymKey(loadConfig({ DATA_DIR: dataDir }, '/')), /chmod 600/);
  });

  it('refuses a key file that is too short', () => {
    const dataDir = path.join(tmp, 'short');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, PSEUDONYM_KEY_FILE), 'short\n', { mode: 0o600 });
    assert.throws(() => loadPseudonymKey(loadConfig({ DATA_DIR: dataDir }, '/')), /at least 32 characters/);
  });
});
