import { forwardRef } from 'react';
import type { FormDefinition } from '../../../domain/forms/definition';
import { indexForm } from '../../../domain/forms/form-index';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import type { ScoreAnswer } from '../../../contracts/instruments';

/** The server's result: the one that counts. */
export const ServerResult = forwardRef<
  HTMLHeadingElement,
  { result: ScoreAnswer; stale: boolean; title: string; form: FormDefinition }
>(function ServerResult({ result, stale, title, form }, headingRef) {
  const { t, lang, formatNumber } = useI18n();
  const thresholds = Object.entries(result.threshold).filter(([k]) => k !== 'source');
  const index = indexForm(form);
  const label = (id: string): string => {
    const item = index.byId.get(id)?.item;
    return item ? `${item.prefix ? `${item.prefix} ` : ''}${item.text[lang]}` : id;
  };
  return (
    <section className="result-panel" aria-labelledby="server-result-heading">
      <h2 id="server-result-heading" ref={headingRef} tabIndex={-1}>
        {t('instruments.result.heading')}
      </h2>
      {stale && (
        <p className="warning" role="status">
          {t('instruments.result.stale')}
        </p>
      )}
      <dl className="result-list">
        <dt>{t('instruments.result.total')}</dt>
        <dd className="result-total">
          {result.total === null ? t('instruments.result.noTotal') : formatNumber(result.total)}
        </dd>
        <dt>{t('instruments.result.band')}</dt>
        <dd className="result-band">
          <strong>{result.bandLabel[lang]}</strong> <span className="muted">({result.band})</span>
        </dd>
        <dt>{t('instruments.result.risk')}</dt>
        <dd>{result.risk ? t('instruments.yes') : t('instruments.no')}</dd>
        <dt>{t('instruments.result.threshold')}</dt>
        <dd>
          {thresholds.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('; ')} (
          {result.threshold.source === 'default'
            ? t('instruments.result.thresholdDefault')
            : t('instruments.result.thresholdConfigured')}
          )
        </dd>
      </dl>
      {result.contactDentalCare && <p className="warning">{t('instruments.result.contactDentalCare')}</p>}
      {result.indicators && (
        <>
          <h3>{t('instruments.result.indicators')}</h3>
          <ul>
            {Object.entries(result.indicators).map(([code, i]) => (
              <li key={code}>
                {i.label[lang]}: <strong>{t(`instruments.result.status.${i.status}` as MessageKey)}</strong>{' '}
                <span className="muted">
                  ({t('instruments.result.target', { percent: i.targetPercent })})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {result.domains && (
        <>
          <h3>{t('instruments.result.domains')}</h3>
          <ul>
            {Object.entries(result.domains)
              .filter(([, d]) => d.present)
              .map(([code, d]) => (
                <li key={code}>
                  {label(code)}: {d.frequency} × {d.severity} = <strong>{d.score}</strong>
                </li>
              ))}
          </ul>
        </>
      )}
      {Object.keys(result.items).length > 0 && (
        <details>
          <summary>{t('instruments.result.items')}</summary>
          <ul className="item-points">
            {Object.entries(result.items).map(([item, points]) => (
              <li key={item}>
                {label(item)}: {formatNumber(points)}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="muted">{t('instruments.result.note', { instrument: title, version: result.version })}</p>
    </section>
  );
});
