import type { FieldIssue } from '../domain/errors.js';

/** application/problem+json body (RFC 9457) with our `errors` extension naming each field. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldIssue[];
}
