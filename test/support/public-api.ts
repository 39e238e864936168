/**
 * What the public open-comparison pages should show, read here from the same public APIs the
 * pages read (Kolada v3, /api/v1/org) and ranked by the published rule, independently of the
 * web app's code, so a browser test can compare the page with it.
 */
export type Direction = 'higher' | 'lower' | 'none';
export type Band = 'best' | 'middle' | 'worst' | 'top' | 'bottom' | 'missing';
export type Sex = 'T' | 'K' | 'M';

export interface KoladaValue {
  gender: Sex;
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

export interface KoladaPlace {
  id: string;
  title: string;
  type: 'K' | 'L';
}

export async function getJson<T>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every item of a Kolada list, following next_url. */
export async function koladaAll<T>(base: string, path: string): Promise<T[]> {
  const out: T[] = [];
  let next: string | null = `/api/kolada/v3/${path}`;
  while (next) {
    const page: { values: T[]; next_url: string | null } = await getJson(base, next);
    out.push(...page.values);
    next = page.next_url ? new URL(page.next_url).pathname + new URL(page.next_url).search : null;
  }
  return out;
}

/** The value of one Kolada id (municipality, region, group, unit) in a list of items. */
export function valueIn(items: readonly KoladaItem[], id: string, period: number, sex: Sex = 'T') {
  return items
    .find((i) => (i.municipality ?? i.ou) === id && i.period === period)
    ?.values.find((v) => v.gender === sex);
}

/** A municipality's Kolada id: four digits, never "00…" (nation and regions). */
export const isMunicipality = (id: string | undefined): id is string =>
  id !== undefined && /^\d{4}$/.test(id) && !id.startsWith('00');

/** A value as the Swedish pages show it: one decimal, decimal comma. */
export const sv = (v: number) => v.toFixed(1).replace('.', ',');

export interface ExpectedRow {
  code: string;
  name: string;
  value: number | null;
  status: string;
  rank: number | null;
  band: Band;
}

/**
 * Kolada's colouring: with n municipalities that have a value, the best quarter (competition
 * rank from the better end ≤ n/4) green, the worst quarter red, the middle half yellow, no value
 * grey; a value in both quarters (ties) is in the middle. The direction says which end is better;
 * without one the bands are top/bottom by size. Sorted as the ranking shows them: rank, name, code.
 */
export async function expectedRanking(
  base: string,
  kpi: string,
  year: number,
  direction: Direction,
  sex: Sex = 'T',
): Promise<{ rows: ExpectedRow[]; nation: KoladaValue | undefined }> {
  const [items, places] = await Promise.all([
    koladaAll<KoladaItem>(base, `data/kpi/${kpi}/year/${year}`),
    koladaAll<KoladaPlace>(base, 'municipality'),
  ]);
  const valueOf = (id: string) => valueIn(items, id, year, sex);
  const municipalities = places.filter((p) => p.type === 'K');
  const values = municipalities.flatMap((m) => {
    const v = valueOf(m.id)?.value;
    return v === null || v === undefined ? [] : [v];
  });
  const quarter = values.length / 4;
  const better = (a: number, b: number) => (direction === 'lower' ? a < b : a > b);
  const rows = municipalities.map((m): ExpectedRow => {
    const v = valueOf(m.id);
    const value = v?.value ?? null;
    const base = { code: m.id, name: m.title, value, status: v?.status ?? '.' };
    if (value === null) return { ...base, rank: null, band: 'missing' };
    const rank = values.filter((x) => better(x, value)).length + 1;
    const fromWorst = values.filter((x) => better(value, x)).length + 1;
    const inBest = rank <= quarter;
    const inWorst = fromWorst <= quarter;
    let band: Band = 'middle';
    if (inBest !== inWorst)
      band = direction === 'none' ? (inBest ? 'top' : 'bottom') : inBest ? 'best' : 'worst';
    return { ...base, rank, band };
  });
  rows.sort(
    (a, b) =>
      (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
      a.name.localeCompare(b.name, 'sv') ||
      (a.code < b.code ? -1 : 1),
  );
  return { rows, nation: valueOf('0000') };
}

export function countBands(rows: ReadonlyArray<{ band: Band }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.band] = (out[r.band] ?? 0) + 1;
  return out;
}

/** The band colours of a directed indicator (Kolada's green, yellow, red, grey). */
export const BAND_HEX: Readonly<Record<'best' | 'middle' | 'worst' | 'missing', string>> = {
  best: '#2e8540',
  middle: '#f2c744',
  worst: '#c8312b',
  missing: '#c4c8cc',
};

export const bandHex = (band: string) => BAND_HEX[band as keyof typeof BAND_HEX];

/** "#2e8540" → "rgb(46, 133, 64)", as getComputedStyle reports a colour. */
export function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

export interface MunicipalityGroups {
  name: string;
  skrGroupId: string | null;
  /** The latest similar-municipality group for elderly care ("äldreomsorg"), if any. */
  similarElderlyCareId: string | null;
}

export async function municipalityGroups(base: string, code: string): Promise<MunicipalityGroups> {
  const org = await getJson<{
    municipality: { name: string; skrGroup: { id: string } | null };
    groups: Array<{ id: string; kind: string; operatingArea: string | null; referenceYear: number | null }>;
  }>(base, `/api/v1/org/municipalities/${code}`);
  const similar = org.groups
    .filter((g) => g.kind === 'similar' && g.operatingArea === 'äldreomsorg')
    .sort((a, b) => (b.referenceYear ?? 0) - (a.referenceYear ?? 0))[0];
  return {
    name: org.municipality.name,
    skrGroupId: org.municipality.skrGroup?.id ?? null,
    similarElderlyCareId: similar?.id ?? null,
  };
}

/** The band in words, as the Swedish pages write it beside the colour. */
export const BAND_TEXT: Readonly<Record<string, string>> = {
  best: 'Grön: bästa fjärdedelen',
  middle: 'Gul: mittersta hälften',
  worst: 'Röd: sämsta fjärdedelen',
  missing: 'Grå: värde saknas',
};

/** A value cell's text: the number Swedish style, or the symbol with its meaning for screen readers. */
export function shown(v: Pick<KoladaValue, 'value' | 'status'> | undefined): string {
  if (!v) return '–';
  if (v.value !== null) return sv(v.value);
  return v.status === '..' ? '.. (Röjandeskydd)' : '. (Kan inte anges)';
}

/** An expected ranking row as the ranking table should show it (see ShownRow in public-page.ts). */
export const asShown = (r: ExpectedRow) => ({
  code: r.code,
  rank: r.rank === null ? '' : String(r.rank),
  name: r.name,
  value: shown(r),
  band: r.band,
  bandText: BAND_TEXT[r.band] ?? r.band,
  swatch: rgb(bandHex(r.band)),
});

/** The indicator definitions by id: direction and English title. */
export async function definitions(base: string): Promise<Map<string, { direction: Direction; en: string }>> {
  const { indicators } = await getJson<{
    indicators: Array<{ id: string; direction: Direction; title: { en: string } }>;
  }>(base, '/api/v1/indicators');
  return new Map(indicators.map((d) => [d.id, { direction: d.direction, en: d.title.en }]));
}

/**
 * The comparison series of a municipality profile for one indicator, every year: the
 * municipality, the nation, its SKR group and its latest similar group for elderly care.
 */
export async function profileSeries(base: string, code: string, kpi: string) {
  const g = await municipalityGroups(base, code);
  if (!g.skrGroupId || !g.similarElderlyCareId) throw new Error(`${code} lacks an SKR or similar group`);
  const ids = [code, '0000', g.skrGroupId, g.similarElderlyCareId];
  const items = await koladaAll<KoladaItem>(base, `data/kpi/${kpi}/municipality/${ids.join(',')}`);
  return { name: g.name, ids, items };
}

/** The first unit (by code) with a published value of the indicator and year, and its values. */
export async function unitWithValue(base: string, kpi: string, year: number) {
  const units = await koladaAll<KoladaItem>(base, `oudata/kpi/${kpi}/year/${year}`);
  const ou = units
    .flatMap((i) => (i.ou && typeof valueIn([i], i.ou, year)?.value === 'number' ? [i.ou] : []))
    .sort()[0];
  if (!ou) throw new Error(`no unit has a published value of ${kpi} ${year}`);
  const [unit] = await koladaAll<{ municipality: string; title: string }>(base, `ou/${ou}`);
  if (!unit) throw new Error(`no unit ${ou}`);
  const around = await koladaAll<KoladaItem>(
    base,
    `data/kpi/${kpi}/municipality/${unit.municipality},0000/year/${year}`,
  );
  return { ou, ...unit, items: [...units, ...around] };
}
