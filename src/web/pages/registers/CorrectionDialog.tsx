import { useId, useState, type FormEvent } from 'react';
import { apiSend } from '../../api';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n/I18n';
import { EntryFields } from './EntryFields';
import { RegisterErrorSummary } from './ErrorSummary';
import { TextField } from './fields';
import { codeLabel, errorText, formOf } from './format';
import type { Entry, RegisterKinds } from '../../../contracts/registers';
import { cleanData, fieldId, instrumentOf } from './model';
import { useSave } from './useSave';

/**
 * "Rätta": the entry's form prefilled with its current data, and a required reason. The server
 * keeps the earlier version; the history shows who corrected what, when and why.
 */
export function CorrectionDialog({
  entry,
  kinds,
  sex,
  onClose,
  onCorrected,
}: {
  entry: Entry | null;
  kinds: RegisterKinds;
  sex: 'K' | 'M' | null;
  onClose: () => void;
  onCorrected: (entry: Entry) => void;
}) {
  const { t } = useI18n();
  return (
    <Modal open={entry !== null} title={t('registers.correct.title')} onClose={onClose}>
      {entry && (
        <CorrectionForm
          key={`${entry.id}:${entry.version}`}
          entry={entry}
          kinds={kinds}
          sex={sex}
          onCancel={onClose}
          onCorrected={onCorrected}
        />
      )}
    </Modal>
  );
}

function CorrectionForm({
  entry,
  kinds,
  sex,
  onCancel,
  onCorrected,
}: {
  entry: Entry;
  kinds: RegisterKinds;
  sex: 'K' | 'M' | null;
  onCancel: () => void;
  onCorrected: (entry: Entry) => void;
}) {
  const { t } = useI18n();
  const prefix = `fix${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const [data, setData] = useState<Record<string, unknown>>(entry.data);
  const [occurredOn, setOccurredOn] = useState(entry.occurredOn);
  const [reason, setReason] = useState('');
  const save = useSave();
  const fieldError = (field: string) => {
    const e = save.errors.find((x) => x.field === field);
    return e ? errorText(t, e) : undefined;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const date = occurredOn.trim();
    const corrected = await save.run(() =>
      apiSend<Entry>('POST', `/api/v1/entries/${encodeURIComponent(entry.id)}/corrections`, {
        data: cleanData(data),
        ...(date !== entry.occurredOn ? { occurredOn: date } : {}),
        reason,
      }),
    );
    if (corrected) onCorrected(corrected);
  };

  return (
    <form className="reg-form reg-correction" noValidate onSubmit={(e) => void submit(e)}>
      <p>{t('registers.correct.explain')}</p>
      <p>
        <strong>
          {codeLabel(t, 'register', entry.register)}:{' '}
          {t('registers.correct.entry', { kind: codeLabel(t, 'kind', entry.kind), date: entry.occurredOn })}
        </strong>
      </p>
      <RegisterErrorSummary
        ref={save.summaryRef}
        prefix={prefix}
        errors={save.errors}
        message={save.message}
        form={formOf(instrumentOf(entry.register, entry.kind, data))}
      />
      <TextField
        id={fieldId(prefix, 'occurredOn')}
        label={t('registers.field.occurredOn')}
        hint={t('registers.field.occurredOnHint')}
        error={fieldError('occurredOn')}
        value={occurredOn}
        maxLength={10}
        className="reg-date"
        onChange={setOccurredOn}
      />
      <EntryFields
        register={entry.register}
        kind={entry.kind}
        data={data}
        onChange={setData}
        prefix={prefix}
        errors={save.errors}
        kinds={kinds}
        sex={sex}
      />
      <TextField
        id={fieldId(prefix, 'reason')}
        label={t('registers.field.changeReason')}
        hint={t('registers.field.changeReasonHint')}
        error={fieldError('reason')}
        multiline
        maxLength={1000}
        value={reason}
        onChange={setReason}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {save.busy ? t('registers.new.saving') : t('registers.correct.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('registers.cancel')}
        </button>
      </div>
    </form>
  );
}
