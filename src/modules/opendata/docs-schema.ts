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

export function pathParams(params: Record<string, string>): Record<string, unknown> {
  return {
    type: 'object',
    required: Object.keys(params),
    properties: Object.fromEntries(
      Object.entries(params).map(([k, d]) => [k, { type: 'string', description: d }]),
    ),
  };
}

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
