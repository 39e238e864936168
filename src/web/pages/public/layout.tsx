import { useEffect, type ReactNode } from 'react';
import type { Band } from '../../../domain/opendata/bands';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../router';
import { useLoad } from '../../useApi';
import { releases, type Definition } from './data';
import { bandColour, bandKey, NOT_STATED, SUPPRESSED } from './format';

/** Pieces every public page shares: title, breadcrumbs, band legend, symbol notes, source. */
export const BASE = '/jamforelser';

export function usePageTitle(title: string | null): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} – ${t('pub.title')} – ${t('app.name')}` : t('app.name');
  }, [title, t]);
}

export function Crumbs({ items }: { items: Array<{ href?: string; label: string }> }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('pub.breadcrumb')} className="pub-crumbs">
      <ol>
        <li>
          <Link href={BASE}>{t('pub.title')}</Link>
        </li>
        {items.map((i) => (
          <li key={i.label}>
            {i.href ? <Link href={i.href}>{i.label}</Link> : <span aria-current="page">{i.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function Swatch({ band, direction }: { band: Band; direction: Definition['direction'] }) {
  return (
    <span
      className={`pub-swatch pub-swatch-${band}`}
      style={{ background: bandColour(band, direction) }}
      aria-hidden="true"
    />
  );
}

/** A band in words with its colour beside it (colour is never the only carrier). */
export function BandText({ band, direction }: { band: Band; direction: Definition['direction'] }) {
  const { t } = useI18n();
  return (
    <span className="pub-band" data-band={band}>
      <Swatch band={band} direction={direction} />
      {t(bandKey(band, direction))}
    </span>
  );
}

export function BandLegend({
  direction,
  counts,
}: {
  direction: Definition['direction'];
  counts?: Map<Band, number>;
}) {
  const { t, formatNumber } = useI18n();
  const bands: Band[] =
    direction === 'none' ? ['top', 'middle', 'bottom', 'missing'] : ['best', 'middle', 'worst', 'missing'];
  return (
    <section className="pub-legend" aria-labelledby="pub-legend-title">
      <h2 id="pub-legend-title" className="pub-h3">
        {t('pub.bands.title')}
      </h2>
      <ul>
        {bands.map((b) => (
          <li key={b}>
            <BandText band={b} direction={direction} />
            {counts && <span className="muted"> ({formatNumber(counts.get(b) ?? 0)})</span>}
          </li>
        ))}
      </ul>
      <p className="muted">{t(direction === 'none' ? 'pub.bands.none' : 'pub.bands.explain')}</p>
    </section>
  );
}

/** A status symbol with its meaning for screen readers. */
export function StatusSymbol({ status }: { status: string }) {
  const { t } = useI18n();
  const suppressed = status === SUPPRESSED;
  return (
    <span className="pub-symbol">
      {suppressed ? SUPPRESSED : NOT_STATED}
      <span className="visually-hidden">
        {' '}
        ({t(suppressed ? 'pub.status.symbol.suppressed' : 'pub.status.symbol.notStated')})
      </span>
    </span>
  );
}

/** The explanation of "..", "." where they appear (pass the statuses shown). */
export function StatusNotes({ statuses }: { statuses: Iterable<string> }) {
  const { t } = useI18n();
  const set = new Set(statuses);
  const suppressed = set.has(SUPPRESSED);
  const notStated = set.has(NOT_STATED);
  if (!suppressed && !notStated) return null;
  return (
    <div className="pub-notes" role="note">
      {suppressed && <p>{t('pub.status.suppressed')}</p>}
      {notStated && <p>{t('pub.status.notStated')}</p>}
    </div>
  );
}

/**
 * Which release the numbers come from, when the next one is due, and what the noise and the
 * symbols mean, in plain words.
 */
export function ReleaseNote() {
  const { t, formatNumber } = useI18n();
  const loaded = useLoad('releases', releases);
  if (loaded.state !== 'ready') return null;
  const { latest, next_scheduled: next, method } = loaded.data;
  const day = (iso: string) => iso.slice(0, 10);
  return (
    <section className="pub-release" aria-labelledby="pub-release-title">
      <h2 id="pub-release-title" className="pub-h3">
        {t('pub.release.title')}
      </h2>
      <p data-release={latest?.version ?? ''}>
        {latest
          ? t('pub.release.current', { version: latest.version, date: day(latest.made_at) })
          : t('pub.release.none')}{' '}
        {next ? t('pub.release.next', { date: day(next) }) : t('pub.release.onDemand')}
      </p>
      <details>
        <summary>{t('pub.release.aboutTitle')}</summary>
        <p>{t('pub.release.why')}</p>
        <p>
          {t('pub.release.noise', {
            max: formatNumber(method.maxPerturbation),
            threshold: formatNumber(method.suppressionThreshold),
          })}
        </p>
        <p>{t('pub.release.symbols')}</p>
        <p>
          <a href="/api/public/releases">{t('pub.release.method')}</a>
        </p>
      </details>
    </section>
  );
}

export function PublicFooter({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <footer className="pub-footer">
      {children}
      <ReleaseNote />
      <p>{t('pub.source')}</p>
      <p className="no-print">
        {t('pub.openData')} <a href="/api/kolada/v3/kpi">{t('pub.openData.kolada')}</a>,{' '}
        <a href="/api/pxweb/v2/tables">{t('pub.openData.pxweb')}</a>,{' '}
        <a href="/api/docs">{t('pub.openData.docs')}</a>
      </p>
    </footer>
  );
}

export function PrintButton() {
  const { t } = useI18n();
  return (
    <button type="button" className="no-print" onClick={() => window.print()}>
      {t('pub.print')}
    </button>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

export function Failed({ message }: { message: string }) {
  const { t } = useI18n();
  return <p className="form-error">{t('common.error', { message })}</p>;
}
