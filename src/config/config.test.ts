import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has defaults that need no server', () => {
    const c = loadConfig({}, '/srv/kn');
    assert.equal(c.port, 3000);
    assert.equal(c.dataDir, '/srv/kn/var/db');
    assert.equal(c.referenceDataDir, '/srv/shared/data');
    assert.equal(c.engine, 'pglite');
    assert.equal(c.demo, true);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.disclosureThreshold, 5);
  });

  it('switches to the server engine with DATABASE_URL, and demo data is off there unless asked', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/kn' }, '/');
    assert.equal(c.engine, 'postgres');
    assert.equal(c.demo, false);
    assert.equal(loadConfig({ DATABASE_URL: 'postgresql://u@h/kn', DEMO: '1' }, '/').demo, true);
    assert.equal(loadConfig({ DEMO: '0' }, '/').demo, false);
  });

  it('treats empty variables as unset', () => {
    assert.equal(loadConfig({ PORT: '', DATABASE_URL: '' }, '/').port, 3000);
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['PORT', { PORT: 'eighty' }, /PORT must be a whole number/],
    ['PORT', { PORT: '70000' }, /PORT must be between 0 and 65535/],
    ['PORT', { PORT: '-1' }, /PORT must be between 0 and 65535/],
    ['PORT', { PORT: '80.5' }, /PORT must be a whole number/],
    [
      'DATABASE_URL',
      { DATABASE_URL: 'mysql://x' },
      /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/,
    ],
    ['DEMO', { DEMO: 'maybe' }, /DEMO must be one of 0, 1, true, false, yes, no/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error/],
    ['DISCLOSURE_THRESHOLD', { DISCLOSURE_THRESHOLD: '1' }, /DISCLOSURE_THRESHOLD must be at least 2/],
  ];
  for (const [variable, env, message] of bad) {
    it(`refuses ${variable}=${Object.values(env)[0]} with one line naming the variable and the rule`, () => {
      assert.throws(
        () => loadConfig(env, '/'),
        (err: unknown) =>
          err instanceof ConfigError &&
          err.variable === variable &&
          message.test(err.message) &&
          !err.message.includes('\n'),
      );
    });
  }
});
