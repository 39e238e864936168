/**
 * The public open-comparison pages (/jamforelser…) and the addresses of the data they read first,
 * declared once: the web app parses its path and fetches these URLs, and the server names the
 * same URLs in the page's HTML (`<link rel="preload">`) so the browser fetches them beside the
 * scripts instead of after them. A URL that differs by one character is fetched twice.
 */
import { KOLADA_NATION } from '../domain/opendata/codes.js';
import { OPERATING_AREAS, type OperatingArea } from '../domain/org/codes.js';
import type { Group, MunicipalityDetail } from './org.js';

export const PUBLIC_PAGES_BASE = '/jamforelser';
export const KOLADA_V3 = '/api/kolada/v3';

export type PublicRoute =
  | { kind: 'list' }
  | { kind: 'indicator'; kpi: string }
  | { kind: 'municipality'; code: string }
  | { kind: 'region'; code: string }
  | { kind: 'unit'; ou: string };

/** The route of a path under /jamforelser, or null when no public page has it. */
export function publicRoute(path: string): PublicRoute | null {
  if (path !== PUBLIC_PAGES_BASE && !path.startsWith(`${PUBLIC_PAGES_BASE}/`)) return null;
  const rest = path.slice(PUBLIC_PAGES_BASE.length).replace(/^\/+|\/+$/g, '');
  let parts: string[];
  try {
    parts = rest === '' ? [] : rest.split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
  const [first, second] = parts;
  if (parts.length === 0) return { kind: 'list' };
  if (parts.length === 1 && first && /^[A-Z][0-9]{5}$/.test(first)) return { kind: 'indicator', kpi: first };
  if (parts.length === 2 && first === 'kommun' && second && /^[0-9]{4}$/.test(second))
    return { kind: 'municipality', code: second };
  if (parts.length === 2 && first === 'region' && second && /^[0-9]{2}$/.test(second))
    return { kind: 'region', code: second };
  if (parts.length === 2 && first === 'enhet' && second) return { kind: 'unit', ou: second };
  return null;
}

/** The year a page shows: the asked one (`?ar`) when it has values, else the latest; undefined without any. */
export function shownYear(years: readonly number[], asked: string | null): number | undefined {
  const n = Number(asked);
  return years.includes(n) ? n : years[years.length - 1];
}

/** The addresses the public pages read (paths with query, same origin). */
export const publicUrls = {
  definitions: '/api/v1/indicators',
  regions: '/api/v1/org/regions',
  releases: '/api/public/releases',
  koladaKpis: `${KOLADA_V3}/kpi`,
  koladaPlaces: `${KOLADA_V3}/municipality`,
  municipality: (code: string) => `/api/v1/org/municipalities/${code}`,
  yearData: (kpi: string, year: number) => `${KOLADA_V3}/data/kpi/${kpi}/year/${year}`,
  series: (kpis: readonly string[], ids: readonly string[]) =>
    `${KOLADA_V3}/data/kpi/${kpis.join(',')}/municipality/${ids.join(',')}`,
  /** The pages that rank municipalities need no units' intervals. */
  intervals: (kpi: string, year: number) =>
    `/api/public/intervals/${kpi}/${year}?levels=nation,region,municipality`,
} as const;

/** Kolada allows at most 25 ids in a path segment. */
export function chunks<T>(list: readonly T[], size = 25): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The series of the given indicators for the given Kolada ids, as requests of at most 25 × 25. */
export function seriesUrls(kpis: readonly string[], ids: readonly string[]): string[] {
  return chunks(kpis).flatMap((k) => chunks(ids).map((m) => publicUrls.series(k, m)));
}

/** Kolada's similar-municipality areas that fit our operating areas. */
export const SIMILAR_AREA: Readonly<Record<OperatingArea, string>> = {
  elderly_care: 'äldreomsorg',
  disability: 'LSS',
  individual_family_care: 'IFO',
  health_care: 'socioekonomi',
  other: 'socioekonomi',
};

/** The latest similar-municipality group of each of our operating areas, where one exists. */
export function similarGroups(groups: readonly Group[]): Map<OperatingArea, Group> {
  const out = new Map<OperatingArea, Group>();
  for (const area of OPERATING_AREAS) {
    const candidates = groups
      .filter((g) => g.kind === 'similar' && g.operatingArea === SIMILAR_AREA[area])
      .sort((a, b) => (b.referenceYear ?? 0) - (a.referenceYear ?? 0));
    const best = candidates[0];
    if (best) out.set(area, best);
  }
  return out;
}

/** Whose series a municipality's profile shows: itself, the nation, its SKR group, its similar groups. */
export function profileIds(code: string, org: Pick<MunicipalityDetail, 'municipality' | 'groups'>): string[] {
  const skr = org.municipality.skrGroup;
  const similar = [...similarGroups(org.groups).values()].map((g) => g.id);
  return [...new Set([code, KOLADA_NATION, ...(skr ? [skr.id] : []), ...similar])];
}
