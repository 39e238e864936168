import type { ReviewedEntry } from '../../../contracts/audit';

/** The filters, exactly as they travel in the page's and the API's query string. */
export interface AuditFilters {
  user: string;
  person: string;
  unit: string;
  from: string;
  to: string;
  action: string;
  flagged: boolean;
}

export const NO_FILTERS: AuditFilters = {
  user: '',
  person: '',
  unit: '',
  from: '',
  to: '',
  action: '',
  flagged: false,
};

export function filtersFromQuery(q: URLSearchParams): AuditFilters {
  return {
    user: q.get('user') ?? '',
    person: q.get('person') ?? '',
    unit: q.get('unit') ?? '',
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    action: q.get('action') ?? '',
    flagged: q.get('flagged') === 'true',
  };
}

/** Query parameters of the filters; empty ones are left out. */
export function filterParams(f: AuditFilters): Record<string, string | undefined> {
  return {
    user: f.user.trim() || undefined,
    person: f.person.trim() || undefined,
    unit: f.unit || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
    action: f.action || undefined,
    flagged: f.flagged ? 'true' : undefined,
  };
}

/** Who acted: the account, or for a failed login the username that was tried. */
export function actorOf(e: ReviewedEntry): string | null {
  if (e.actorUsername) return e.actorUsername;
  const tried = e.details['username'];
  return typeof tried === 'string' ? tried : null;
}
