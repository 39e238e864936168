import type { I18n } from '../../i18n/I18n';
import type { Definition, KoladaItem, KoladaValue, Sex } from './data';
import { title } from './format';
import type { SeriesKey } from './TrendChart';
import type { Cell, ExportTable } from './table-export';

/**
 * The comparison series of a profile (municipality, nation, SKR group, similar municipalities;
 * a unit page uses unit and municipality) and every indicator's values by year in each.
 */
export interface Series {
  key: SeriesKey;
  /** Kolada id: municipality code, "0000", a group id (G…) or a unit code. */
  id: string;
  name: string;
}

export interface Trend {
  def: Definition;
  years: number[];
  /** Per series (same order as `series`), per year (same order as `years`). */
  values: Array<Array<KoladaValue | undefined>>;
}

export function trends(
  defs: readonly Definition[],
  items: readonly KoladaItem[],
  seriesFor: (def: Definition) => readonly Series[],
  sex: Sex = 'T',
): Trend[] {
  const byKey = new Map<string, KoladaValue>();
  for (const i of items) {
    const v = i.values.find((x) => x.gender === sex);
    const id = i.municipality ?? i.ou ?? '';
    if (v) byKey.set(`${i.kpi}|${id}|${i.period}`, v);
  }
  return defs.flatMap((def) => {
    const series = seriesFor(def);
    const years = [...new Set(items.filter((i) => i.kpi === def.id).map((i) => i.period))].sort(
      (a, b) => a - b,
    );
    if (years.length === 0) return [];
    return [
      {
        def,
        years,
        values: series.map((s) => years.map((y) => byKey.get(`${def.id}|${s.id}|${y}`))),
      },
    ];
  });
}

/** The latest year's values of every trend, one row per indicator. */
export function latestRows(
  list: readonly Trend[],
): Array<{ trend: Trend; year: number; values: Array<KoladaValue | undefined> }> {
  return list.map((trend) => {
    const at = trend.years.length - 1;
    return { trend, year: trend.years[at] ?? 0, values: trend.values.map((s) => s[at]) };
  });
}

const cellOf = (v: KoladaValue | undefined): Cell => (v ? v.value : null);
const statusOf = (v: KoladaValue | undefined): string => (v && v.value === null ? v.status : v ? '' : '.');

/** Every value of every series by indicator and year, as one long table for download. */
export function trendsExport(
  i18n: I18n,
  name: string,
  list: readonly Trend[],
  seriesFor: (def: Definition) => readonly Series[],
  notes: string[],
): ExportTable {
  const { t } = i18n;
  const rows: Cell[][] = [];
  for (const tr of list) {
    const series = seriesFor(tr.def);
    tr.years.forEach((year, yi) => {
      series.forEach((s, si) => {
        const v = tr.values[si]?.[yi];
        rows.push([tr.def.id, title(i18n, tr.def), year, s.name, s.id, cellOf(v), statusOf(v)]);
      });
    });
  }
  return {
    name,
    header: [
      t('pub.col.code'),
      t('pub.col.indicator'),
      t('pub.col.year'),
      t('pub.col.series'),
      t('pub.col.seriesId'),
      t('pub.col.value'),
      t('pub.col.status'),
    ],
    rows,
    notes,
  };
}
