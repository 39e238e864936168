import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { shellWithHints, withPreloads, type PageHints } from './page-hints.js';

describe('page hints in the web app shell', () => {
  const shell = '<html><head><title>x</title></head><body></body></html>';

  it('names each same-origin URL once as a fetch preload before </head>', () => {
    const html = withPreloads(shell, [
      '/api/v1/indicators',
      '/api/public/intervals/K1/2024?levels=a,b&x="y"',
    ]);
    assert.match(
      html,
      /<title>x<\/title> {2}<link rel="preload" href="\/api\/v1\/indicators" as="fetch" crossorigin="anonymous" \/>/,
    );
    assert.ok(html.includes('href="/api/public/intervals/K1/2024?levels=a,b&amp;x=&quot;y&quot;"'));
    assert.ok(html.indexOf('rel="preload"') < html.indexOf('</head>'));
  });

  it('leaves the shell alone without hints and never names another origin', () => {
    assert.equal(withPreloads(shell, []), shell);
    const html = withPreloads(shell, ['//evil.example/x', 'https://evil.example/x', '/ok']);
    assert.ok(!html.includes('evil'));
    assert.ok(html.includes('href="/ok"'));
  });

  it('sends the shell without hints when a module cannot give them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-shell-'));
    fs.writeFileSync(path.join(dir, 'index.html'), shell);
    const warned: unknown[] = [];
    const failing: PageHints = () => Promise.reject(new Error('database away'));
    const given: PageHints = () => Promise.resolve(['/api/a']);
    const req = (url: string) =>
      ({ url, log: { warn: (o: unknown) => warned.push(o) } }) as unknown as FastifyRequest;
    const app = (hints: PageHints[]) => ({ pageHints: hints }) as unknown as FastifyInstance;
    assert.equal(await shellWithHints(app([failing]), dir, req('/jamforelser')), shell);
    assert.equal(warned.length, 1);
    assert.ok((await shellWithHints(app([given]), dir, req('/jamforelser'))).includes('href="/api/a"'));
    fs.rmSync(dir, { recursive: true });
  });
});
