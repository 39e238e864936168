import { useId, useState, type FormEvent } from 'react';
import { ApiError, apiSend, localDetail, type ProblemField } from '../../api';
import { ErrorSummary, Field, errorFor } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n/I18n';
import type { BreakGlassGrant } from '../../../contracts/persons';

export const MIN_REASON_LENGTH = 10;

/**
 * Break the glass: read a person outside one's scope for a few hours. The dialog says plainly
 * that the access is logged and reviewed, and a reason is required.
 */
export function BreakGlassDialog({
  personnummer,
  onClose,
  onGranted,
}: {
  personnummer: string | null;
  onClose: () => void;
  onGranted: (grant: BreakGlassGrant) => void;
}) {
  const { t } = useI18n();
  return (
    <Modal open={personnummer !== null} title={t('persons.breakGlass.title')} onClose={onClose}>
      {personnummer && (
        <BreakGlassForm
          key={personnummer}
          personnummer={personnummer}
          onCancel={onClose}
          onGranted={onGranted}
        />
      )}
    </Modal>
  );
}

function BreakGlassForm({
  personnummer,
  onCancel,
  onGranted,
}: {
  personnummer: string;
  onCancel: () => void;
  onGranted: (grant: BreakGlassGrant) => void;
}) {
  const { t, lang } = useI18n();
  const explainId = useId();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ProblemField[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const textarea = e.currentTarget.querySelector('textarea');
    setMessage(null);
    if (reason.trim().length < MIN_REASON_LENGTH) {
      setErrors([
        { field: 'reason', rule: 'reason_too_short', message: t('persons.breakGlass.reasonTooShort') },
      ]);
      textarea?.focus();
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      onGranted(
        await apiSend<BreakGlassGrant>('POST', '/api/v1/persons/break-glass', { personnummer, reason }),
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setMessage(t('persons.breakGlass.noSuchPerson'));
      else if (err instanceof ApiError && err.errors.length > 0) setErrors(err.errors);
      else setMessage(err instanceof ApiError ? localDetail(err.message, lang) : String(err));
      setBusy(false);
    }
  };

  return (
    <form className="form-stack" noValidate aria-describedby={explainId} onSubmit={(e) => void onSubmit(e)}>
      <p id={explainId}>{t('persons.breakGlass.explain')}</p>
      <p>
        <strong>{t('persons.breakGlass.person', { number: personnummer })}</strong>
      </p>
      <ErrorSummary message={message} errors={errors} labels={{ reason: t('persons.breakGlass.reason') }} />
      <Field
        label={t('persons.breakGlass.reason')}
        hint={t('persons.breakGlass.reasonHint')}
        error={errorFor(errors, 'reason')}
      >
        {(ids) => (
          <textarea
            {...ids}
            name="reason"
            rows={3}
            required
            minLength={MIN_REASON_LENGTH}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('persons.breakGlass.confirm')}
        </button>
      </div>
    </form>
  );
}
