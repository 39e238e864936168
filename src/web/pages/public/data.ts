import type { IndicatorList } from '../../../contracts/indicators';
import type {
  DataItem,
  Envelope,
  IntervalValue,
  Intervals,
  KoladaMunicipality,
  KoladaOu,
} from '../../../contracts/opendata';
import type { MunicipalityDetail } from '../../../contracts/org';
import type { IndicatorDefinition } from '../../../domain/indicators/definition';
import { KOLADA_NATION, SEXES, type Sex } from '../../../domain/opendata/codes';
import type { KoladaKpi, KoladaValue } from '../../../domain/opendata/kolada';
import { OPERATING_AREAS, type OperatingArea } from '../../../domain/org/codes';
import { chunks, KOLADA_V3, publicUrls, seriesUrls } from '../../../contracts/public-pages';
import { apiGet } from '../../api';

/**
 * What the public pages read, all of it published values: the Kolada v3-compatible API
 * (/api/kolada/v3), the indicator definitions (/api/v1/indicators), the org register's public
 * reads and /api/public (intervals and SCB geometry). The answers' shapes are the server's own
 * (src/contracts, src/domain); the short names below are the ones these pages use.
 */
export type { IntervalValue, Intervals, KoladaKpi, KoladaOu, KoladaValue, OperatingArea, Sex };
export type Definition = IndicatorDefinition;
export type KoladaItem = DataItem;
export type KoladaPlace = KoladaMunicipality;
export { SEXES };
export const NATION = KOLADA_NATION;
export const AREAS = OPERATING_AREAS;
export const KOLADA = KOLADA_V3;

/** Every page of a Kolada list at `first` (the API pages at 5000; our lists are shorter, but be safe). */
async function koladaAll<T>(first: string): Promise<T[]> {
  const out: T[] = [];
  let url: string | null = first;
  while (url) {
    const page: Envelope<T> = await apiGet<Envelope<T>>(url);
    out.push(...page.values);
    url = page.next_url ? new URL(page.next_url).pathname + new URL(page.next_url).search : null;
  }
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
    const { indicators } = await apiGet<IndicatorList>(publicUrls.definitions);
    return indicators.filter((d) => d.openComparisons).sort((a, b) => (a.id < b.id ? -1 : 1));
  });
}

export function kpis(): Promise<KoladaKpi[]> {
  return once('kpis', () => koladaAll<KoladaKpi>(publicUrls.koladaKpis));
}

/**
 * The nation, regions (type L, "00" + county) and municipalities (type K). The Kolada API names
 * regions as Kolada does ("Region Stockholm"); our pages use the county names ("Stockholms län").
 */
export function places(): Promise<KoladaPlace[]> {
  return once('places', async () => {
    const [list, { regions }] = await Promise.all([
      koladaAll<KoladaPlace>(publicUrls.koladaPlaces),
      apiGet<{ regions: Array<{ koladaId: string; name: string }> }>(publicUrls.regions),
    ]);
    const county = new Map(regions.map((r) => [r.koladaId, r.name]));
    return list.map((p) => ({ ...p, title: county.get(p.id) ?? p.title }));
  });
}

export function yearData(kpi: string, year: number): Promise<KoladaItem[]> {
  return koladaAll<KoladaItem>(publicUrls.yearData(kpi, year));
}

/** Every year of the given indicators for the given Kolada ids (municipalities, regions, groups). */
export async function seriesData(kpiIds: readonly string[], ids: readonly string[]): Promise<KoladaItem[]> {
  const requests = seriesUrls(kpiIds, ids).map((url) => koladaAll<KoladaItem>(url));
  return (await Promise.all(requests)).flat();
}

export async function ouSeries(kpiIds: readonly string[], ou: string): Promise<KoladaItem[]> {
  const requests = chunks(kpiIds).map((k) =>
    koladaAll<KoladaItem>(`${KOLADA}/oudata/kpi/${k.join(',')}/ou/${ou}`),
  );
  return (await Promise.all(requests)).flat();
}

export function unitsOf(municipality: string): Promise<KoladaOu[]> {
  return koladaAll<KoladaOu>(`${KOLADA}/ou?municipality=${municipality}`);
}

export async function unit(ou: string): Promise<KoladaOu | null> {
  const list = await koladaAll<KoladaOu>(`${KOLADA}/ou/${encodeURIComponent(ou)}`);
  return list[0] ?? null;
}

/** The intervals of the nation, counties and municipalities (the pages that rank them need no units). */
export function intervals(kpi: string, year: number): Promise<Intervals> {
  return apiGet<Intervals>(publicUrls.intervals(kpi, year));
}

export function municipality(code: string): Promise<MunicipalityDetail> {
  return apiGet<MunicipalityDetail>(publicUrls.municipality(code));
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

/** A release of the public values (GET /api/public/releases). */
export interface Release {
  version: string;
  made_at: string;
  kind: string;
  periods: string[];
  final_periods: string[];
}

export interface Releases {
  latest: Release | null;
  next_scheduled: string | null;
  cadence: string;
  method: { maxPerturbation: number; variance: number; suppressionThreshold: number };
}

export function releases(): Promise<Releases> {
  return once('releases', () => apiGet<Releases>(publicUrls.releases));
}
