import { useState } from 'react';
import type { ChainVerification } from '../../../contracts/audit';
import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';

/** System administrators: recompute the hash chain of the whole log and show the verdict. */
export function VerifyChain() {
  const { t } = useI18n();
  const [result, setResult] = useState<
    | { state: 'idle' }
    | { state: 'running' }
    | { state: 'done'; v: ChainVerification }
    | { state: 'error'; message: string }
  >({ state: 'idle' });
  const run = async () => {
    setResult({ state: 'running' });
    try {
      setResult({ state: 'done', v: await apiGet<ChainVerification>('/api/v1/audit/verify') });
    } catch (err) {
      setResult({ state: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <section className="audit-verify" aria-labelledby="audit-verify-title">
      <h2 id="audit-verify-title">{t('audit.verify.title')}</h2>
      <p>{t('audit.verify.intro')}</p>
      <button type="button" disabled={result.state === 'running'} onClick={() => void run()}>
        {result.state === 'running' ? t('audit.verify.running') : t('audit.verify.button')}
      </button>
      <div role="status" className="audit-verify-result">
        {result.state === 'done' && result.v.ok && (
          <p className="status-ok">{t('audit.verify.ok', { count: result.v.entries })}</p>
        )}
        {result.state === 'done' && !result.v.ok && (
          <p className="form-error">
            {t('audit.verify.broken', {
              seq: result.v.firstBrokenSeq,
              reason: result.v.reason,
              count: result.v.entries,
            })}
          </p>
        )}
        {result.state === 'error' && (
          <p className="form-error">{t('common.error', { message: result.message })}</p>
        )}
      </div>
    </section>
  );
}
