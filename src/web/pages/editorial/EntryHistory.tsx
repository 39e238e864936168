import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { stockholmTime, type EntryEvent } from './model';

const ACTIONS: Record<string, MessageKey> = {
  create: 'ed.action.create',
  edit: 'ed.action.edit',
  submit: 'ed.action.submit',
  publish: 'ed.action.publish',
  return: 'ed.action.return',
  archive: 'ed.action.archive',
};

/** Who changed what and when: every version saved and every step taken, oldest first. */
export function EntryHistory({ events }: { events: EntryEvent[] }) {
  const { t, lang } = useI18n();
  return (
    <section className="ed-history">
      <h2>{t('ed.history')}</h2>
      <table>
        <caption>{t('ed.history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ed.history.when')}</th>
            <th scope="col">{t('ed.history.who')}</th>
            <th scope="col">{t('ed.history.what')}</th>
            <th scope="col">{t('ed.history.note')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e, i) => {
            const key = ACTIONS[e.action];
            return (
              <tr key={i} data-action={e.action}>
                <td>{stockholmTime(e.at, lang)}</td>
                <td>{e.actorName ?? t('ed.history.system')}</td>
                <td>{key ? t(key, { version: e.version }) : e.action}</td>
                <td>{e.note}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
