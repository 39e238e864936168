import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { useLoad } from '../../useApi';
import { changesBetween } from './diff';
import type { Entry, EntryVersion } from '../../../contracts/registers';
import { stockholmTime } from './model';

/** Every version of an entry, newest first: who, when, why, and what changed from the one before. */
export function EntryHistory({ id, entry }: { id: string; entry: Entry }) {
  const { t, lang } = useI18n();
  const versions = useLoad(`versions:${entry.id}:${entry.version}`, () =>
    apiGet<{ versions: EntryVersion[] }>(`/api/v1/entries/${encodeURIComponent(entry.id)}/versions`),
  );
  return (
    <section id={id} className="reg-history" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t('registers.history.heading')}</h4>
      {versions.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {versions.state === 'error' && <p role="alert">{t('common.error', { message: versions.message })}</p>}
      {versions.state === 'ready' && (
        <ol className="reg-versions">
          {versions.data.versions.map((v, i) => {
            const older = versions.data.versions[i + 1];
            const changes = older ? changesBetween(t, lang, entry.register, entry.kind, older, v) : [];
            return (
              <li key={v.version} className="reg-version">
                <p>
                  <strong>{t('registers.history.version', { version: v.version })}</strong>{' '}
                  {t('registers.history.by', {
                    time: stockholmTime(v.recordedAt, lang),
                    name: v.recordedByName ?? t('registers.entry.unknownUser'),
                  })}
                </p>
                {v.changeReason && (
                  <p className="reg-reason">{t('registers.history.reason', { reason: v.changeReason })}</p>
                )}
                {!older && <p>{t('registers.history.first')}</p>}
                {older && changes.length === 0 && <p>{t('registers.history.noChanges')}</p>}
                {changes.length > 0 && (
                  <>
                    <p>{t('registers.history.changes')}</p>
                    <ul className="reg-changes">
                      {changes.map((c) => (
                        <li key={c.label}>
                          {c.label}: {t('registers.history.change', { from: c.from, to: c.to })}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
