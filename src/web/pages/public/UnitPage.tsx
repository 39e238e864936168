import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18n';
import { useLoad } from '../../useApi';
import { AREAS, definitions, NATION, ouSeries, places, seriesData, unit, type Definition } from './data';
import { DownloadButtons } from './DownloadButtons';
import {
  BASE,
  Crumbs,
  Failed,
  Loading,
  PrintButton,
  PublicFooter,
  StatusNotes,
  usePageTitle,
} from './layout';
import { trends, trendsExport, type Series } from './profile';
import { SeriesLegend } from './TrendChart';
import { TrendCard } from './TrendCard';

/**
 * /jamforelser/enhet/:ou — one unit's published values by year against its municipality and
 * the nation, where the data allow (small units are mostly "..").
 */
export function UnitPage({ ou }: { ou: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const data = useLoad(`unit:${ou}`, async () => {
    const [u, defs, placeList] = await Promise.all([unit(ou), definitions(), places()]);
    if (!u) return null;
    const ids = defs.map((d) => d.id);
    const [own, around] = await Promise.all([ouSeries(ids, ou), seriesData(ids, [u.municipality, NATION])]);
    const municipalityName = placeList.find((p) => p.id === u.municipality)?.title ?? u.municipality;
    return { unit: u, municipalityName, defs, items: [...own, ...around] };
  });
  usePageTitle(data.state === 'ready' && data.data ? data.data.unit.title : ou);

  const model = useMemo(() => {
    if (data.state !== 'ready' || !data.data) return null;
    const { unit: u, municipalityName, defs, items } = data.data;
    const series: Series[] = [
      { key: 'municipality', id: u.id, name: u.title },
      { key: 'skr', id: u.municipality, name: municipalityName },
      { key: 'nation', id: NATION, name: t('pub.nation') },
    ];
    const withUnit = new Set(items.filter((i) => i.ou === u.id).map((i) => i.kpi));
    const list = trends(
      defs.filter((d) => withUnit.has(d.id)),
      items,
      () => series,
    );
    const statuses = items.flatMap((i) =>
      i.values.filter((v) => v.gender === 'T' && v.value === null).map((v) => v.status),
    );
    return { series, list, statuses };
  }, [data, t]);

  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error') return <Failed message={data.message} />;
  if (!data.data || !model)
    return (
      <section>
        <Crumbs items={[{ label: ou }]} />
        <h1>{t('pub.notFound', { what: ou })}</h1>
      </section>
    );
  const { unit: u, municipalityName } = data.data;
  const seriesFor = (_def: Definition) => model.series;
  return (
    <section className="pub-page">
      <Crumbs
        items={[{ href: `${BASE}/kommun/${u.municipality}`, label: municipalityName }, { label: u.title }]}
      />
      <h1>{u.title}</h1>
      <p className="lead">{t('pub.unit.intro', { municipality: municipalityName })}</p>
      <div className="no-print">
        <PrintButton />
      </div>
      {model.list.length === 0 ? (
        <p>{t('pub.profile.noValues')}</p>
      ) : (
        <>
          <SeriesLegend names={model.series} />
          <DownloadButtons
            label={t('pub.unit.caption', { name: u.title })}
            table={() =>
              trendsExport(i18n, `enhet-${u.id}`, model.list, seriesFor, [
                t('pub.source'),
                t('pub.status.suppressed'),
                t('pub.status.notStated'),
              ])
            }
          />
          <StatusNotes statuses={model.statuses} />
          {AREAS.map((area) => {
            const list = model.list.filter((tr) => tr.def.operatingArea === area);
            if (list.length === 0) return null;
            return (
              <section key={area} aria-labelledby={`unit-${area}`}>
                <h2 id={`unit-${area}`}>{t(`org.area.${area}`)}</h2>
                <div className="pub-cards">
                  {list.map((tr) => (
                    <TrendCard key={tr.def.id} trend={tr} series={model.series} name={u.title} />
                  ))}
                </div>
              </section>
            );
          })}
        </>
      )}
      <PublicFooter />
    </section>
  );
}
