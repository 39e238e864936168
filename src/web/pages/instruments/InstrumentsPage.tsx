import { useRouter, Link } from '../../router';
import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { useLoad } from '../../useApi';
import { InstrumentForm } from './InstrumentForm';
import type { InstrumentDetail, InstrumentSummary } from '../../../contracts/instruments';
import './instruments.css';

/** /instruments lists the instrument library; /instruments/{id} fills one in. */
export function InstrumentsPage() {
  const { path } = useRouter();
  const id = path.startsWith('/instruments/') ? decodeURIComponent(path.slice('/instruments/'.length)) : null;
  return id ? <InstrumentView id={id} /> : <InstrumentList />;
}

function InstrumentList() {
  const { t, lang } = useI18n();
  const list = useLoad('instruments', () =>
    apiGet<{ instruments: InstrumentSummary[] }>('/api/v1/instruments'),
  );
  return (
    <section className="instruments-page">
      <h1>{t('instruments.title')}</h1>
      <p className="lead">{t('instruments.intro')}</p>
      {list.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {list.state === 'error' && <p role="alert">{t('common.error', { message: list.message })}</p>}
      {list.state === 'ready' && (
        <ul className="instrument-list">
          {list.data.instruments.map((i) => (
            <li key={i.id}>
              <h2>
                <Link href={`/instruments/${i.id}`}>{i.title[lang]}</Link>
              </h2>
              <p>
                {i.description[lang]}{' '}
                <span className="muted">({t('instruments.version', { version: i.version })})</span>
              </p>
              {i.requiresSex && <p className="muted">{t('instruments.requiresSex')}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function InstrumentView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const detail = useLoad(`instrument:${id}`, () =>
    apiGet<InstrumentDetail>(`/api/v1/instruments/${encodeURIComponent(id)}`),
  );
  return (
    <section className="instruments-page">
      <p>
        <Link href="/instruments">{t('instruments.back')}</Link>
      </p>
      {detail.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {detail.state === 'error' && <p role="alert">{t('common.error', { message: detail.message })}</p>}
      {detail.state === 'ready' && (
        <>
          <h1>{detail.data.title[lang]}</h1>
          <p className="lead">
            {detail.data.description[lang]}{' '}
            <span className="muted">({t('instruments.version', { version: detail.data.version })})</span>
          </p>
          <InstrumentForm key={`${detail.data.id}:${detail.data.version}`} detail={detail.data} />
          <h2>{t('instruments.sources')}</h2>
          <ul className="sources">
            {detail.data.sources.map((s) => (
              <li key={s.citation}>
                {s.citation} {s.url && <a href={s.url}>{s.url}</a>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
