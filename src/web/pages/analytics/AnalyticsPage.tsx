import { useEffect, useId, useState } from 'react';
import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { useLoad } from '../../useApi';
import type { AnalyticsAnswer, AnalyticsRowView, IndicatorList } from '../../../contracts/indicators';
import { stockholmTime, swedishToday } from '../registers/model';
import './analytics.css';

const LEVELS: readonly string[] = ['nation', 'region', 'municipality', 'unit'];

/**
 * /analys: for those who may read aggregates, the live values of their own area (exact, within a
 * second of a write) beside what the latest release shows the public of the same cells.
 */
export function AnalyticsPage() {
  const { t, lang, formatNumber } = useI18n();
  const ids = { indicator: useId(), period: useId() };
  const thisYear = Number(swedishToday().slice(0, 4));
  const years = [0, 1, 2, 3].map((n) => String(thisYear - n));
  const [indicator, setIndicator] = useState('');
  const [period, setPeriod] = useState(years[0] ?? '');
  useEffect(() => {
    document.title = `${t('an.title')} – ${t('app.name')}`;
  }, [t]);
  const list = useLoad('an-indicators', () => apiGet<IndicatorList>('/api/v1/indicators'));
  const indicators =
    list.state === 'ready' ? [...list.data.indicators].sort((a, b) => (a.id < b.id ? -1 : 1)) : [];
  const chosen = indicator || indicators[0]?.id || '';
  const answer = useLoad(chosen ? `an:${chosen}:${period}` : null, () =>
    apiGet<AnalyticsAnswer>('/api/v1/analytics', {
      dx: chosen,
      pe: period,
      ou: '0000;LEVEL-region;LEVEL-municipality;LEVEL-unit',
      sex: 'T',
    }),
  );
  const percent = (rate: number | null) => (rate === null ? '.' : `${formatNumber(rate * 100, 1)} %`);
  const live = (r: AnalyticsRowView) =>
    r.unsuppressed
      ? `${percent(r.unsuppressed.rate)} (${r.unsuppressed.numerator} / ${r.unsuppressed.denominator})`
      : '';
  const released = (r: AnalyticsRowView) => {
    const c = r.released;
    if (c === null) return t('an.released.none');
    if (c.status === 'absent') return t('an.released.absent');
    if (c.status === 'suppressed') return t('an.released.suppressed');
    return `${percent(c.rate)} (${c.numerator ?? '.'} / ${c.denominator ?? '.'})`;
  };
  // Only the rows the caller is entitled to in full: their own area.
  const own =
    answer.state === 'ready'
      ? answer.data.rows
          .filter((r) => r.unsuppressed)
          .sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level))
      : [];
  const title = indicators.find((d) => d.id === chosen)?.title[lang] ?? chosen;
  return (
    <section className="an-page">
      <h1>{t('an.title')}</h1>
      <p className="lead">{t('an.intro')}</p>
      <form className="an-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.indicator}>{t('an.indicator')}</label>
          <select id={ids.indicator} value={chosen} onChange={(e) => setIndicator(e.target.value)}>
            {indicators.map((d) => (
              <option key={d.id} value={d.id}>
                {d.id} {d.title[lang]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.period}>{t('an.period')}</label>
          <select id={ids.period} value={period} onChange={(e) => setPeriod(e.target.value)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </form>
      {answer.state === 'loading' && chosen && <p role="status">{t('common.loading')}</p>}
      {answer.state === 'error' && <p role="alert">{t('common.error', { message: answer.message })}</p>}
      {answer.state === 'ready' && (
        <>
          <p className="an-release">
            {answer.data.public_release
              ? t('an.release', {
                  version: answer.data.public_release.version,
                  date: stockholmTime(answer.data.public_release.made_at, lang),
                })
              : t('an.noRelease')}
          </p>
          {own.length === 0 ? (
            <p>{t('an.none')}</p>
          ) : (
            <table className="an-table">
              <caption>{t('an.caption', { indicator: title, period })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('an.col.area')}</th>
                  <th scope="col">{t('an.col.live')}</th>
                  <th scope="col">{t('an.col.released')}</th>
                </tr>
              </thead>
              <tbody>
                {own.map((r) => (
                  <tr key={`${r.level}|${r.code}`} data-level={r.level} data-code={r.code}>
                    <th scope="row">
                      {r.level === 'nation'
                        ? t('an.level.nation')
                        : `${r.name ?? r.code} (${t(`an.level.${r.level as 'region' | 'municipality' | 'unit'}`)})`}
                    </th>
                    <td>{live(r)}</td>
                    <td>{released(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="hint">{t('an.note')}</p>
        </>
      )}
    </section>
  );
}
