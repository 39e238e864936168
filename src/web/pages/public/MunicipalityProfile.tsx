import { useMemo } from 'react';
import { profileIds, similarGroups } from '../../../contracts/public-pages';
import { bandValues, type Band } from '../../../domain/opendata/bands';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { useLoad } from '../../useApi';
import {
  AREAS,
  definitions,
  municipality,
  NATION,
  seriesData,
  unitsOf,
  yearData,
  type Definition,
} from './data';
import { DownloadButtons } from './DownloadButtons';
import { BandText, BASE, Crumbs, Failed, Loading, PrintButton, PublicFooter, usePageTitle } from './layout';
import { latestRows, trends, trendsExport, type Series } from './profile';
import { SeriesLegend } from './TrendChart';
import { SummaryTable, TrendCard } from './TrendCard';

/** A municipality's Kolada id: four digits, never "00…" (nation and regions). */
const isMunicipality = (id: string | undefined) =>
  id !== undefined && /^\d{4}$/.test(id) && !id.startsWith('00');

const groupName = (title: string) => title.replace(/\s*\(ovägt medel\)\s*$/, '');

/** /jamforelser/kommun/:code — every indicator against the nation and comparable groups. */
export function MunicipalityProfile({ code }: { code: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const data = useLoad(`profile:${code}`, async () => {
    const [org, defs] = await Promise.all([municipality(code), definitions()]);
    const similar = similarGroups(org.groups);
    const items = await seriesData(
      defs.map((d) => d.id),
      profileIds(code, org),
    );
    return { org, defs, similar, items };
  });
  const name = data.state === 'ready' ? data.data.org.municipality.name : null;
  usePageTitle(name ?? code);

  const model = useMemo(() => {
    if (data.state !== 'ready') return null;
    const { org, defs, similar, items } = data.data;
    const skr = org.municipality.skrGroup;
    const seriesFor = (def: Definition): Series[] => {
      const sim = similar.get(def.operatingArea);
      return [
        { key: 'municipality', id: code, name: org.municipality.name },
        { key: 'nation', id: NATION, name: t('pub.nation') },
        ...(skr ? [{ key: 'skr' as const, id: skr.id, name: t('pub.profile.series.skr') }] : []),
        ...(sim ? [{ key: 'similar' as const, id: sim.id, name: t('pub.profile.series.similar') }] : []),
      ];
    };
    const list = trends(defs, items, seriesFor);
    return { seriesFor, list, latest: latestRows(list) };
  }, [data, code, t]);

  // Rank and band need every municipality's value of the latest year: loaded after the page shows.
  const bandsKey = model
    ? `profile-bands:${code}:${model.latest.map((r) => `${r.trend.def.id}${r.year}`).join()}`
    : null;
  const bands = useLoad(bandsKey, async () => {
    const out = new Map<string, { rank: number | null; band: Band; of: number }>();
    await Promise.all(
      (model?.latest ?? []).map(async ({ trend, year }) => {
        const items = (await yearData(trend.def.id, year)).filter((i) => isMunicipality(i.municipality));
        const ranked = bandValues(
          items.map((i) => ({
            id: i.municipality ?? '',
            value: i.values.find((v) => v.gender === 'T')?.value ?? null,
          })),
          trend.def.direction,
        );
        const mine = ranked.find((r) => r.id === code);
        out.set(trend.def.id, {
          rank: mine?.rank ?? null,
          band: mine?.band ?? 'missing',
          of: ranked.filter((r) => r.value !== null).length,
        });
      }),
    );
    return out;
  });

  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error')
    return (
      <section>
        <Crumbs items={[{ label: code }]} />
        <h1>{t('pub.notFound', { what: code })}</h1>
        <Failed message={data.message} />
      </section>
    );
  if (!model) return null;
  const { org, similar } = data.data;
  const m = org.municipality;
  const legend = model.latest[0] ? model.seriesFor(model.latest[0].trend.def) : [];
  const notes = [
    t('pub.source'),
    t('pub.profile.groupMean'),
    t('pub.status.suppressed'),
    t('pub.status.notStated'),
  ];
  return (
    <section className="pub-page">
      <Crumbs items={[{ href: `${BASE}/region/${m.regionCode}`, label: m.regionName }, { label: m.name }]} />
      <h1>{m.name}</h1>
      <p className="lead">{t('pub.profile.intro', { name: m.name })}</p>
      <dl className="pub-facts">
        <div>
          <dt>{t('pub.profile.region')}</dt>
          <dd>
            <Link href={`${BASE}/region/${m.regionCode}`}>{m.regionName}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('pub.profile.skr')}</dt>
          <dd>{m.skrGroup ? `${m.skrGroup.code} ${groupName(m.skrGroup.title)}` : '–'}</dd>
        </div>
        <div>
          <dt>{t('pub.profile.similar')}</dt>
          {similar.size === 0 && <dd>{t('pub.profile.similarNone')}</dd>}
          {AREAS.filter((a) => similar.has(a) && model.list.some((tr) => tr.def.operatingArea === a)).map(
            (a) => (
              <dd key={a}>
                {t('pub.profile.similarTitle', {
                  area: t(`org.area.${a}`),
                  year: similar.get(a)?.referenceYear ?? '',
                })}
              </dd>
            ),
          )}
        </div>
      </dl>
      <p className="muted pub-small">{t('pub.profile.groupMean')}</p>
      <div className="no-print">
        <PrintButton />
      </div>
      {model.list.length === 0 ? (
        <p>{t('pub.profile.noValues')}</p>
      ) : (
        <>
          <h2>{t('pub.profile.summary')}</h2>
          <SeriesLegend names={legend} />
          <DownloadButtons
            label={t('pub.profile.summaryCaption', { name: m.name })}
            table={() => trendsExport(i18n, `kommun-${code}`, model.list, model.seriesFor, notes)}
          />
          <SummaryTable
            caption={t('pub.profile.summaryCaption', { name: m.name })}
            rows={model.latest}
            seriesFor={model.seriesFor}
            band={(def) => {
              const b = bands.state === 'ready' ? bands.data.get(def.id) : undefined;
              return b ? (
                <>
                  <BandText band={b.band} direction={def.direction} />
                  {b.rank !== null && (
                    <span className="muted pub-small">
                      {' '}
                      {t('pub.profile.rank', { rank: b.rank, count: b.of })}
                    </span>
                  )}
                </>
              ) : null;
            }}
          />
          {AREAS.map((area) => {
            const list = model.list.filter((tr) => tr.def.operatingArea === area);
            if (list.length === 0) return null;
            return (
              <section key={area} aria-labelledby={`profile-${area}`}>
                <h2 id={`profile-${area}`}>{t(`org.area.${area}`)}</h2>
                <div className="pub-cards">
                  {list.map((tr) => (
                    <TrendCard key={tr.def.id} trend={tr} series={model.seriesFor(tr.def)} name={m.name} />
                  ))}
                </div>
              </section>
            );
          })}
        </>
      )}
      <Units code={code} name={m.name} />
      <PublicFooter />
    </section>
  );
}

function Units({ code, name }: { code: string; name: string }) {
  const { t } = useI18n();
  const units = useLoad(`units:${code}`, () => unitsOf(code));
  return (
    <section aria-labelledby="profile-units">
      <h2 id="profile-units">{t('pub.profile.units', { name })}</h2>
      {units.state === 'ready' && units.data.length === 0 && <p>{t('pub.profile.unitsNone')}</p>}
      {units.state === 'ready' && units.data.length > 0 && (
        <ul className="pub-units">
          {units.data.map((u) => (
            <li key={u.id}>
              <Link href={`${BASE}/enhet/${encodeURIComponent(u.id)}`}>{u.title}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
