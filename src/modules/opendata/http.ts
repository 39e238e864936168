import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { stringifyOrdered } from '../../domain/opendata/ordered-json.js';
import type { OpenDataCache, Snapshot } from './cache.js';

/**
 * Rendered responses of the public APIs, kept per snapshot token and request, with a strong
 * ETag (304 on If-None-Match) and a short public Cache-Control: values can be republished any
 * second, so clients and proxies revalidate after 10 s.
 */
export interface Rendered {
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

interface Stored extends Rendered {
  etag: string;
}

export const CACHE_CONTROL = 'public, max-age=10';
export const RELEASE_HEADER = 'x-kunskapsnav-release';
// Bounded by bytes: a few large XLSX answers must not crowd out memory.
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_BODY = 4 * 1024 * 1024;

/** An error with a problem status and title, mapped by the app's error handler (toProblem). */
export class ApiProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

export class ResponseCache {
  private token = '';
  private bytes = 0;
  private readonly entries = new Map<string, Stored>();

  constructor(readonly data: OpenDataCache) {}

  async send(
    req: FastifyRequest,
    reply: FastifyReply,
    render: (snap: Snapshot) => Rendered | Promise<Rendered>,
    bodyKey = '',
  ): Promise<FastifyReply> {
    const snap = await this.data.snapshot();
    if (snap.token !== this.token) {
      this.entries.clear();
      this.bytes = 0;
      this.token = snap.token;
    }
    const k = `${req.method} ${req.url} ${bodyKey}`;
    let stored = this.entries.get(k);
    if (!stored) {
      const r = await render(snap);
      const etag = `"${createHash('sha1').update(r.body).digest('base64url')}"`;
      stored = { ...r, etag };
      if (snap.token === this.token && r.body.length <= MAX_BODY) this.store(k, stored);
    }
    reply
      .header('etag', stored.etag)
      .header('cache-control', CACHE_CONTROL)
      // Every public answer says which release its values come from (GET /api/public/releases).
      .header(RELEASE_HEADER, snap.release?.version ?? 'none');
    for (const [h, v] of Object.entries(stored.headers ?? {})) reply.header(h, v);
    const match = req.headers['if-none-match'];
    if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === stored.etag)) {
      return reply.code(304).send();
    }
    return reply.type(stored.contentType).send(stored.body);
  }

  /** Keeps an answer, dropping the oldest ones beyond the byte budget. */
  private store(key: string, stored: Stored): void {
    this.entries.set(key, stored);
    this.bytes += stored.body.length;
    for (const [k, old] of this.entries) {
      if (this.bytes <= MAX_BYTES) break;
      this.entries.delete(k);
      this.bytes -= old.body.length;
    }
  }
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function json(value: unknown): Rendered {
  return { contentType: JSON_TYPE, body: JSON.stringify(value) };
}

/** JSON whose code-keyed objects (OrderedRecord, as in JSON-stat) keep their order. */
export function orderedJson(value: unknown): Rendered {
  return { contentType: JSON_TYPE, body: stringifyOrdered(value) ?? 'null' };
}

/** The absolute address of this request's path (for next_url and JSON-stat href). */
export function absolute(req: FastifyRequest, path: string): string {
  return `${req.protocol}://${req.host}${path}`;
}
