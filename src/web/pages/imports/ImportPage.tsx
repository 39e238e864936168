import { useEffect, useRef, useState } from 'react';
import { ApiError, apiGet, apiUpload, localDetail, withQuery, type ProblemField } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { useLoad } from '../../useApi';
import { FormatColumns } from './FormatColumns';
import { ImportForm, type ImportChoice } from './ImportForm';
import { ImportProgress, type Progress } from './ImportProgress';
import { ImportResult, resultSummary } from './ImportResult';
import type { ImportFormats, ImportJob } from '../../../contracts/imports';
import { POLL_MS, wait } from './model';
import './imports.css';

interface Refusal {
  message: string;
  errors: ProblemField[];
}

/**
 * /import: sends a register file as the raw body (upload progress from the browser), then
 * polls the job until it is finished. On PostgreSQL the poll shows rows read as they go; on the
 * embedded database the poll waits until the import has committed.
 */
export function ImportPage() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const formats = useLoad('import-formats', () => apiGet<ImportFormats>('/api/v1/imports/formats'));
  const [register, setRegister] = useState('senior-alert');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const busy = progress !== null && progress.phase !== 'finished';

  const show = (p: Progress) => {
    if (alive.current) setProgress(p);
  };

  const run = async (choice: ImportChoice) => {
    setRefusal(null);
    show({ phase: 'uploading', loaded: 0, total: choice.file.size });
    try {
      const url = withQuery('/api/v1/imports', {
        register,
        dryRun: String(choice.dryRun),
        source: choice.source || undefined,
        fileName: choice.file.name.slice(0, 255),
      });
      const started = await apiUpload<{ id: string }>(
        url,
        choice.file,
        { 'content-type': choice.contentType, prefer: 'respond-async' },
        (p) => show({ phase: 'uploading', ...p }),
      );
      show({ phase: 'running', job: null });
      const jobUrl = `/api/v1/imports/${encodeURIComponent(started.id)}`;
      let job = await apiGet<ImportJob>(jobUrl);
      while (job.status === 'running' && alive.current) {
        show({ phase: 'running', job });
        await wait(POLL_MS);
        job = await apiGet<ImportJob>(jobUrl);
      }
      show({ phase: 'finished', job });
    } catch (err) {
      if (!alive.current) return;
      setProgress(null);
      setRefusal({
        message: err instanceof ApiError ? localDetail(err.message, lang) : String(err),
        errors: err instanceof ApiError ? err.errors : [],
      });
    }
  };

  // Said once per phase (not on every tick of the bar); the result is read out when it comes.
  const status =
    progress?.phase === 'uploading'
      ? t('imports.status.uploading')
      : progress?.phase === 'running'
        ? t('imports.status.running')
        : progress?.phase === 'finished'
          ? resultSummary(i18n, progress.job).text
          : '';

  return (
    <section className="import-page">
      <h1>{t('imports.title')}</h1>
      <p className="lead">{t('imports.intro')}</p>
      {formats.state === 'loading' && <p aria-busy="true">{t('common.loading')}</p>}
      {formats.state === 'error' && (
        <p className="form-error">{t('common.error', { message: localDetail(formats.message, lang) })}</p>
      )}
      {formats.state === 'ready' && (
        <>
          <ImportForm
            formats={formats.data}
            register={register}
            onRegister={setRegister}
            busy={busy}
            serverErrors={refusal?.errors ?? []}
            onRun={(choice) => void run(choice)}
          />
          <div role="alert" className="error-summary-region">
            {refusal && (
              <div className="error-summary">
                <p className="form-error">{refusal.message}</p>
                {refusal.errors.length > 0 && (
                  <ul>
                    {refusal.errors.map((e) => (
                      <li key={`${e.field}:${e.rule}`}>
                        <code>{e.field}</code>: {e.message}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </div>
        </>
      )}
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {progress && <ImportProgress progress={progress} />}
      {progress?.phase === 'finished' && <ImportResult job={progress.job} />}
      {formats.state === 'ready' && <FormatColumns formats={formats.data} register={register} />}
    </section>
  );
}
