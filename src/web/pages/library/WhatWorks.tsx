import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { useLoad } from '../../useApi';
import { EntryBadges } from './EntryBadges';
import { LIBRARY_BASE, type EntryList } from './model';
import './library.css';

/** "What works to improve this?" beside an indicator of the open comparisons. */
export function WhatWorks({ kpi }: { kpi: string }) {
  const { t } = useI18n();
  const list = useLoad(`library-for:${kpi}`, () =>
    apiGet<EntryList>(`/api/v1/library/indicators/${encodeURIComponent(kpi)}`),
  );
  return (
    <section className="lib-panel" aria-labelledby="lib-what-works">
      <h2 id="lib-what-works">{t('lib.whatWorks.title')}</h2>
      {list.state === 'loading' && <p>{t('common.loading')}</p>}
      {list.state === 'error' && <p role="alert">{t('common.error', { message: list.message })}</p>}
      {list.state === 'ready' &&
        (list.data.entries.length === 0 ? (
          <p>{t('lib.whatWorks.none')}</p>
        ) : (
          <ul className="lib-links">
            {list.data.entries.map((e) => (
              <li key={e.entryId}>
                <Link href={`${LIBRARY_BASE}/${e.slug}`}>{e.title}</Link>
                <EntryBadges entry={e} />
              </li>
            ))}
          </ul>
        ))}
      <p>
        <Link href={LIBRARY_BASE}>{t('lib.whatWorks.all')}</Link>
      </p>
    </section>
  );
}
