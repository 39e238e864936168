import { useI18n } from '../../i18n/I18n';
import { isMessageKey } from '../../i18n/messages';
import { Link } from '../../router';
import { UnitName } from '../../session/scope';
import type { ReviewedEntry } from '../../../contracts/audit';
import { actorOf } from './model';

/** The entries of one page, newest first; flags are words, not colours only. */
export function AuditTable({ entries }: { entries: ReviewedEntry[] }) {
  const { t } = useI18n();
  if (entries.length === 0) return <p>{t('audit.none')}</p>;
  const actionText = (action: string) => {
    const key = `audit.action.${action}`;
    return isMessageKey(key) ? t(key) : action;
  };
  return (
    <div className="table-wrap">
      <table className="data-table audit-table">
        <caption>{t('audit.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.col.seq')}</th>
            <th scope="col">{t('audit.col.time')}</th>
            <th scope="col">{t('audit.col.user')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.outcome')}</th>
            <th scope="col">{t('audit.col.person')}</th>
            <th scope="col">{t('audit.col.unit')}</th>
            <th scope="col">{t('audit.col.purpose')}</th>
            <th scope="col">{t('audit.col.flags')}</th>
            <th scope="col">{t('audit.col.address')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} className={e.flags.length > 0 ? 'audit-flagged' : undefined}>
              <td className="num">{e.seq}</td>
              <td className="nowrap">
                <time dateTime={e.occurredAt}>{e.occurredAtLocal}</time>
              </td>
              <td>{actorOf(e) ?? <span className="muted">{t('audit.unknownUser')}</span>}</td>
              <th scope="row">{actionText(e.action)}</th>
              <td className={`outcome-${e.outcome}`}>{t(`audit.outcome.${e.outcome}`)}</td>
              <td>
                {e.personPseudonym && (
                  <Link href={`/logg?person=${encodeURIComponent(e.personPseudonym)}`} className="pseudonym">
                    {/* The first characters are enough to tell persons apart on screen. */}
                    {e.personPseudonym.slice(0, 10)}…
                    <span className="visually-hidden"> {t('audit.personLink')}</span>
                  </Link>
                )}
              </td>
              <td>{e.unitId && <UnitName unitId={e.unitId} />}</td>
              <td>{e.purpose}</td>
              <td>
                {e.flags.map((f) => (
                  <span key={f} className={`flag flag-${f}`}>
                    {t(`audit.flag.${f}`)}
                  </span>
                ))}
              </td>
              <td className="nowrap">{e.clientAddress}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
