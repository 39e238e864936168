import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestApp, type TestApp } from '../../../test/support/app.js';
import { uncheckedV1, type Document } from '../../../test/support/openapi-check.js';

describe('OpenAPI description and API docs', () => {
  let h: TestApp;
  before(async () => {
    h = await openTestApp();
  });
  after(async () => h.close());

  it('describes the Kolada, PxWeb and internal APIs in OpenAPI 3 at /api/openapi.json', async () => {
    const res = await h.app.inject('/api/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { tags?: string[] }>> }>();
    assert.match(doc.openapi, /^3\./);
    for (const path of [
      '/api/kolada/v3/kpi',
      '/api/kolada/v3/municipality/{id}',
      '/api/kolada/v3/data/kpi/{kpi}/municipality/{municipality}/year/{year}',
      '/api/kolada/v3/oudata/kpi/{kpi}/ou/{ou}/year/{year}',
      '/api/pxweb/v2/tables/{id}/metadata',
      '/api/pxweb/v2/tables/{id}/data',
      '/api/v1/analytics',
      '/api/v1/org/units',
    ])
      assert.ok(doc.paths[path], path);
    assert.ok(doc.paths['/api/pxweb/v2/tables/{id}/data']?.['post']);
    assert.deepEqual(doc.paths['/api/kolada/v3/kpi']?.['get']?.tags, ['Kolada v3']);
    assert.ok(!Object.keys(doc.paths).some((p) => p.includes('*')), 'catch-all routes are hidden');
  });

  it('describes the answers of every JSON /api/v1 operation, so the check covers them', async () => {
    const doc = (await h.app.inject('/api/openapi.json')).json<Document>();
    // Redirects (OpenID Connect) and file downloads (CSV, PDF) are described by status and
    // content type, so nothing is left unchecked.
    assert.deepEqual(uncheckedV1(doc), []);
  });

  it('serves Swagger UI at /api/docs under the app CSP: scripts from files only', async () => {
    const page = await h.app.inject('/api/docs');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.doesNotMatch(page.body, /<script>|<script\s+type="text\/javascript">/, 'no inline script');
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] ?? '');
    assert.ok(scripts.length >= 3);
    for (const src of scripts) assert.equal((await h.app.inject(src)).statusCode, 200, src);
    const init = await h.app.inject('/api/docs/static/swagger-initializer.js');
    assert.match(init.body, /resolveUrl\('\.\/json'\)/);
    assert.equal((await h.app.inject('/api/docs/json')).statusCode, 200);
  });
});
