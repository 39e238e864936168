import { useEffect, useId } from 'react';
import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link, useRouter } from '../../router';
import { useLoad } from '../../useApi';
import { STATUSES, isStale } from '../../../domain/library/workflow';
import {
  EDITORIAL_BASE,
  editorialEntryPath,
  stockholmTime,
  swedishToday,
  type EditorialList as List,
} from './model';

const STALE = 'stale';

/** The editorial list: an editor sees every entry, municipality staff their own submissions. */
export function EditorialList() {
  const { t, lang } = useI18n();
  const { query, navigate } = useRouter();
  const filterId = useId();
  const show = query.get('visa') ?? '';
  useEffect(() => {
    document.title = `${t('ed.title')} – ${t('app.name')}`;
  }, [t]);
  const params = show === STALE ? { stale: 'true' } : { status: show };
  const list = useLoad(`editorial:${show}`, () => apiGet<List>('/api/v1/library/entries', params));
  const today = swedishToday();
  return (
    <section className="ed-page">
      <h1>{t('ed.title')}</h1>
      <p className="lead">{t('ed.intro')}</p>
      <p>
        <Link href={`${EDITORIAL_BASE}/ny`} className="button-link">
          {t('ed.new')}
        </Link>
      </p>
      <div className="field ed-filter">
        <label htmlFor={filterId}>{t('ed.list.filter')}</label>
        <select
          id={filterId}
          value={show}
          onChange={(e) =>
            navigate(e.target.value ? `${EDITORIAL_BASE}?visa=${e.target.value}` : EDITORIAL_BASE)
          }
        >
          <option value="">{t('ed.list.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`ed.status.${s}`)}
            </option>
          ))}
          <option value={STALE}>{t('ed.list.stale')}</option>
        </select>
      </div>
      {list.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {list.state === 'error' && <p role="alert">{t('common.error', { message: list.message })}</p>}
      {list.state === 'ready' && list.data.entries.length === 0 && <p>{t('ed.list.empty')}</p>}
      {list.state === 'ready' && list.data.entries.length > 0 && (
        <table className="ed-list">
          <caption>{t('ed.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ed.col.title')}</th>
              <th scope="col">{t('ed.col.kind')}</th>
              <th scope="col">{t('ed.col.status')}</th>
              <th scope="col">{t('ed.col.version')}</th>
              <th scope="col">{t('ed.col.reviewDue')}</th>
              <th scope="col">{t('ed.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.entries.map((e) => (
              <tr key={e.id} data-status={e.status}>
                <th scope="row">
                  <Link href={editorialEntryPath(e.id)}>{e.title}</Link>
                </th>
                <td>{t(`lib.kind.${e.kind}`)}</td>
                <td>{t(`ed.status.${e.status}`)}</td>
                <td>{e.headVersion}</td>
                <td>
                  {e.reviewDue ?? ''}
                  {e.status !== 'archived' && isStale(e.reviewDue, today) && (
                    <span className="flag ed-stale"> {t('lib.stale')}</span>
                  )}
                </td>
                <td>{stockholmTime(e.updatedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
