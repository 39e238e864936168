import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The data a page of the web app asks for as soon as its scripts run, named in the HTML the
 * server sends (`<link rel="preload" as="fetch">`), so the browser fetches it while it still
 * downloads and compiles the scripts. A module that knows a page's data registers a function;
 * it answers same-origin paths (an empty list when the page is not its own).
 */
export type PageHints = (url: URL) => Promise<readonly string[]>;

declare module 'fastify' {
  interface FastifyInstance {
    pageHints: PageHints[];
  }
}

export function decoratePageHints(app: FastifyInstance): void {
  app.decorate('pageHints', []);
}

const ATTRIBUTE_UNSAFE = /[&"<>]/g;
const escapeAttribute = (s: string) =>
  s.replace(ATTRIBUTE_UNSAFE, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c] ?? c);

/** The shell with one preload per URL before `</head>`; credentials as the app's fetch sends them. */
export function withPreloads(html: string, urls: readonly string[]): string {
  if (urls.length === 0) return html;
  const links = urls
    .filter((u) => u.startsWith('/') && !u.startsWith('//'))
    .map((u) => `<link rel="preload" href="${escapeAttribute(u)}" as="fetch" crossorigin="anonymous" />`)
    .join('\n    ');
  return html.replace('</head>', `  ${links}\n  </head>`);
}

/** The hinted URLs of every registered function for a request's path and query. */
export async function hintsFor(app: FastifyInstance, requestUrl: string): Promise<string[]> {
  const url = new URL(requestUrl, 'http://localhost');
  const lists = await Promise.all(app.pageHints.map((hints) => hints(url)));
  return [...new Set(lists.flat())];
}

/** index.html of the built web app with the preloads of the requested page. */
export async function shellWithHints(
  app: FastifyInstance,
  webDir: string,
  req: FastifyRequest,
): Promise<string> {
  const [html, urls] = await Promise.all([
    fs.readFile(path.join(webDir, 'index.html'), 'utf8'),
    // Hints only speed the page up: without them (say, the database is away) it still loads.
    hintsFor(app, req.url).catch((err: unknown) => {
      req.log.warn({ err }, 'page hints failed; the shell goes without them');
      return [];
    }),
  ]);
  return withPreloads(html, urls);
}
