import { apiGet } from '../../api';
import type { Direction } from '../../../domain/opendata/bands';

/**
 * What the public pages read, all of it published values: the Kolada v3-compatible API
 * (/api/kolada/v3), the indicator definitions (/api/v1/indicators), the org register's public
 * reads and /api/public (intervals and SCB geometry).
 */
export type Sex = 'T' | 'K' | 'M';
export const SEXES: readonly Sex[] = ['T', 'K', 'M'];
export const NATION = '0000';
export const KOLADA = '/api/kolada/v3';

export type OperatingArea =
  'elderly_care' | 'disability' | 'individual_family_care' | 'health_care' | 'other';
export const AREAS: readonly OperatingArea[] = [
  'elderly_care',
  'disability',
  'individual_family_care',
  'health_care',
  'other',
];

export interface Definition {
  id: string;
  version: number;
  title: { sv: string; en: string };
  description: { sv: string; en: string };
  operatingArea: OperatingArea;
  qualityArea: 'knowledge_based' | 'safe' | 'person_centred' | 'efficient' | 'equitable' | 'accessible';
  type: 'structure' | 'process' | 'outcome';
  direction: Direction;
  target: { value: number; comparison: '>=' | '<='; source: string } | null;
  openComparisons: boolean;
}

export interface KoladaValue {
  gender: Sex;
  count: number;
  status: string;
  value: number | null;
}

export interface KoladaItem {
  kpi: string;
  municipality?: string;
  ou?: string;
  period: number;
  values: KoladaValue[];
}

export interface KoladaKpi {
  id: string;
  publ_period: string | null;
  publication_date: string | null;
}

export interface KoladaPlace {
  id: string;
  title: string;
  type: 'K' | 'L';
}

export interface KoladaOu {
  id: string;
  municipality: string;
  title: string;
}

interface Envelope<T> {
  count: number;
  values: T[];
  next_url: string | null;
}

export interface IntervalValue {
  municipality?: string;
  ou?: string;
  gender: Sex;
  status: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lower: number | null;
  upper: number | null;
}

export interface Intervals {
  kpi: string;
  period: number;
  version: number;
  published_at: string;
  values: IntervalValue[];
}

/** Every page of a Kolada list (the API pages at 5000; our lists are shorter, but be safe). */
async function koladaAll<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  let url: string | null = `${KOLADA}/${path}`;
  while (url) {
    const page: Envelope<T> = await apiGet<Envelope<T>>(url);
    out.push(...page.values);
    url = page.next_url ? new URL(page.next_url).pathname + new URL(page.next_url).search : null;
  }
  return out;
}

/** Kolada allows at most 25 ids in a path segment. */
export function chunks<T>(list: readonly T[], size = 25): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const memo = new Map<string, Promise<unknown>>();
/** Lists that do not change while a page is open: asked for once per page load. */
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    memo.set(key, p);
    p.catch(() => memo.delete(key));
  }
  return p;
}

/** The public indicators (openComparisons), in id order. */
export function definitions(): Promise<Definition[]> {
  return once('defs', async () => {
    const { indicators } = await apiGet<{ indicators: Definition[] }>('/api/v1/indicators');
    return indicators.filter((d) => d.openComparisons).sort((a, b) => (a.id < b.id ? -1 : 1));
  });
}

export function kpis(): Promise<KoladaKpi[]> {
  return once('kpis', () => koladaAll<KoladaKpi>('kpi'));
}

/**
 * The nation, regions (type L, "00" + county) and municipalities (type K). The Kolada API names
 * regions as Kolada does ("Region Stockholm"); our pages use the county names ("Stockholms län").
 */
export function places(): Promise<KoladaPlace[]> {
  return once('places', async () => {
    const [list, { regions }] = await Promise.all([
      koladaAll<KoladaPlace>('municipality'),
      apiGet<{ regions: Array<{ koladaId: string; name: string }> }>('/api/v1/org/regions'),
    ]);
    const county = new Map(regions.map((r) => [r.koladaId, r.name]));
    return list.map((p) => ({ ...p, title: county.get(p.id) ?? p.title }));
  });
}

export function yearData(kpi: string, year: number): Promise<KoladaItem[]> {
  return koladaAll<KoladaItem>(`data/kpi/${kpi}/year/${year}`);
}

/** Every year of the given indicators for the given Kolada ids (municipalities, regions, groups). */
export async function seriesData(kpiIds: readonly string[], ids: readonly string[]): Promise<KoladaItem[]> {
  const requests = chunks(kpiIds).flatMap((k) =>
    chunks(ids).map((m) => koladaAll<KoladaItem>(`data/kpi/${k.join(',')}/municipality/${m.join(',')}`)),
  );
  return (await Promise.all(requests)).flat();
}

export async function ouSeries(kpiIds: readonly string[], ou: string): Promise<KoladaItem[]> {
  const requests = chunks(kpiIds).map((k) => koladaAll<KoladaItem>(`oudata/kpi/${k.join(',')}/ou/${ou}`));
  return (await Promise.all(requests)).flat();
}

export function unitsOf(municipality: string): Promise<KoladaOu[]> {
  return koladaAll<KoladaOu>(`ou?municipality=${municipality}`);
}

export async function unit(ou: string): Promise<KoladaOu | null> {
  const list = await koladaAll<KoladaOu>(`ou/${encodeURIComponent(ou)}`);
  return list[0] ?? null;
}

/** The intervals of the nation, counties and municipalities (the pages that rank them need no units). */
export function intervals(kpi: string, year: number): Promise<Intervals> {
  return apiGet<Intervals>(`/api/public/intervals/${kpi}/${year}?levels=nation,region,municipality`);
}

export interface OrgGroup {
  id: string;
  title: string;
  kind: 'skr' | 'similar' | 'other';
  operatingArea: string | null;
  referenceMunicipalityCode: string | null;
  referenceYear: number | null;
  members: string[];
}

export interface OrgMunicipality {
  municipality: {
    code: string;
    name: string;
    regionCode: string;
    regionName: string;
    skrGroup: { id: string; code: string; title: string } | null;
  };
  groups: OrgGroup[];
}

export function municipality(code: string): Promise<OrgMunicipality> {
  return apiGet<OrgMunicipality>(`/api/v1/org/municipalities/${code}`);
}

/** The value of one id and gender in a list of Kolada items. */
export function valueOf(items: readonly KoladaItem[], id: string, sex: Sex): KoladaValue | undefined {
  const item = items.find((i) => i.municipality === id || i.ou === id);
  return item?.values.find((v) => v.gender === sex);
}

/** Years with published values, ascending, from a list of items. */
export function yearsOf(items: readonly KoladaItem[]): number[] {
  return [...new Set(items.map((i) => i.period))].sort((a, b) => a - b);
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
export function similarGroups(groups: readonly OrgGroup[]): Map<OperatingArea, OrgGroup> {
  const out = new Map<OperatingArea, OrgGroup>();
  for (const area of AREAS) {
    const candidates = groups
      .filter((g) => g.kind === 'similar' && g.operatingArea === SIMILAR_AREA[area])
      .sort((a, b) => (b.referenceYear ?? 0) - (a.referenceYear ?? 0));
    const best = candidates[0];
    if (best) out.set(area, best);
  }
  return out;
}
