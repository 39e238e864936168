import { useI18n } from '../../i18n/I18n';
import type { Loadable } from '../../useApi';
import { EntryItem } from './EntryItem';
import type { Entry, Timeline } from '../../../contracts/registers';

/** The entries, newest first (the server's order), as a list of articles. */
export function TimelineList({
  timeline,
  filtered,
  onCorrect,
}: {
  timeline: Loadable<Timeline>;
  filtered: boolean;
  onCorrect: (entry: Entry) => void;
}) {
  const { t, tn } = useI18n();
  return (
    <section className="reg-timeline" aria-labelledby="reg-entries-heading">
      <h2 id="reg-entries-heading">{t('registers.entries.heading')}</h2>
      {timeline.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {timeline.state === 'error' && <p role="alert">{t('common.error', { message: timeline.message })}</p>}
      {timeline.state === 'ready' && (
        <>
          <p className="muted">{tn('registers.entries.count', timeline.data.entries.length)}</p>
          {timeline.data.entries.length === 0 ? (
            <p>{filtered ? t('registers.entries.emptyFiltered') : t('registers.entries.empty')}</p>
          ) : (
            <ol className="reg-entries">
              {timeline.data.entries.map((e) => (
                <li key={e.id}>
                  <EntryItem entry={e} onCorrect={onCorrect} />
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
