import { bandValues, type Band, type Direction } from '../../../domain/opendata/bands';
import type { I18n } from '../../i18n/I18n';
import type { IntervalValue, KoladaItem, KoladaPlace, Sex } from './data';
import { bandKey, bySwedishName, sexLabel } from './format';
import type { Cell, ExportTable } from './table-export';

/**
 * One row per municipality for one indicator, year and sex: the published value and status
 * from the Kolada-compatible API, the interval and counts from /api/public/intervals, and the
 * rank and band computed against all municipalities.
 */
export interface RankRow {
  code: string;
  name: string;
  value: number | null;
  status: string;
  rank: number | null;
  band: Band;
  numerator: number | null;
  denominator: number | null;
  lower: number | null;
  upper: number | null;
}

export function rankMunicipalities(
  places: readonly KoladaPlace[],
  items: readonly KoladaItem[],
  intervals: readonly IntervalValue[],
  sex: Sex,
  direction: Direction,
): RankRow[] {
  const municipalities = places.filter((p) => p.type === 'K');
  const value = new Map(
    items.flatMap((i) => {
      const v = i.values.find((x) => x.gender === sex);
      return i.municipality && v ? [[i.municipality, v] as const] : [];
    }),
  );
  const detail = new Map(
    intervals.filter((v) => v.gender === sex && v.municipality).map((v) => [v.municipality ?? '', v]),
  );
  const banded = bandValues(
    municipalities.map((m) => ({ id: m.id, value: value.get(m.id)?.value ?? null })),
    direction,
  );
  const rows = municipalities.map((m, i): RankRow => {
    const v = value.get(m.id);
    const d = detail.get(m.id);
    const b = banded[i];
    return {
      code: m.id,
      name: m.title,
      value: v?.value ?? null,
      // A municipality missing from the table has no published value: "." (cannot be stated).
      status: v ? v.status : '.',
      rank: b?.rank ?? null,
      band: b?.band ?? 'missing',
      numerator: d?.numerator ?? null,
      denominator: d?.denominator ?? null,
      lower: d?.lower ?? null,
      upper: d?.upper ?? null,
    };
  });
  return rows.sort(
    (a, b) =>
      (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
      bySwedishName(a.name, b.name) ||
      (a.code < b.code ? -1 : 1),
  );
}

export function bandCounts(rows: readonly RankRow[]): Map<Band, number> {
  const out = new Map<Band, number>();
  for (const r of rows) out.set(r.band, (out.get(r.band) ?? 0) + 1);
  return out;
}

/** A reference row of a ranking (nation, county): shown above the municipalities, without rank or band. */
export interface ReferenceRow {
  /** Kolada id: "0000" for the nation, "00" + county for a region. */
  code: string;
  label: string;
  row: Pick<RankRow, 'value' | 'status' | 'lower' | 'upper' | 'numerator' | 'denominator'>;
}

/**
 * The ranking as a downloadable table, as the page shows it: the reference rows first (without
 * rank or band), then the municipalities; numbers as numbers and symbols in the status column.
 */
export function rankingExport(
  i18n: I18n,
  rows: readonly RankRow[],
  meta: { name: string; title: string; year: number; sex: Sex; direction: Direction; notes: string[] },
  references: readonly ReferenceRow[] = [],
): ExportTable {
  const { t } = i18n;
  return {
    name: meta.name,
    header: [
      t('pub.col.rank'),
      t('pub.col.code'),
      t('pub.col.municipality'),
      t('pub.col.value'),
      t('pub.col.lower'),
      t('pub.col.upper'),
      t('pub.col.numerator'),
      t('pub.col.denominator'),
      t('pub.col.status'),
      t('pub.col.band'),
    ],
    rows: [
      ...references.map(({ code, label, row: r }): Cell[] => [
        null,
        code,
        label,
        r.value,
        r.lower,
        r.upper,
        r.numerator,
        r.denominator,
        r.value === null ? r.status : '',
        null,
      ]),
      ...rows.map((r): Cell[] => [
        r.rank,
        r.code,
        r.name,
        r.value,
        r.lower,
        r.upper,
        r.numerator,
        r.denominator,
        r.value === null ? r.status : '',
        t(bandKey(r.band, meta.direction)),
      ]),
    ],
    notes: [`${meta.title}, ${meta.year}, ${sexLabel(i18n, meta.sex)}`, ...meta.notes],
  };
}
