import { useI18n } from '../../i18n/I18n';
import type { EntrySummary } from './model';

/** Kind, evidence, "example" and "review overdue" as words (never colour alone). */
export function EntryBadges({
  entry,
  stale,
  writtenOn,
}: {
  entry: EntrySummary;
  stale?: boolean;
  writtenOn?: string | null;
}) {
  const { t } = useI18n();
  return (
    <p className="lib-badges">
      <span className="lib-badge">{t(`lib.kind.${entry.kind}`)}</span>
      <span className="lib-badge">{t('lib.evidence', { level: t(`lib.evidence.${entry.evidence}`) })}</span>
      {entry.isSample && (
        <span className="lib-badge lib-badge-sample">
          {writtenOn ? t('lib.sample', { date: writtenOn }) : t('lib.sampleShort')}
        </span>
      )}
      {stale && <span className="lib-badge lib-badge-stale">{t('lib.stale')}</span>}
    </p>
  );
}
