/**
 * Errors that services raise and the HTTP layer maps to problem+json (RFC 9457).
 * They carry no HTTP knowledge beyond what kind of failure they are.
 */
export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "municipalityCode" or "answers.q3". */
  field: string;
  /** Machine-readable rule that was broken, e.g. "required", "unknown_municipality". */
  rule: string;
  /** Human-readable explanation. */
  message: string;
}

export type InputLocation = 'body' | 'query' | 'params';

export class ValidationError extends Error {
  constructor(
    readonly issues: FieldIssue[],
    readonly location: InputLocation = 'body',
  ) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends Error {
  constructor(readonly what: string) {
    super(`${what} was not found`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The caller is not logged in (or the session ended). HTTP 401. */
export class UnauthorizedError extends Error {
  constructor(message = 'You need to log in to do this.') {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

/** The caller is logged in but the policy says no. HTTP 403. */
export class ForbiddenError extends Error {
  constructor(message = 'You are not allowed to do this.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** Too many attempts; try again after `retryAfterSeconds`. HTTP 429 with retry-after. */
export class TooManyRequestsError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}
