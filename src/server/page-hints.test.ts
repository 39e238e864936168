import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withPreloads } from './page-hints.js';

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
});
