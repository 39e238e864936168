import { z } from 'zod';

/**
 * JSON Schema for the OpenAPI description only: requests are validated with zod in the
 * handlers (problem+json naming each field), so route schemas never validate (see openapi.ts).
 */
export function querySchema(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'openapi-3.0',
  }) as Record<string, unknown>;
  delete out['$schema'];
  return out;
}

/** Path parameters: a description, or a description and the pattern the server enforces. */
export function pathParams(
  params: Record<string, string | { description: string; pattern: string }>,
): Record<string, unknown> {
  return {
    type: 'object',
    required: Object.keys(params),
    properties: Object.fromEntries(
      Object.entries(params).map(([k, d]) => [
        k,
        typeof d === 'string' ? { type: 'string', description: d } : { type: 'string', ...d },
      ]),
    ),
  };
}

/** A JSON answer (application/json; charset=utf-8 as the server sends it). */
export function jsonResponse(schema: Record<string, unknown>, description = 'OK'): Record<string, unknown> {
  return { description, content: { 'application/json': { schema } } };
}

/** An error answer: application/problem+json (RFC 9457) naming each field and rule. */
export function problemResponse(description = 'application/problem+json naming each field and rule') {
  return { description, content: { 'application/problem+json': { schema: problemSchema } } };
}

/** 304 to a request with a matching If-None-Match (the open data answers carry a strong ETag). */
// type 'null': @fastify/swagger then describes the answer without a body.
export const notModified = {
  type: 'null',
  description: 'Not modified: the ETag in If-None-Match is current',
} as const;

export const problemSchema = {
  description: 'application/problem+json (RFC 9457) with `errors` naming each field and rule',
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;
