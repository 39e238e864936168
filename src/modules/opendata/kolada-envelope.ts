import type { FastifyRequest } from 'fastify';
import { pageLinks, pageOf } from '../../domain/opendata/paging.js';
import { absolute } from './http.js';
import type { PageQuery } from './kolada-schema.js';
import type { Envelope } from '../../contracts/opendata.js';

/** Kolada v3's envelope (src/contracts/opendata.ts) around one page of the items. */
export function envelope<T>(req: FastifyRequest, items: readonly T[], q: PageQuery): Envelope<T> {
  const [path = '', search = ''] = req.url.split('?', 2);
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) if (k !== 'page' && k !== 'per_page') query[k] = v;
  const values = pageOf(items, q.page, q.per_page);
  const links = pageLinks(absolute(req, path), query, q.page, q.per_page, items.length);
  return {
    count: values.length,
    values,
    next_url: links.next_url,
    previous_url: links.previous_url,
    next_page: links.next_url,
    previous_page: links.previous_url,
  };
}
