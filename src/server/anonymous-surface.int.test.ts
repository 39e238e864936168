import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../test/support/app.js';

/**
 * The internal API's anonymous surface, decided deliberately: public reference content may be
 * read without a session (the org register, indicator definitions, instruments, register kinds,
 * import formats, /meta), the two conversions that store nothing may be used without one
 * (scoring an instrument, converting a FHIR Questionnaire), and the login routes must be. Every
 * other operation under /api/v1, and anything that stores, answers 401 without a session.
 * README "Det interna API:et" lists the same; change both together.
 */
const ANONYMOUS = [
  'GET /api/v1/meta',
  'POST /api/v1/auth/login',
  'GET /api/v1/auth/methods',
  'GET /api/v1/auth/oidc/start',
  'GET /api/v1/auth/oidc/callback',
  'GET /api/v1/org/regions',
  'GET /api/v1/org/municipalities',
  'GET /api/v1/org/municipalities/{code}',
  'GET /api/v1/org/groups',
  'GET /api/v1/org/units',
  'GET /api/v1/org/units/{id}',
  'GET /api/v1/instruments',
  'GET /api/v1/instruments/{id}',
  'GET /api/v1/instruments/{id}/fhir',
  'POST /api/v1/instruments/{id}/score',
  'POST /api/v1/forms/import/fhir',
  'GET /api/v1/indicators',
  'GET /api/v1/registers/kinds',
  'GET /api/v1/imports/formats',
].sort();

describe('the anonymous surface of /api/v1', () => {
  let h: TestApp;
  before(async () => {
    h = await openTestApp();
  });
  after(async () => h.close());

  it('answers without a session exactly the operations decided on, and 401 to every other', async () => {
    const spec = (await h.app.inject('/api/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const open: string[] = [];
    let operations = 0;
    for (const [path, ops] of Object.entries(spec.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const method of Object.keys(ops)) {
        operations++;
        const res = await h.app.inject({
          method: method.toUpperCase() as 'GET',
          url: path.replace(/\{[^}]+\}/g, 'x'),
          ...(method === 'get' ? {} : { payload: {} }),
        });
        if (res.statusCode !== 401) open.push(`${method.toUpperCase()} ${path}`);
        else assert.match(String(res.headers['content-type']), /application\/problem\+json/, path);
      }
    }
    assert.ok(operations > 40, `${operations} operations described`);
    assert.deepEqual(open.sort(), ANONYMOUS);
  });

  it('converts a FHIR Questionnaire anonymously: no cookie, only the form and its warnings come back', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/forms/import/fhir',
      payload: {
        resourceType: 'Questionnaire',
        status: 'active',
        language: 'sv',
        title: 'T',
        item: [{ linkId: 'a', text: 'A', type: 'boolean' }],
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['set-cookie'], undefined);
    assert.deepEqual(Object.keys(res.json<Record<string, unknown>>()).sort(), ['form', 'warnings']);
  });
});
