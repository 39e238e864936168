import { useEffect, useId, useState, type FormEvent } from 'react';
import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link, useRouter } from '../../router';
import { useLoad } from '../../useApi';
import { EntryBadges } from './EntryBadges';
import {
  ENTRY_KINDS,
  EVIDENCE_LEVELS,
  LIBRARY_BASE,
  OPERATING_AREAS,
  TARGET_GROUPS,
  type SearchResult,
} from './model';
import { Snippet } from './Snippet';

const PARAMS = ['q', 'area', 'group', 'evidence', 'kind'] as const;

/** /bibliotek: search with filters; the query lives in the address so results can be linked. */
export function SearchView() {
  const { t, tn, formatNumber } = useI18n();
  const { query, navigate } = useRouter();
  const ids = { q: useId(), hint: useId(), area: useId(), group: useId(), evidence: useId(), kind: useId() };
  const current = Object.fromEntries(PARAMS.map((p) => [p, query.get(p) ?? ''])) as Record<
    (typeof PARAMS)[number],
    string
  >;
  const [form, setForm] = useState(current);
  const key = PARAMS.map((p) => current[p]).join('|');
  useEffect(() => setForm(current), [key]);
  useEffect(() => {
    document.title = `${t('lib.title')} – ${t('app.name')}`;
  }, [t]);
  const result = useLoad(`library:${key}`, () =>
    apiGet<SearchResult>('/api/v1/library/search', { ...current, limit: '30' }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const qs = new URLSearchParams();
    for (const p of PARAMS) if (form[p]) qs.set(p, form[p]);
    navigate(qs.size ? `${LIBRARY_BASE}?${qs.toString()}` : LIBRARY_BASE);
  };
  const set = (p: (typeof PARAMS)[number]) => (v: string) => setForm({ ...form, [p]: v });
  const variants =
    result.state === 'ready' ? result.data.words.flatMap((w) => w.variants.filter((v) => v !== w.word)) : [];
  return (
    <section className="lib-page">
      <h1>{t('lib.title')}</h1>
      <p className="lead">{t('lib.intro')}</p>
      <form role="search" className="lib-search" onSubmit={submit}>
        <div className="field lib-q">
          <label htmlFor={ids.q}>{t('lib.search.label')}</label>
          <input
            id={ids.q}
            type="search"
            aria-describedby={ids.hint}
            value={form.q}
            onChange={(e) => set('q')(e.target.value)}
          />
          <p id={ids.hint} className="muted">
            {t('lib.search.hint')}
          </p>
        </div>
        <fieldset className="lib-filters">
          <legend>{t('lib.filters')}</legend>
          <Select
            id={ids.area}
            label={t('lib.filter.area')}
            value={form.area}
            onChange={set('area')}
            options={OPERATING_AREAS.map((a) => [a, t(`org.area.${a}`)])}
          />
          <Select
            id={ids.group}
            label={t('lib.filter.group')}
            value={form.group}
            onChange={set('group')}
            options={TARGET_GROUPS.map((g) => [g, t(`lib.group.${g}`)])}
          />
          <Select
            id={ids.evidence}
            label={t('lib.filter.evidence')}
            value={form.evidence}
            onChange={set('evidence')}
            options={EVIDENCE_LEVELS.map((l) => [l, t(`lib.evidence.${l}`)])}
          />
          <Select
            id={ids.kind}
            label={t('lib.filter.kind')}
            value={form.kind}
            onChange={set('kind')}
            options={ENTRY_KINDS.map((k) => [k, t(`lib.kind.${k}`)])}
          />
        </fieldset>
        <button type="submit" className="primary">
          {t('lib.search.submit')}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {result.state === 'loading' && <p>{t('common.loading')}</p>}
        {result.state === 'error' && <p role="alert">{t('common.error', { message: result.message })}</p>}
        {result.state === 'ready' && (
          <p>
            {result.data.totalCapped
              ? t('lib.results.capped', { count: formatNumber(result.data.total) })
              : tn('lib.results', result.data.total)}
            {variants.length > 0 && (
              <span className="muted"> · {t('lib.results.also', { words: variants.join(', ') })}</span>
            )}
          </p>
        )}
      </div>
      {result.state === 'ready' && (
        <ol className="lib-hits">
          {result.data.hits.map((h) => (
            <li key={h.entryId}>
              <h2>
                <Link href={`${LIBRARY_BASE}/${h.slug}`}>{h.title}</Link>
              </h2>
              <EntryBadges entry={h} stale={h.stale} />
              <p>
                <Snippet parts={h.snippet} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: Array<[string, string]>;
}) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t('lib.filter.any')}</option>
        {props.options.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
