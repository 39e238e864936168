import { useEffect } from 'react';
import { ApiError, apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { useLoad } from '../../useApi';
import { EntryBadges } from './EntryBadges';
import { LIBRARY_BASE, type EntryPage, type Figure } from './model';

/** /bibliotek/{slug}: one published entry. */
export function EntryView({ slug }: { slug: string }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const page = useLoad(`library-entry:${slug}`, () =>
    apiGet<EntryPage>(`/api/v1/library/published/${encodeURIComponent(slug)}`).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }),
  );
  const title = page.state === 'ready' && page.data ? page.data.title : null;
  useEffect(() => {
    document.title = `${title ?? t('lib.title')} – ${t('app.name')}`;
  }, [title, t]);
  const back = (
    <p>
      <Link href={LIBRARY_BASE}>{t('lib.back')}</Link>
    </p>
  );
  if (page.state === 'loading')
    return (
      <section className="lib-page">
        {back}
        <p role="status">{t('common.loading')}</p>
      </section>
    );
  if (page.state === 'error' || !page.data)
    return (
      <section className="lib-page">
        {back}
        <h1>{t('notFound.title')}</h1>
        {page.state === 'error' && <p role="alert">{t('common.error', { message: page.message })}</p>}
      </section>
    );
  const e = page.data;
  return (
    <article className="lib-page lib-entry">
      {back}
      <h1>{e.title}</h1>
      <EntryBadges entry={e} stale={e.stale} writtenOn={e.sampleWrittenOn} />
      <p className="lead">{e.summary}</p>
      {e.body && <p>{e.body}</p>}
      {e.instrumentId && (
        <p>
          <Link href="/instruments">{t('lib.instrument')}</Link>
        </p>
      )}
      {e.figures && (
        <Figures
          figures={e.figures}
          indicatorTitle={
            e.indicators.find((i) => i.id === e.figures?.indicatorId)?.title[lang] ?? e.figures.indicatorId
          }
        />
      )}
      <dl className="lib-facts">
        {e.targetGroups.length > 0 && (
          <>
            <dt>{t('lib.targetGroups')}</dt>
            <dd>{e.targetGroups.map((g) => t(`lib.group.${g}`)).join(', ')}</dd>
          </>
        )}
        {e.operatingAreas.length > 0 && (
          <>
            <dt>{t('lib.areas')}</dt>
            <dd>{e.operatingAreas.map((a) => t(`org.area.${a}`)).join(', ')}</dd>
          </>
        )}
        {e.ksiCode && (
          <>
            <dt>{t('lib.ksi')}</dt>
            <dd>{e.ksiCode}</dd>
          </>
        )}
      </dl>
      <h2>{t('lib.outcomes')}</h2>
      {e.indicators.length === 0 ? (
        <p>{t('lib.outcomes.none')}</p>
      ) : (
        <ul>
          {e.indicators.map((i) => (
            <li key={i.id}>
              {i.openComparisons ? <Link href={`/jamforelser/${i.id}`}>{i.title[lang]}</Link> : i.title[lang]}{' '}
              <span className="muted">{i.id}</span>
            </li>
          ))}
        </ul>
      )}
      {e.references.length > 0 && (
        <>
          <h2>{t('lib.references')}</h2>
          <ul>
            {e.references.map((r) => (
              <li key={`${r.title}-${r.year}`}>
                {t(`lib.ref.${r.kind}`)}:{' '}
                <a href={r.url} rel="noopener noreferrer">
                  {r.title}
                </a>{' '}
                ({r.year})
              </li>
            ))}
          </ul>
        </>
      )}
      {e.lastReviewed && e.reviewDue && (
        <p className="muted">{t('lib.reviewed', { date: e.lastReviewed, due: e.reviewDue })}</p>
      )}
    </article>
  );
}

function Figures({
  figures,
  indicatorTitle,
}: {
  figures: NonNullable<EntryPage['figures']>;
  indicatorTitle: string;
}) {
  const { t, formatNumber } = useI18n();
  const value = (f: Figure) =>
    f.status === '' && f.value !== null ? `${formatNumber(f.value, 1)} %` : f.status;
  const counts = (f: Figure) =>
    f.status === '' && f.numerator !== null && f.denominator !== null
      ? `${formatNumber(f.numerator)} / ${formatNumber(f.denominator)}`
      : f.status;
  return (
    <section aria-labelledby="lib-figures" className="lib-figures">
      <h2 id="lib-figures">{t('lib.example.title')}</h2>
      <table>
        <caption>
          {t('lib.example.caption', { indicator: indicatorTitle, municipality: figures.municipalityCode })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('lib.example.period')}</th>
            <th scope="col">{t('lib.example.value')}</th>
            <th scope="col">{t('lib.example.counts')}</th>
          </tr>
        </thead>
        <tbody>
          {(['before', 'after'] as const).map((k) => (
            <tr key={k} data-figure={k}>
              <th scope="row">
                {t(`lib.example.${k}`)} ({figures[k].period})
              </th>
              <td>{value(figures[k])}</td>
              <td>{counts(figures[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('lib.example.note')}</p>
    </section>
  );
}
