import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from './app.js';
import { openEmptyTestDb, silentLogger, testConfig, type TestDb } from '../../test/support/db.js';

describe('the web app shell', () => {
  let t: TestDb;
  let dir: string;
  before(async () => {
    t = await openEmptyTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-web-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<html><head></head><body>shell</body></html>');
    fs.writeFileSync(path.join(dir, 'svar.html'), '<html><body>svar</body></html>');
  });
  after(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true });
  });

  it('answers client routes with the shell and missing files with 404', async () => {
    const app = await buildApp({ db: t.db, config: testConfig() }, { logger: silentLogger, webDir: dir });
    const cases: Array<[string, number, string]> = [
      ['/jamforelser', 200, 'shell'],
      ['/kommuner/0180?x=1', 200, 'shell'],
      ['/svar/abc-DEF_12', 200, 'svar'],
      ['/favicon.ico', 404, 'Not found'],
      ['/assets/index-old.js', 404, 'Not found'],
      ['/robots.txt?x=1', 404, 'Not found'],
    ];
    for (const [url, status, body] of cases) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, status, url);
      assert.ok(res.body.includes(body), `${url}: ${res.body.slice(0, 80)}`);
    }
    await app.close();
  });
});
