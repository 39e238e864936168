/** Fetches JSON from our API; a problem+json answer becomes an ApiError carrying its fields. */
export interface ProblemField {
  field: string;
  rule: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: ProblemField[] = [],
  ) {
    super(message);
  }
}

export async function apiGet<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, v);
  const url = qs.size ? `${path}?${qs.toString()}` : path;
  return request<T>(url, { method: 'GET' });
}

export async function apiSend<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body: unknown,
): Promise<T> {
  return request<T>(path, {
    method,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

async function request<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...init.headers },
  });
  if (!res.ok) {
    let detail = res.statusText;
    let errors: ProblemField[] = [];
    try {
      const problem = (await res.json()) as { detail?: string; title?: string; errors?: ProblemField[] };
      detail = problem.detail ?? problem.title ?? detail;
      errors = problem.errors ?? [];
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(res.status, detail, errors);
  }
  return (await res.json()) as T;
}
