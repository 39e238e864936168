import type { Problem } from '../contracts/problem.js';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
  type FieldIssue,
  type InputLocation,
} from '../domain/errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/** Parses request input with a zod schema; failure becomes a ValidationError naming every field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  location: InputLocation,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(zodIssues(result.error), location);
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    field: i.path.length ? i.path.map(String).join('.') : '(root)',
    rule: i.code === 'custom' ? ((i.params?.['rule'] as string | undefined) ?? 'invalid') : i.code,
    message: i.message,
  }));
}

/** Maps any thrown error to a problem; unknown errors become a 500 without internals. */
export function toProblem(err: unknown, request: FastifyRequest): Problem {
  const instance = request.url;
  if (err instanceof ValidationError) {
    const status = err.location === 'body' ? 422 : 400;
    return {
      type: 'about:blank',
      title: status === 422 ? 'Unprocessable content' : 'Bad request',
      status,
      detail: err.message,
      instance,
      errors: err.issues,
    };
  }
  if (err instanceof NotFoundError)
    return { type: 'about:blank', title: 'Not found', status: 404, detail: err.message, instance };
  if (err instanceof ConflictError) {
    return {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: err.message,
      instance,
      errors: err.issues,
    };
  }
  if (err instanceof UnauthorizedError)
    return { type: 'about:blank', title: 'Unauthorized', status: 401, detail: err.message, instance };
  if (err instanceof ForbiddenError)
    return { type: 'about:blank', title: 'Forbidden', status: 403, detail: err.message, instance };
  if (err instanceof TooManyRequestsError)
    return { type: 'about:blank', title: 'Too many requests', status: 429, detail: err.message, instance };
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      type: 'about:blank',
      title: fe.code ?? 'Bad request',
      status: fe.statusCode,
      detail: fe.message,
      instance,
    };
  }
  return {
    type: 'about:blank',
    title: 'Internal server error',
    status: 500,
    detail: `Something went wrong on our side. Quote request id ${request.id} when you report it.`,
    instance,
  };
}
