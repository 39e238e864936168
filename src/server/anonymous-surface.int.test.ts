import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../test/support/app.js';
import { ANONYMOUS_V1 } from '../modules/opendata/openapi.js';

/**
 * The internal API's anonymous surface, decided deliberately: public reference content may be
 * read without a session (the org register, indicator definitions, instruments, register kinds,
 * import formats, /meta), the two conversions that store nothing may be used without one
 * (scoring an instrument, converting a FHIR Questionnaire), and the login routes must be. Every
 * other operation under /api/v1, and anything that stores, answers 401 without a session.
 * The list is declared once (ANONYMOUS_V1, which also sets the OpenAPI security of each
 * operation); README "Det interna API:et" says the same.
 */
const ANONYMOUS = [...ANONYMOUS_V1].sort();

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
    // The description says the same: security on every other operation, the CSRF header on writes.
    for (const [path, ops] of Object.entries(spec.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries(
        ops as Record<string, { security?: Array<Record<string, string[]>> }>,
      )) {
        const anonymous = ANONYMOUS.includes(`${method.toUpperCase()} ${path}`);
        const schemes = Object.keys(op.security?.[0] ?? {}).sort();
        const expected = anonymous
          ? []
          : method === 'get'
            ? ['sessionCookie']
            : ['csrfToken', 'sessionCookie'];
        assert.deepEqual(schemes, expected, `${method} ${path}`);
      }
    }
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
