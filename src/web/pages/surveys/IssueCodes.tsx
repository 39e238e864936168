import { useState, type FormEvent } from 'react';
import type { RoundUnitProgress } from '../../../contracts/surveys';
import { apiSendForFile, localDetail } from '../../api';
import { ErrorSummary, Field, errorFor } from '../../components/forms';
import { saveBlob } from '../../download';
import { useI18n } from '../../i18n/I18n';
import { useScopeName } from '../../session/scope';
import { useSubmit } from '../../useSubmit';
import { UnitSelect } from './UnitSelect';

type Format = 'pdf' | 'csv';

/**
 * Issues a batch of codes for one unit and hands the file to the browser once: the server keeps
 * only the codes' hashes and answers no-store, so the file is the only copy of the codes.
 */
export function IssueCodes({
  roundId,
  units,
  onIssued,
}: {
  roundId: string;
  units: RoundUnitProgress[];
  onIssued: () => void;
}) {
  const { t, lang } = useI18n();
  const [unitId, setUnitId] = useState(units[0]?.unitId ?? '');
  const [count, setCount] = useState('');
  const [format, setFormat] = useState<Format>('pdf');
  const [done, setDone] = useState<{ count: number; unitId: string; file: string } | null>(null);
  const { errors, message, busy, run } = useSubmit();
  if (units.length === 0) return null;
  const labels = { unitId: t('srv.codes.unit'), count: t('srv.codes.count'), format: t('srv.codes.format') };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setDone(null);
    const n = Number(count);
    void run(async () => {
      const { blob, name } = await apiSendForFile(`/api/v1/surveys/rounds/${roundId}/codes`, {
        unitId,
        // Not a whole number: sent as typed, so the server names the field and its rule.
        count: count.trim() === '' || !Number.isInteger(n) ? count : n,
        format,
      });
      saveBlob(blob, name);
      setCount('');
      setDone({ count: n, unitId, file: name });
      onIssued();
    });
  };
  return (
    <section aria-labelledby="srv-codes">
      <h3 id="srv-codes">{t('srv.codes')}</h3>
      <p>{t('srv.codes.intro')}</p>
      <form className="srv-form" onSubmit={submit} noValidate>
        <ErrorSummary message={message && localDetail(message, lang)} errors={errors} labels={labels} />
        <UnitSelect
          unitIds={units.map((u) => u.unitId)}
          value={unitId}
          onChange={setUnitId}
          error={errorFor(errors, 'unitId')}
        />
        <Field
          label={t('srv.codes.count')}
          hint={t('srv.codes.count.hint')}
          error={errorFor(errors, 'count')}
        >
          {(ids) => (
            <input {...ids} inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
          )}
        </Field>
        <fieldset>
          <legend>{t('srv.codes.format')}</legend>
          {(['pdf', 'csv'] as const).map((f) => (
            <label key={f} className="srv-check">
              <input
                type="radio"
                name="srv-format"
                value={f}
                checked={format === f}
                onChange={() => setFormat(f)}
              />{' '}
              {t(`srv.codes.${f}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          {t('srv.codes.submit')}
        </button>
        <p role="status">{done && <IssuedNote {...done} />}</p>
      </form>
    </section>
  );
}

function IssuedNote({ count, unitId, file }: { count: number; unitId: string; file: string }) {
  const { t } = useI18n();
  const unit = useScopeName({ kind: 'unit', unitId }) ?? '…';
  return <>{t('srv.codes.done', { count, unit, file })}</>;
}
