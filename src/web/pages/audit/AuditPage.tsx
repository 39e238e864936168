import { useState } from 'react';
import { ApiError, apiGet, withQuery, type ProblemField } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { useRouter } from '../../router';
import { useSession } from '../../session/Session';
import { useLoad } from '../../useApi';
import { AuditFilterForm } from './AuditFilterForm';
import { AuditTable } from './AuditTable';
import { VerifyChain } from './VerifyChain';
import type { ReviewPage } from '../../../contracts/audit';
import { filterParams, filtersFromQuery, type AuditFilters } from './model';
import './audit.css';

const PAGE_SIZE = 50;

type Loaded =
  { kind: 'page'; page: ReviewPage } | { kind: 'invalid'; errors: ProblemField[]; message: string };

/** /logg: the audit log review for unit managers and administrators. Filters live in the URL. */
export function AuditPage() {
  const { t, tn } = useI18n();
  const { query, path, navigate } = useRouter();
  const { allows } = useSession();
  const filters = filtersFromQuery(query);
  const params = filterParams(filters);
  const filterKey = JSON.stringify(params);
  // Cursors of the pages walked so far (newest first); the last one is the page shown.
  const [paging, setPaging] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  const cursors = paging.key === filterKey ? paging.cursors : [];
  const cursor = cursors.at(-1);

  const loaded = useLoad<Loaded>(`audit:${filterKey}:${cursor ?? ''}`, async () => {
    try {
      const page = await apiGet<ReviewPage>('/api/v1/audit', {
        ...params,
        limit: String(PAGE_SIZE),
        cursor,
      });
      return { kind: 'page', page };
    } catch (err) {
      if (err instanceof ApiError && err.status === 400)
        return { kind: 'invalid', errors: err.errors, message: err.message };
      throw err;
    }
  });

  const apply = (next: AuditFilters) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(filterParams(next))) if (v !== undefined) search.set(k, v);
    const qs = search.toString();
    navigate(qs ? `${path}?${qs}` : path);
  };
  const goTo = (next: string[]) => setPaging({ key: filterKey, cursors: next });
  const errors = loaded.state === 'ready' && loaded.data.kind === 'invalid' ? loaded.data.errors : [];
  const page = loaded.state === 'ready' && loaded.data.kind === 'page' ? loaded.data.page : null;
  const nextCursor = page?.nextCursor ?? null;

  return (
    <section className="audit-page">
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      <AuditFilterForm key={filterKey} initial={filters} errors={errors} onApply={apply} />
      <p className="audit-export">
        <a className="button-link" href={withQuery('/api/v1/audit/export.csv', params)} download>
          {t('audit.export')}
        </a>{' '}
        <span className="hint">{t('audit.exportHint')}</span>
      </p>
      {loaded.state === 'loading' && <p aria-busy="true">{t('common.loading')}</p>}
      {loaded.state === 'error' && <p role="alert">{t('common.error', { message: loaded.message })}</p>}
      {page && (
        <>
          <p className="muted" role="status">
            {t('audit.page', { page: cursors.length + 1 })} · {tn('audit.shown', page.entries.length)}
          </p>
          <AuditTable entries={page.entries} />
          <nav className="pager" aria-label={t('audit.paging')}>
            <button type="button" disabled={cursors.length === 0} onClick={() => goTo([])}>
              {t('audit.newest')}
            </button>
            <button type="button" disabled={cursors.length === 0} onClick={() => goTo(cursors.slice(0, -1))}>
              ← {t('audit.newer')}
            </button>
            <button
              type="button"
              disabled={nextCursor === null}
              onClick={() => nextCursor && goTo([...cursors, nextCursor])}
            >
              {t('audit.older')} →
            </button>
          </nav>
        </>
      )}
      {allows('audit.verify') && <VerifyChain />}
    </section>
  );
}
