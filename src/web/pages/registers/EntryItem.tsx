import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/I18n';
import { UnitName } from '../../session/scope';
import type { ScoreAnswer } from '../../../contracts/instruments';
import { EntryHistory } from './EntryHistory';
import { codeLabel, dataValueText, fieldLabel } from './format';
import type { Entry } from '../../../contracts/registers';
import { isRecord, stockholmTime, str } from './model';

// The order data fields are shown in; answers are summed up by the score, goals and words below.
const SHOWN = [
  'instrument',
  'phase',
  'riskArea',
  'actionCode',
  'text',
  'eventType',
  'grade',
  'outcome',
  'reason',
  'place',
  'ksi',
  'endDate',
  'causes',
];

/** The score in words: total, band and risk as text badges (never colour alone). */
export function ScoreBadges({ derived, showRisk }: { derived: ScoreAnswer; showRisk: boolean }) {
  const { t, lang, formatNumber } = useI18n();
  return (
    <span className="reg-score">
      {derived.total !== null && (
        <span className="reg-total">
          {t('registers.entry.total', { total: formatNumber(derived.total) })}
        </span>
      )}{' '}
      <span className="reg-badge reg-band">{derived.bandLabel[lang]}</span>{' '}
      {showRisk && (
        <span className={`reg-badge ${derived.risk ? 'reg-risk' : 'reg-norisk'}`}>
          <span aria-hidden="true">{derived.risk ? '⚠ ' : '✓ '}</span>
          {derived.risk ? t('registers.entry.risk') : t('registers.entry.noRisk')}
        </span>
      )}
    </span>
  );
}

function Goals({ goals }: { goals: unknown[] }) {
  const { t } = useI18n();
  return (
    <ol className="reg-goals-shown">
      {goals.filter(isRecord).map((g, n) => (
        <li key={n}>
          {str(g['text'])}{' '}
          <span className="reg-badge">
            {typeof g['met'] === 'string'
              ? codeLabel(t, 'goalMet', g['met'])
              : t('registers.goalMet.unjudged')}
          </span>
        </li>
      ))}
    </ol>
  );
}

function Facts({ entry }: { entry: Entry }) {
  const { t, lang } = useI18n();
  const rows: Array<[string, ReactNode]> = [[t('registers.entry.unit'), <UnitName unitId={entry.unitId} />]];
  for (const key of SHOWN) {
    const v = entry.data[key];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    rows.push([fieldLabel(t, lang, `data.${key}`), dataValueText(t, lang, key, v)]);
  }
  if (entry.derived)
    rows.push([
      t('registers.entry.result'),
      <ScoreBadges derived={entry.derived} showRisk={entry.kind !== 'death_registration'} />,
    ]);
  const goals = entry.data['goals'];
  if (Array.isArray(goals) && goals.length > 0)
    rows.push([t('registers.field.goals'), <Goals goals={goals} />]);
  const view = str(entry.data['clientView']);
  if (view) rows.push([t('registers.field.clientView'), <q className="reg-quote">{view}</q>]);
  const note = str(entry.data['note']);
  if (note) rows.push([t('registers.field.note'), note]);
  return (
    <dl className="reg-facts">
      {rows.map(([label, value]) => (
        <div key={label} className="reg-fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One entry on the timeline, with its history and the way to correct it. */
export function EntryItem({ entry, onCorrect }: { entry: Entry; onCorrect: (entry: Entry) => void }) {
  const { t, lang } = useI18n();
  const [historyOpen, setHistoryOpen] = useState(false);
  const kind = codeLabel(t, 'kind', entry.kind);
  const context = t('registers.entry.context', { kind, date: entry.occurredOn });
  const name = entry.recordedByName ?? t('registers.entry.unknownUser');
  const time = stockholmTime(entry.recordedAt, lang);
  return (
    <article className={`reg-entry reg-entry-${entry.register}`} aria-labelledby={`entry-${entry.id}`}>
      <h3 id={`entry-${entry.id}`} tabIndex={-1}>
        <time dateTime={entry.occurredOn}>{entry.occurredOn}</time>
        <span className="reg-sep"> · </span>
        <span className="reg-register">{codeLabel(t, 'register', entry.register)}</span>
        <span className="reg-sep"> · </span>
        {kind}
      </h3>
      <Facts entry={entry} />
      <p className="muted reg-recorded">
        {entry.version > 1
          ? t('registers.entry.corrected', {
              time,
              name,
              version: entry.version,
              reason: entry.changeReason ?? '',
            })
          : t('registers.entry.recorded', { time, name })}
      </p>
      <div className="reg-entry-actions">
        <button
          type="button"
          className="small"
          aria-expanded={historyOpen}
          aria-controls={historyOpen ? `history-${entry.id}` : undefined}
          onClick={() => setHistoryOpen(!historyOpen)}
        >
          {historyOpen ? t('registers.entry.hideHistory') : t('registers.entry.showHistory')}
          <span className="visually-hidden">: {context}</span>
        </button>
        <button type="button" className="small" onClick={() => onCorrect(entry)}>
          {t('registers.entry.correct')}
          <span className="visually-hidden">: {context}</span>
        </button>
      </div>
      {historyOpen && <EntryHistory id={`history-${entry.id}`} entry={entry} />}
    </article>
  );
}
