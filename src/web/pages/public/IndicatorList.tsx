import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18n';
import { Link, useRouter } from '../../router';
import { useLoad } from '../../useApi';
import { AREAS, definitions, kpis, places, type KoladaPlace } from './data';
import { bySwedishName, title } from './format';
import { BASE, Failed, Loading, PublicFooter, usePageTitle } from './layout';

/** /jamforelser — the public indicators grouped by operating area, and a way to a place. */
export function IndicatorList() {
  const i18n = useI18n();
  const { t, tn } = i18n;
  usePageTitle(t('pub.title'));
  const data = useLoad('public:list', async () => {
    const [defs, kpiList, placeList] = await Promise.all([definitions(), kpis(), places()]);
    return { defs, latest: new Map(kpiList.map((k) => [k.id, k.publ_period])), places: placeList };
  });
  return (
    <section className="pub-page">
      <h1>{t('pub.title')}</h1>
      <p className="lead">{t('pub.intro')}</p>
      {data.state === 'loading' && <Loading />}
      {data.state === 'error' && <Failed message={data.message} />}
      {data.state === 'ready' && (
        <div className="pub-list-layout">
          <div>
            {AREAS.map((area) => {
              const defs = data.data.defs.filter((d) => d.operatingArea === area);
              if (defs.length === 0) return null;
              return (
                <section key={area} className="pub-area" aria-labelledby={`area-${area}`}>
                  <h2 id={`area-${area}`}>
                    {t(`org.area.${area}`)}{' '}
                    <span className="muted pub-small">({tn('pub.indicatorCount', defs.length)})</span>
                  </h2>
                  <ul className="pub-indicators">
                    {defs.map((d) => {
                      const latest = data.data.latest.get(d.id) ?? null;
                      return (
                        <li key={d.id}>
                          <Link href={`${BASE}/${d.id}`}>{title(i18n, d)}</Link>{' '}
                          <span className="muted pub-small">
                            {d.id} · {latest ? t('pub.latestYear', { year: latest }) : t('pub.notPublished')}
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                </section>
              );
            })}
          </div>
          <aside aria-labelledby="pub-places" className="pub-places">
            <h2 id="pub-places">{t('pub.places')}</h2>
            <MunicipalityPicker places={data.data.places} />
            <h3>{t('pub.regions')}</h3>
            <ul className="pub-regions">
              {data.data.places
                .filter((p) => p.type === 'L' && p.id !== '0000')
                .map((p) => (
                  <li key={p.id}>
                    <Link href={`${BASE}/region/${p.id.slice(2)}`}>{p.title}</Link>
                  </li>
                ))}
            </ul>
          </aside>
        </div>
      )}
      <PublicFooter />
    </section>
  );
}

function MunicipalityPicker({ places: list }: { places: readonly KoladaPlace[] }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const id = useId();
  const hint = useId();
  const [code, setCode] = useState('');
  const municipalities = list.filter((p) => p.type === 'K').sort((a, b) => bySwedishName(a.title, b.title));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code) navigate(`${BASE}/kommun/${code}`);
  };
  return (
    <form className="form-stack pub-picker" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{t('pub.findMunicipality')}</label>
        <select id={id} value={code} aria-describedby={hint} onChange={(e) => setCode(e.target.value)}>
          <option value="">{t('pub.chooseMunicipality')}</option>
          {municipalities.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title}
            </option>
          ))}
        </select>
        <span id={hint} className="hint">
          {t('pub.findMunicipalityHint')}
        </span>
      </div>
      <button type="submit" className="primary">
        {t('pub.showProfile')}
      </button>
    </form>
  );
}
