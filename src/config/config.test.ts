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

  it('has session defaults and secure cookies in server mode only unless told', () => {
    const c = loadConfig({}, '/');
    assert.deepEqual(c.session, { idleMinutes: 30, absoluteHours: 12 });
    assert.equal(c.cookieSecure, false);
    assert.equal(c.oidc, undefined);
    const pg = 'postgres://u@h/kn';
    assert.equal(loadConfig({ DATABASE_URL: pg }, '/').cookieSecure, true);
    assert.equal(loadConfig({ DATABASE_URL: pg, COOKIE_SECURE: '0' }, '/').cookieSecure, false);
    assert.equal(loadConfig({ COOKIE_SECURE: '1' }, '/').cookieSecure, true);
  });

  it('has a 3-hour break-the-glass default and takes a pseudonym key of 32 characters or more', () => {
    assert.equal(loadConfig({}, '/').breakGlassHours, 3);
    assert.equal(loadConfig({}, '/').pseudonymKey, undefined);
    assert.equal(loadConfig({ BREAK_GLASS_HOURS: '8' }, '/').breakGlassHours, 8);
    assert.equal(loadConfig({ PSEUDONYM_KEY: 'k'.repeat(32) }, '/').pseudonymKey, 'k'.repeat(32));
  });

  it('trusts no proxy unless TRUSTED_PROXIES lists addresses or CIDR blocks', () => {
    assert.deepEqual(loadConfig({}, '/').trustedProxies, []);
    assert.deepEqual(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, ::1,192.0.2.1' }, '/').trustedProxies, [
      '10.0.0.0/8',
      '::1',
      '192.0.2.1',
    ]);
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
    [
      'SESSION_IDLE_MINUTES',
      { SESSION_IDLE_MINUTES: '0' },
      /SESSION_IDLE_MINUTES must be between 1 and 1440/,
    ],
    [
      'SESSION_ABSOLUTE_HOURS',
      { SESSION_ABSOLUTE_HOURS: 'x' },
      /SESSION_ABSOLUTE_HOURS must be a whole number/,
    ],
    ['COOKIE_SECURE', { COOKIE_SECURE: 'perhaps' }, /COOKIE_SECURE must be one of 0, 1/],
    ['PSEUDONYM_KEY', { PSEUDONYM_KEY: 'too-short-a-key' }, /PSEUDONYM_KEY must be at least 32 characters/],
    ['BREAK_GLASS_HOURS', { BREAK_GLASS_HOURS: '0' }, /BREAK_GLASS_HOURS must be between 1 and 24/],
    ['BREAK_GLASS_HOURS', { BREAK_GLASS_HOURS: '25' }, /BREAK_GLASS_HOURS must be between 1 and 24/],
    ['BREAK_GLASS_HOURS', { BREAK_GLASS_HOURS: '2.5' }, /BREAK_GLASS_HOURS must be a whole number/],
    ['TRUSTED_PROXIES', { TRUSTED_PROXIES: '10.0.0.0/33' }, /TRUSTED_PROXIES must be a comma-separated list/],
    [
      'TRUSTED_PROXIES',
      { TRUSTED_PROXIES: 'proxy.example' },
      /TRUSTED_PROXIES must be a comma-separated list/,
    ],
    ['OIDC_ISSUER', { OIDC_ISSUER: 'not a url' }, /OIDC_ISSUER must be an http\(s\) URL/],
    ['OIDC_CLIENT_ID', { OIDC_ISSUER: 'https://idp.example' }, /OIDC_CLIENT_ID must be set when any OIDC_/],
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
