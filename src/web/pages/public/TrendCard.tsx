import { useMemo, type ReactNode } from 'react';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import type { Definition, KoladaValue } from './data';
import { shown, title } from './format';
import { BASE, StatusSymbol } from './layout';
import type { Series, Trend } from './profile';
import { TrendChart } from './TrendChart';

function Value({ v }: { v: KoladaValue | undefined }) {
  const i18n = useI18n();
  if (!v) return <span className="muted">–</span>;
  return v.value === null ? <StatusSymbol status={v.status} /> : <>{shown(i18n, v.value)}</>;
}

/** One indicator: a small line chart and the same values in a table. */
export function TrendCard({
  trend,
  series,
  name,
}: {
  trend: Trend;
  series: readonly Series[];
  name: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const indicator = title(i18n, trend.def);
  const chartSeries = useMemo(
    () =>
      series.map((s, si) => ({
        key: s.key,
        name: s.name,
        values: trend.values[si]?.map((v) => v?.value ?? null) ?? [],
      })),
    [series, trend],
  );
  return (
    <article className="pub-card" data-kpi={trend.def.id}>
      <h3>
        <Link href={`${BASE}/${trend.def.id}`}>{indicator}</Link>
      </h3>
      <TrendChart
        years={trend.years}
        series={chartSeries}
        label={t('pub.profile.trendLabel', { indicator, name })}
      />
      <div className="table-wrap">
        <table className="data-table pub-compact">
          <caption className="visually-hidden">{t('pub.profile.table', { indicator, name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pub.col.year')}</th>
              {series.map((s) => (
                <th key={s.key} scope="col" className="num">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {trend.years.map((y, yi) => (
              <tr key={y}>
                <th scope="row">{y}</th>
                {series.map((s, si) => (
                  <td key={s.key} className="num">
                    <Value v={trend.values[si]?.[yi]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

/** The latest year of every indicator, one row each, with the comparison band. */
export function SummaryTable({
  caption,
  rows,
  seriesFor,
  band,
}: {
  caption: string;
  rows: ReadonlyArray<{ trend: Trend; year: number; values: Array<KoladaValue | undefined> }>;
  seriesFor: (def: Definition) => readonly Series[];
  band: (def: Definition) => ReactNode;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const first = rows[0];
  if (!first) return null;
  // Column heads from the fullest series list (groups may be missing for some areas).
  const heads = rows.map((r) => seriesFor(r.trend.def)).reduce((a, b) => (b.length > a.length ? b : a));
  return (
    <div className="table-wrap">
      <table className="data-table pub-summary">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pub.col.indicator')}</th>
            <th scope="col">{t('pub.col.year')}</th>
            <th scope="col" className="num">
              {heads[0]?.name}
            </th>
            <th scope="col">{t('pub.col.band')}</th>
            {heads.slice(1).map((h) => (
              <th key={h.key} scope="col" className="num">
                {h.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const series = seriesFor(r.trend.def);
            const at = (key: Series['key']) => {
              const i = series.findIndex((s) => s.key === key);
              return i < 0 ? undefined : r.values[i];
            };
            return (
              <tr key={r.trend.def.id} data-kpi={r.trend.def.id}>
                <th scope="row">
                  <Link href={`${BASE}/${r.trend.def.id}?ar=${r.year}`}>{title(i18n, r.trend.def)}</Link>
                </th>
                <td>{r.year}</td>
                <td className="num">
                  <Value v={r.values[0]} />
                </td>
                <td>{band(r.trend.def)}</td>
                {heads.slice(1).map((h) => (
                  <td key={h.key} className="num">
                    <Value v={at(h.key)} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
