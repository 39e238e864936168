import { useId, useState } from 'react';
import { ApiError, apiSend } from '../../api';
import { useI18n } from '../../i18n/I18n';
import {
  TRANSITIONS,
  decideTransition,
  type Standing,
  type Status,
  type Transition,
} from '../../../domain/library/workflow';
import type { EditorialEntry } from './model';

/** The workflow steps open to this user on this entry now, decided by the same rules the server uses. */
export function WorkflowSteps({
  entryId,
  standing,
  status,
  onDone,
}: {
  entryId: string;
  standing: Standing;
  status: Status;
  onDone: (status: Status) => void;
}) {
  const { t } = useI18n();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = TRANSITIONS.filter((step) => decideTransition(standing, status, step).ok);

  const take = async (step: Transition) => {
    setBusy(true);
    setError(null);
    try {
      const entry = await apiSend<EditorialEntry>(
        'POST',
        `/api/v1/library/entries/${encodeURIComponent(entryId)}/transitions`,
        { transition: step, note },
      );
      setNote('');
      onDone(entry.status);
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="ed-steps" aria-labelledby={`${noteId}-h`}>
      <h2 id={`${noteId}-h`}>{t('ed.steps')}</h2>
      {open.length === 0 ? (
        <p>{t('ed.noSteps')}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={noteId}>{t('ed.stepNote')}</label>
            <input id={noteId} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="ed-step-buttons">
            {open.map((step) => (
              <button
                key={step}
                type="button"
                className={step === 'publish' ? 'primary' : undefined}
                disabled={busy}
                onClick={() => void take(step)}
              >
                {t(`ed.step.${step}`)}
              </button>
            ))}
          </div>
        </>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </section>
  );
}
