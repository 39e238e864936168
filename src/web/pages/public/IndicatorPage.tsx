import { useCallback, useMemo } from 'react';
import { shownYear } from '../../../contracts/public-pages';
import { WhatWorks } from '../library/WhatWorks';
import { useI18n } from '../../i18n/I18n';
import { useRouter } from '../../router';
import { useLoad } from '../../useApi';
import {
  definitions,
  intervals,
  NATION,
  places,
  seriesData,
  yearData,
  yearsOf,
  type Definition,
  type Sex,
} from './data';
import { DownloadButtons } from './DownloadButtons';
import { bandColour, bandKey, dateText, interval, sexLabel, shown, targetText, title } from './format';
import {
  BandLegend,
  BASE,
  Crumbs,
  Failed,
  Loading,
  PrintButton,
  PublicFooter,
  StatusNotes,
  usePageTitle,
} from './layout';
import { bandCounts, rankingExport, rankMunicipalities } from './ranking';
import { RankingTable } from './RankingTable';
import { SexChoice, sexShown, useQueryState, YearSelect } from './Selectors';
import { SwedenMap } from './SwedenMap';

/** /jamforelser/:kpi — every municipality ranked for one year, on a map and in a table. */
export function IndicatorPage({ kpi }: { kpi: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const q = useQueryState();
  const base = useLoad(`indicator:${kpi}`, async () => {
    const [defs, nation, placeList] = await Promise.all([
      definitions(),
      seriesData([kpi], [NATION]),
      places(),
    ]);
    return { def: defs.find((d) => d.id === kpi) ?? null, years: yearsOf(nation), places: placeList };
  });
  const def = base.state === 'ready' ? base.data.def : null;
  usePageTitle(def ? title(i18n, def) : null);

  if (base.state === 'loading') return <Loading />;
  if (base.state === 'error') return <Failed message={base.message} />;
  if (!def) {
    return (
      <section>
        <Crumbs items={[{ label: kpi }]} />
        <h1>{t('pub.notFound', { what: kpi })}</h1>
      </section>
    );
  }
  const { years } = base.data;
  const year = shownYear(years, q.get('ar'));
  const sex = sexShown(def, q.get('kon'));
  return (
    <section className="pub-page">
      <Crumbs items={[{ label: title(i18n, def) }]} />
      <h1>{title(i18n, def)}</h1>
      <p className="lead">{def.description[i18n.lang]}</p>
      <p className="muted">
        {t('pub.classification', {
          quality: t(`pub.quality.${def.qualityArea}`),
          type: t(`pub.type.${def.type}`),
        })}{' '}
        {t(`pub.direction.${def.direction}`)}
      </p>
      {year === undefined ? (
        <p>{t('pub.notPublished')}</p>
      ) : (
        <>
          <form className="filters no-print" onSubmit={(e) => e.preventDefault()}>
            <YearSelect years={years} value={year} onChange={(y) => q.set({ ar: String(y) })} />
            <SexChoice def={def} value={sex} onChange={(s) => q.set({ kon: s === 'T' ? null : s })} />
            <div className="pub-filter-actions">
              <PrintButton />
            </div>
          </form>
          <YearView def={def} year={year} sex={sex} places={base.data.places} />
        </>
      )}
      <WhatWorks kpi={def.id} />
      <PublicFooter />
    </section>
  );
}

function YearView({
  def,
  year,
  sex,
  places: placeList,
}: {
  def: Definition;
  year: number;
  sex: Sex;
  places: Awaited<ReturnType<typeof places>>;
}) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const { navigate } = useRouter();
  const data = useLoad(
    `indicator:${def.id}:${year}`,
    async () => {
      const [items, iv] = await Promise.all([yearData(def.id, year), intervals(def.id, year)]);
      return { items, intervals: iv };
    },
    { keepData: true },
  );
  const rows = useMemo(
    () =>
      data.state === 'ready'
        ? rankMunicipalities(placeList, data.data.items, data.data.intervals.values, sex, def.direction)
        : [],
    [data, placeList, sex, def.direction],
  );
  const areas = useMemo(
    () =>
      rows.map((r) => ({
        code: r.code,
        name: r.name,
        colour: bandColour(r.band, def.direction),
        text: `${r.value === null ? shown(i18n, null, r.status) : t('pub.percent', { value: shown(i18n, r.value) })} – ${t(bandKey(r.band, def.direction))}`,
      })),
    [rows, i18n, t, def.direction],
  );
  const open = useCallback((code: string) => navigate(`${BASE}/kommun/${code}`), [navigate]);

  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error') return <Failed message={data.message} />;
  const nationItem = data.data.items
    .find((i) => i.municipality === NATION)
    ?.values.find((v) => v.gender === sex);
  const nationDetail = data.data.intervals.values.find((v) => v.municipality === NATION && v.gender === sex);
  const nation = {
    value: nationItem?.value ?? null,
    status: nationItem?.status ?? '.',
    lower: nationDetail?.lower ?? null,
    upper: nationDetail?.upper ?? null,
    numerator: nationDetail?.numerator ?? null,
    denominator: nationDetail?.denominator ?? null,
  };
  const references = [{ code: NATION, label: t('pub.nation'), row: nation }];
  const counts = bandCounts(rows);
  const withValue = rows.filter((r) => r.value !== null).length;
  const target = targetText(i18n, def);
  const caption = t('pub.ranking.caption', { indicator: title(i18n, def), year, sex: sexLabel(i18n, sex) });
  const statuses = [
    ...(nation.value === null ? [nation.status] : []),
    ...rows.filter((r) => r.value === null).map((r) => r.status),
  ];
  const notes = [
    t('pub.source'),
    t('pub.version', { version: def.version, date: dateText(data.data.intervals.published_at) }),
    t('pub.status.suppressed'),
    t('pub.status.notStated'),
  ];
  return (
    <>
      <section className="pub-key" aria-labelledby="pub-key-title">
        <h2 id="pub-key-title" className="visually-hidden">
          {t('pub.keyFigures')}
        </h2>
        <dl className="pub-figures">
          <div>
            <dt>
              {t('pub.nationValue')} {year}
            </dt>
            <dd data-testid="nation-value">
              {nation.value === null
                ? shown(i18n, null, nation.status)
                : t('pub.percent', { value: shown(i18n, nation.value) })}
              {nation.lower !== null && (
                <span className="pub-ci">
                  {' '}
                  ({t('pub.col.ci')}: {interval(i18n, nation.lower, nation.upper)})
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('pub.target')}</dt>
            <dd>{target ?? t('pub.noTarget')}</dd>
            {def.target && (
              <dd className="muted pub-small">{t('pub.targetSource', { source: def.target.source })}</dd>
            )}
          </div>
          <div>
            <dt>{t('pub.municipalitiesWithValue')}</dt>
            <dd>{t('pub.ofAll', { count: formatNumber(withValue), total: formatNumber(rows.length) })}</dd>
          </div>
        </dl>
        <p className="muted pub-small">
          {t('pub.version', { version: def.version, date: dateText(data.data.intervals.published_at) })}
        </p>
      </section>
      <div className="pub-map-layout">
        <div>
          <h2>{t('pub.map.title')}</h2>
          <SwedenMap areas={areas} label={`${caption}. ${t('pub.map.label')}`} onSelect={open} />
          <BandLegend direction={def.direction} counts={counts} />
        </div>
        <div>
          <h2>{t('pub.ranking')}</h2>
          <DownloadButtons
            label={caption}
            table={() =>
              rankingExport(
                i18n,
                rows,
                {
                  name: `${def.id}-${year}-${sex}`,
                  title: title(i18n, def),
                  year,
                  sex,
                  direction: def.direction,
                  notes,
                },
                references,
              )
            }
          />
          <StatusNotes statuses={statuses} />
          <RankingTable rows={rows} caption={caption} direction={def.direction} extraRows={references} />
          <p className="muted pub-small">{t('pub.ciExplain')}</p>
        </div>
      </div>
    </>
  );
}
