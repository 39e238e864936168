import type { RowIssue } from '../../../domain/imports/issues';
import type { ImportReport } from '../../../domain/imports/report';
import { useI18n, type I18n } from '../../i18n/I18n';
import { ColumnsLink } from './FormatColumns';
import type { ImportJob } from '../../../contracts/imports';

/** The one sentence that says what happened, above all whether anything was written. */
export function resultSummary(i18n: I18n, job: ImportJob): { ok: boolean; text: string } {
  const { t, formatNumber } = i18n;
  const r = job.report;
  const rows = formatNumber(r?.rowsRead ?? job.rowsRead);
  const bad = formatNumber(r?.rowsBad ?? 0);
  if (job.status === 'failed') return { ok: false, text: t('imports.result.failed') };
  if (job.status === 'interrupted' || !r) return { ok: false, text: t('imports.result.interrupted') };
  if (job.status === 'done' && r.imported) return { ok: true, text: t('imports.result.done', { rows }) };
  if (job.status === 'done') return { ok: true, text: t('imports.result.dryRunOk', { rows }) };
  return {
    ok: false,
    text: t(job.dryRun ? 'imports.result.dryRunBad' : 'imports.result.rejected', { rows, bad }),
  };
}

function ReportFacts({ report }: { report: ImportReport }) {
  const { t, formatNumber } = useI18n();
  const facts: Array<[string, string]> = [
    [t('imports.report.file'), report.fileName ?? '–'],
    [t('imports.report.rowsRead'), formatNumber(report.rowsRead)],
    [t('imports.report.rowsValid'), formatNumber(report.rowsValid)],
    [t('imports.report.rowsBad'), formatNumber(report.rowsBad)],
    [t('imports.report.created'), formatNumber(report.created)],
    [t('imports.report.unchanged'), formatNumber(report.unchanged)],
    [t('imports.report.corrected'), formatNumber(report.corrected)],
    [t('imports.report.personsCreated'), formatNumber(report.personsCreated)],
    [t('imports.report.serviceLinksCreated'), formatNumber(report.serviceLinksCreated)],
  ];
  return (
    <dl className="import-facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ErrorTable({ errors, count }: { errors: RowIssue[]; count: number }) {
  const { t, tn, formatNumber } = useI18n();
  return (
    <>
      <div className="table-wrap">
        <table className="data-table import-errors">
          <caption>{tn('imports.errors.caption', count)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.errors.row')}</th>
              <th scope="col">{t('imports.errors.line')}</th>
              <th scope="col">{t('imports.errors.column')}</th>
              <th scope="col">{t('imports.errors.rule')}</th>
              <th scope="col">{t('imports.errors.message')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={`${e.row}:${e.column}:${e.rule}:${i}`}>
                <td className="import-num">
                  {e.row === 0 ? t('imports.errors.header') : formatNumber(e.row)}
                </td>
                <td className="import-num">{e.line === null ? '–' : formatNumber(e.line)}</td>
                <td>
                  <code>{e.column}</code>
                </td>
                <td>
                  <code>{e.rule}</code>
                </td>
                <td lang="en">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {count > errors.length && (
        <p className="muted">{t('imports.errors.truncated', { shown: formatNumber(errors.length) })}</p>
      )}
      <p className="muted">{t('imports.errors.messageLang')}</p>
    </>
  );
}

/** A finished job: what happened, the report's numbers, and every listed bad row. */
export function ImportResult({ job }: { job: ImportJob }) {
  const i18n = useI18n();
  const { t } = i18n;
  const summary = resultSummary(i18n, job);
  const report = job.report;
  return (
    <section className="import-result" aria-labelledby="import-result-heading">
      <h2 id="import-result-heading">
        {t(job.dryRun ? 'imports.result.headingDryRun' : 'imports.result.heading')}
      </h2>
      <p className={summary.ok ? 'status-ok' : 'form-error import-rejected'}>{summary.text}</p>
      {report && (
        <>
          <ReportFacts report={report} />
          {job.dryRun && <p className="muted">{t('imports.report.dryRunNote')}</p>}
          {report.errorCount > 0 && (
            <>
              <ErrorTable errors={report.errors} count={report.errorCount} />
              <p>
                <ColumnsLink />
              </p>
            </>
          )}
        </>
      )}
    </section>
  );
}
