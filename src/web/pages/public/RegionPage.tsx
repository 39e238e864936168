import { useCallback, useId, useMemo } from 'react';
import { shownYear } from '../../../contracts/public-pages';
import { useI18n } from '../../i18n/I18n';
import { useRouter } from '../../router';
import { useLoad } from '../../useApi';
import {
  definitions,
  intervals,
  NATION,
  places,
  seriesData,
  valueOf,
  yearData,
  yearsOf,
  type Definition,
  type Sex,
} from './data';
import { DownloadButtons } from './DownloadButtons';
import { bandColour, bandKey, dateText, sexLabel, shown, title } from './format';
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

/** /jamforelser/region/:code — a county's municipalities, banded against the whole country. */
export function RegionPage({ code }: { code: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const q = useQueryState();
  const selectId = useId();
  const regionId = `00${code}`;
  const base = useLoad(`region:${code}`, async () => {
    const [defs, placeList] = await Promise.all([definitions(), places()]);
    return {
      defs,
      places: placeList,
      region: placeList.find((p) => p.id === regionId && p.type === 'L') ?? null,
    };
  });
  const region = base.state === 'ready' ? base.data.region : null;
  usePageTitle(region?.title ?? code);
  const asked = q.get('indikator');
  const def =
    base.state === 'ready' ? (base.data.defs.find((d) => d.id === asked) ?? base.data.defs[0] ?? null) : null;
  const series = useLoad(
    def ? `region:${code}:${def.id}` : null,
    () => seriesData(def ? [def.id] : [], [regionId, NATION]),
    {
      keepData: true,
    },
  );

  if (base.state === 'loading') return <Loading />;
  if (base.state === 'error') return <Failed message={base.message} />;
  if (!region || !def)
    return (
      <section>
        <Crumbs items={[{ label: code }]} />
        <h1>{t('pub.notFound', { what: code })}</h1>
      </section>
    );
  const years = series.state === 'ready' ? yearsOf(series.data) : [];
  const year = shownYear(years, q.get('ar'));
  const sex = sexShown(def, q.get('kon'));
  return (
    <section className="pub-page">
      <Crumbs items={[{ label: region.title }]} />
      <h1>{region.title}</h1>
      <p className="lead">{t('pub.region.intro', { name: region.title })}</p>
      <form className="filters no-print" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={selectId}>{t('pub.region.indicator')}</label>
          <select
            id={selectId}
            value={def.id}
            onChange={(e) => q.set({ indikator: e.target.value, ar: null })}
          >
            {base.data.defs.map((d) => (
              <option key={d.id} value={d.id}>
                {title(i18n, d)}
              </option>
            ))}
          </select>
        </div>
        {year !== undefined && (
          <YearSelect years={years} value={year} onChange={(y) => q.set({ ar: String(y) })} />
        )}
        <SexChoice def={def} value={sex} onChange={(s) => q.set({ kon: s === 'T' ? null : s })} />
        <div className="pub-filter-actions">
          <PrintButton />
        </div>
      </form>
      {series.state === 'loading' && <Loading />}
      {series.state === 'error' && <Failed message={series.message} />}
      {series.state === 'ready' && year === undefined && <p>{t('pub.notPublished')}</p>}
      {series.state === 'ready' && year !== undefined && (
        <RegionYear
          def={def}
          year={year}
          sex={sex}
          regionId={regionId}
          regionName={region.title}
          places={base.data.places}
        />
      )}
      <PublicFooter />
    </section>
  );
}

function RegionYear({
  def,
  year,
  sex,
  regionId,
  regionName,
  places: placeList,
}: {
  def: Definition;
  year: number;
  sex: Sex;
  regionId: string;
  regionName: string;
  places: Awaited<ReturnType<typeof places>>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { navigate } = useRouter();
  const county = regionId.slice(2);
  const data = useLoad(
    `region:${regionId}:${def.id}:${year}`,
    async () => {
      const [items, iv] = await Promise.all([yearData(def.id, year), intervals(def.id, year)]);
      return { items, intervals: iv };
    },
    { keepData: true },
  );
  const rows = useMemo(
    () =>
      data.state === 'ready'
        ? rankMunicipalities(
            placeList,
            data.data.items,
            data.data.intervals.values,
            sex,
            def.direction,
          ).filter((r) => r.code.startsWith(county))
        : [],
    [data, placeList, sex, def.direction, county],
  );
  const codes = useMemo(() => rows.map((r) => r.code), [rows]);
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
  const open = useCallback((c: string) => navigate(`${BASE}/kommun/${c}`), [navigate]);
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error') return <Failed message={data.message} />;
  const reference = (id: string) => {
    const v = valueOf(data.data.items, id, sex);
    const d = data.data.intervals.values.find((x) => x.municipality === id && x.gender === sex);
    return {
      value: v?.value ?? null,
      status: v?.status ?? '.',
      lower: d?.lower ?? null,
      upper: d?.upper ?? null,
      numerator: d?.numerator ?? null,
      denominator: d?.denominator ?? null,
    };
  };
  const extra = [
    { code: regionId, label: `${t('pub.region.value')} (${regionName})`, row: reference(regionId) },
    { code: NATION, label: t('pub.nation'), row: reference(NATION) },
  ];
  const caption = t('pub.region.caption', {
    indicator: title(i18n, def),
    year,
    sex: sexLabel(i18n, sex),
    name: regionName,
  });
  const statuses = [...extra.map((x) => x.row), ...rows].filter((r) => r.value === null).map((r) => r.status);
  return (
    <>
      <p className="muted pub-small">
        {t(`pub.direction.${def.direction}`)}{' '}
        {t('pub.version', { version: def.version, date: dateText(data.data.intervals.published_at) })}
      </p>
      <div className="pub-map-layout">
        <div>
          <SwedenMap
            areas={areas}
            only={codes}
            label={`${caption}. ${t('pub.map.regionLabel', { region: regionName })}`}
            onSelect={open}
          />
          <BandLegend direction={def.direction} counts={bandCounts(rows)} />
        </div>
        <div>
          <DownloadButtons
            label={caption}
            table={() =>
              rankingExport(
                i18n,
                rows,
                {
                  name: `${def.id}-${year}-${sex}-lan-${county}`,
                  title: `${title(i18n, def)}, ${regionName}`,
                  year,
                  sex,
                  direction: def.direction,
                  notes: [
                    t('pub.source'),
                    t('pub.bands.explain'),
                    t('pub.status.suppressed'),
                    t('pub.status.notStated'),
                  ],
                },
                extra,
              )
            }
          />
          <StatusNotes statuses={statuses} />
          <RankingTable rows={rows} caption={caption} direction={def.direction} extraRows={extra} />
        </div>
      </div>
    </>
  );
}
