import { useId, useMemo, useState } from 'react';
import { apiGet } from '../api';
import { useI18n } from '../i18n/I18n';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../useApi';
import type {
  Municipality,
  MunicipalityList,
  Region,
  RegionList,
  UnitPage,
  UnitVersion,
} from '../../contracts/org';

const today = () => new Date().toISOString().slice(0, 10);

function matches(text: string, query: string): boolean {
  return text.toLocaleLowerCase('sv').includes(query.toLocaleLowerCase('sv'));
}

export function OrgPage() {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [asOf, setAsOf] = useState(today);
  const searchId = useId();
  const dateId = useId();
  const hintId = useId();
  const q = query.trim();

  const register = useLoad(`org:${asOf}`, async () => {
    const [r, m] = await Promise.all([
      apiGet<RegionList>('/api/v1/org/regions', { asOf }),
      apiGet<MunicipalityList>('/api/v1/org/municipalities', { asOf }),
    ]);
    return { regions: r.regions, municipalities: m.municipalities };
  });

  return (
    <section className="org-page">
      <h1>{t('org.title')}</h1>
      <p className="lead">{t('org.intro')}</p>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={searchId}>{t('org.searchLabel')}</label>
          <input
            id={searchId}
            type="search"
            value={query}
            aria-describedby={hintId}
            onChange={(e) => setQuery(e.target.value)}
          />
          <span id={hintId} className="hint">
            {t('org.searchHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={dateId}>{t('common.asOf')}</label>
          <input
            id={dateId}
            type="date"
            value={asOf}
            required
            onChange={(e) => e.target.value && setAsOf(e.target.value)}
          />
        </div>
      </form>
      {register.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {register.state === 'error' && <p role="alert">{t('common.error', { message: register.message })}</p>}
      {register.state === 'ready' && (
        <>
          {q.length >= 2 && <UnitSearch query={q} asOf={asOf} />}
          <OrgTree
            regions={register.data.regions}
            municipalities={register.data.municipalities}
            query={q}
            asOf={asOf}
          />
        </>
      )}
    </section>
  );
}

function OrgTree({
  regions,
  municipalities,
  query,
  asOf,
}: {
  regions: Region[];
  municipalities: Municipality[];
  query: string;
  asOf: string;
}) {
  const { t, tn } = useI18n();
  const visible = useMemo(() => {
    if (!query) return municipalities;
    return municipalities.filter((m) => matches(m.name, query) || m.code.startsWith(query));
  }, [municipalities, query]);
  const shownRegions = regions.filter(
    (r) =>
      !query || matches(r.name, query) || r.code === query || visible.some((m) => m.regionCode === r.code),
  );
  return (
    <div className="org-tree">
      <h2>
        {t('org.nation')} <span className="muted">({tn('org.regionCount', municipalities.length)})</span>
      </h2>
      {shownRegions.length === 0 && <p>{t('common.noResults')}</p>}
      <ul className="tree-level">
        {shownRegions.map((r) => {
          const regionMatches = !!query && (matches(r.name, query) || r.code === query);
          const munis = (regionMatches ? municipalities : visible).filter((m) => m.regionCode === r.code);
          return (
            <Disclosure
              key={r.code}
              label={`${r.name}`}
              meta={`${r.code} · ${tn('org.regionCount', r.municipalityCount)}`}
              open={!!query && munis.length > 0}
            >
              <ul className="tree-level">
                {munis.map((m) => (
                  <Disclosure
                    key={m.code}
                    label={m.name}
                    meta={`${m.code} · ${tn('org.unitCount', m.unitCount)}`}
                    open={false}
                  >
                    {m.skrGroup && (
                      <p className="muted">
                        {t('org.skrGroup', { group: `${m.skrGroup.code} ${m.skrGroup.title}` })}
                      </p>
                    )}
                    <MunicipalityUnits municipality={m} asOf={asOf} />
                  </Disclosure>
                ))}
              </ul>
            </Disclosure>
          );
        })}
      </ul>
    </div>
  );
}

function Disclosure({
  label,
  meta,
  open,
  children,
}: {
  label: string;
  meta: string;
  open: boolean;
  children: React.ReactNode;
}) {
  const [expanded, setExpanded] = useState(open);
  const [lastOpen, setLastOpen] = useState(open);
  // Re-sync when a new search opens or closes the branch.
  if (open !== lastOpen) {
    setLastOpen(open);
    setExpanded(open);
  }
  const panelId = useId();
  return (
    <li>
      <button
        type="button"
        className="disclosure"
        aria-expanded={expanded}
        aria-controls={panelId}
        onClick={() => setExpanded(!expanded)}
      >
        <span aria-hidden="true" className="chevron">
          {expanded ? '▾' : '▸'}
        </span>
        <span className="node-name">{label}</span> <span className="muted">{meta}</span>
      </button>
      <div id={panelId} hidden={!expanded}>
        {expanded && children}
      </div>
    </li>
  );
}

function MunicipalityUnits({ municipality, asOf }: { municipality: Municipality; asOf: string }) {
  const { t } = useI18n();
  const units = useLoad(`units:${municipality.code}:${asOf}`, () =>
    apiGet<UnitPage>('/api/v1/org/units', { municipality: municipality.code, asOf, limit: '500' }),
  );
  if (units.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (units.state === 'error') return <p role="alert">{t('common.error', { message: units.message })}</p>;
  if (units.data.units.length === 0) return <p>{t('org.noUnits')}</p>;
  return (
    <UnitTable
      caption={t('org.unitsIn', { name: municipality.name })}
      units={units.data.units}
      showMunicipality={false}
    />
  );
}

function UnitSearch({ query, asOf }: { query: string; asOf: string }) {
  const { t } = useI18n();
  const result = useLoad(`unit-search:${query}:${asOf}`, () =>
    apiGet<UnitPage>('/api/v1/org/units', { q: query, asOf, limit: '50' }),
  );
  if (result.state !== 'ready' || result.data.total === 0) return null;
  return (
    <UnitTable
      caption={`${t('org.matchingUnits', { query })} (${result.data.total})`}
      units={result.data.units}
      showMunicipality
    />
  );
}

function UnitTable({
  caption,
  units,
  showMunicipality,
}: {
  caption: string;
  units: UnitVersion[];
  showMunicipality: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('org.col.name')}</th>
            <th scope="col">{t('org.col.code')}</th>
            <th scope="col">{t('org.col.type')}</th>
            <th scope="col">{t('org.col.area')}</th>
            <th scope="col">{t('org.col.provider')}</th>
            <th scope="col">{t('org.col.validFrom')}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.unitId}>
              <th scope="row">
                {u.name}
                {showMunicipality && <span className="muted">, {u.municipalityName}</span>}
                {u.synthetic && <span className="badge">{t('common.synthetic')}</span>}
              </th>
              <td>{u.code}</td>
              <td>{t(`org.unitType.${u.unitType}` as MessageKey)}</td>
              <td>{t(`org.area.${u.operatingArea}` as MessageKey)}</td>
              <td>{t(`org.provider.${u.providerType}` as MessageKey)}</td>
              <td>{u.validFrom}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
