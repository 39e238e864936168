import { useId } from 'react';
import { useI18n, type I18n } from '../../i18n/I18n';
import type { ImportJob } from '../../../contracts/imports';
import { sizeText } from './model';

/**
 * Where an import is: the file on its way (upload progress), the job running (rows read; on the
 * embedded database the first answer comes when the import is done), or finished.
 */
export type Progress =
  | { phase: 'uploading'; loaded: number; total: number }
  | { phase: 'running'; job: ImportJob | null }
  | { phase: 'finished'; job: ImportJob };

function percentOf(loaded: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((100 * loaded) / total)) : 0;
}

/** The bar's value (undefined: not known yet, an indeterminate bar) and its words. */
export function progressText(i18n: I18n, p: Progress): { value: number | undefined; text: string } {
  const { t, tn, formatNumber } = i18n;
  if (p.phase === 'uploading') {
    const percent = percentOf(p.loaded, p.total);
    const sent = sizeText(p.loaded, formatNumber);
    const total = sizeText(p.total, formatNumber);
    return { value: percent, text: t('imports.progress.uploading', { sent, total, percent }) };
  }
  if (p.phase === 'running' && !p.job) return { value: undefined, text: t('imports.progress.waiting') };
  const job = p.job;
  const percent = p.phase === 'finished' ? 100 : (job?.percent ?? null);
  const rows = tn('imports.progress.rows', job?.report?.rowsRead ?? job?.rowsRead ?? 0);
  const counting = p.phase === 'running' && job?.stage === 'counting';
  const read = percent === null ? rows : `${rows}, ${formatNumber(percent)}\u00a0%`;
  return {
    value: percent ?? undefined,
    text: counting ? `${read}. ${t('imports.progress.counting')}` : read,
  };
}

/** A real <progress> with a label and the same progress in words beside it. */
export function ImportProgress({ progress }: { progress: Progress }) {
  const i18n = useI18n();
  const id = useId();
  const { value, text } = progressText(i18n, progress);
  return (
    <div className="import-progress">
      <label htmlFor={id}>{i18n.t('imports.progress.label')}</label>
      <progress id={id} max={100} value={value} aria-valuetext={text}>
        {text}
      </progress>
      <p className="import-progress-text">{text}</p>
    </div>
  );
}
