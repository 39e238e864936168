import { useState } from 'react';
import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { useLoad } from '../../useApi';
import { Services } from './PersonCard';
import type { PersonPage } from '../../../contracts/persons';
import { shortPseudonym } from './model';

const PAGE_SIZE = 25;

/** The persons the caller's units serve, without names (the list only carries pseudonyms). */
export function PersonList({ onOpen }: { onOpen: (pseudonym: string) => void }) {
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    `persons:${offset}`,
    () => apiGet<PersonPage>('/api/v1/persons', { limit: String(PAGE_SIZE), offset: String(offset) }),
    { keepData: true },
  );
  return (
    <section className="person-list" aria-labelledby="person-list-title">
      <h2 id="person-list-title">{t('persons.list.title')}</h2>
      {list.state === 'loading' && <p>{t('common.loading')}</p>}
      {list.state === 'error' && <p role="alert">{t('common.error', { message: list.message })}</p>}
      {list.state === 'ready' && list.data.total === 0 && <p>{t('persons.list.empty')}</p>}
      {list.state === 'ready' && list.data.total > 0 && (
        <>
          <p className="muted">
            {t('persons.list.range', {
              from: list.data.offset + 1,
              to: list.data.offset + list.data.persons.length,
              total: list.data.total,
            })}
          </p>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t('persons.list.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('persons.list.col.pseudonym')}</th>
                  <th scope="col">{t('persons.list.col.birthYear')}</th>
                  <th scope="col">{t('persons.list.col.sex')}</th>
                  <th scope="col">{t('persons.list.col.units')}</th>
                  <th scope="col">{t('persons.list.col.open')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.persons.map((p) => (
                  <tr key={p.pseudonym}>
                    <th scope="row" className="pseudonym">
                      {shortPseudonym(p.pseudonym)}
                    </th>
                    <td>{p.birthYear}</td>
                    <td>{t(`persons.sex.${p.sex}`)}</td>
                    <td>
                      <Services services={p.services} />
                    </td>
                    <td>
                      <button type="button" className="small" onClick={() => onOpen(p.pseudonym)}>
                        {t('persons.list.open')}
                        <span className="visually-hidden">
                          {' '}
                          {t('persons.list.openFor', {
                            year: p.birthYear,
                            pseudonym: shortPseudonym(p.pseudonym),
                          })}
                        </span>
                      </button>{' '}
                      <Link href={`/personer/${p.pseudonym}`} className="button-link small">
                        {t('registers.openTimeline')}
                        <span className="visually-hidden">
                          {' '}
                          {t('persons.list.openFor', {
                            year: p.birthYear,
                            pseudonym: shortPseudonym(p.pseudonym),
                          })}
                        </span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.total > PAGE_SIZE && (
            <nav className="pager" aria-label={t('persons.list.paging')}>
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
              >
                ← {t('persons.list.previous')}
              </button>
              <button
                type="button"
                disabled={offset + PAGE_SIZE >= list.data.total}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                {t('persons.list.next')} →
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
