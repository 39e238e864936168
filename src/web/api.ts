import type { Problem } from '../contracts/problem';
import type { FieldIssue } from '../domain/errors';

/** Fetches JSON from our API; a problem+json answer becomes an ApiError carrying its fields. */
export type ProblemField = FieldIssue;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: ProblemField[] = [],
    /** Seconds from a retry-after header (429), when given. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

// The session's CSRF token, set by the session context; every write while logged in sends it.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// Told when a logged-in request is refused with 401 (the session ended elsewhere or expired).
let onUnauthorized: (() => void) | null = null;

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export async function apiGet<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  return request<T>(withQuery(path, params), { method: 'GET' });
}

/** A path with the non-empty params as its query string (also used for download links). */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, v);
  return qs.size ? `${path}?${qs.toString()}` : path;
}

export async function apiSend<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  return request<T>(path, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    headers,
  });
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * POSTs a file as the raw request body with upload progress (fetch reports none), sending the
 * CSRF token as apiSend does; answers and refusals as `request` gives them.
 */
export function apiUpload<T>(
  path: string,
  file: Blob,
  headers: Record<string, string>,
  onProgress: (p: UploadProgress) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) =>
      onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => reject(new ApiError(0, 'Nätverksfel. / Network error.'));
    xhr.onload = () => {
      let json: unknown = undefined;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        // not JSON: keep the status text
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json as T);
      const problem = (json ?? {}) as Partial<Problem>;
      if (xhr.status === 401 && csrfToken) onUnauthorized?.();
      reject(
        new ApiError(xhr.status, problem.detail ?? problem.title ?? xhr.statusText, problem.errors ?? []),
      );
    };
    xhr.send(file);
  });
}

/**
 * The half of a bilingual server message ("Svenska. / English.") in the given language;
 * a message without the separator is returned whole.
 */
export function localDetail(detail: string, lang: 'sv' | 'en'): string {
  const parts = detail.split(' / ');
  if (parts.length !== 2) return detail;
  return (lang === 'sv' ? parts[0] : parts[1]) ?? detail;
}

async function request<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...init.headers },
  });
  if (!res.ok) throw await failureOf(res, url);
  // 204 and other empty answers carry no JSON.
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  return (await res.json()) as T;
}

/**
 * POSTs JSON like apiSend and answers with the body as a file (a CSV or a PDF made once for this
 * request), with the name the server gave it in content-disposition.
 */
export async function apiSendForFile(path: string, body: unknown): Promise<{ blob: Blob; name: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method: 'POST',
    body: JSON.stringify(body),
    credentials: 'same-origin',
    headers: { accept: 'text/csv, application/pdf, application/problem+json', ...headers },
  });
  if (!res.ok) throw await failureOf(res, path);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'fil';
  return { blob: await res.blob(), name };
}

/** A refused answer as an ApiError carrying the problem's fields. */
async function failureOf(res: Response, url: string): Promise<ApiError> {
  let detail = res.statusText;
  let errors: ProblemField[] = [];
  try {
    const problem = (await res.json()) as Partial<Problem>;
    detail = problem.detail ?? problem.title ?? detail;
    errors = problem.errors ?? [];
  } catch {
    // not JSON: keep the status text
  }
  if (res.status === 401 && csrfToken && !url.startsWith('/api/v1/auth/')) onUnauthorized?.();
  const retry = Number(res.headers.get('retry-after'));
  return new ApiError(res.status, detail, errors, Number.isFinite(retry) && retry > 0 ? retry : null);
}
