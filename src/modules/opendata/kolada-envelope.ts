import type { FastifyRequest } from 'fastify';
import { pageLinks, pageOf } from '../../domain/opendata/paging.js';
import { absolute } from './http.js';
import type { PageQuery } from './kolada-schema.js';

/**
 * Kolada v3's envelope: {count, values, next_url, previous_url}; count is the number of values
 * on this page. next_page/previous_page repeat the links for clients written against v2.
 */
export interface Envelope<T> {
  count: number;
  values: T[];
  next_url: string | null;
  previous_url: string | null;
  next_page: string | null;
  previous_page: string | null;
}

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
