import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { apiSend } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { UnitName } from '../../session/scope';
import type { PersonDetail } from '../../../contracts/persons';
import { EntryFields } from './EntryFields';
import { RegisterErrorSummary } from './ErrorSummary';
import { RadioGroup, TextField } from './fields';
import { codeLabel, errorText, formOf } from './format';
import type { Entry, RegisterKinds } from '../../../contracts/registers';
import { REGISTERS, cleanData, emptyData, fieldId, instrumentOf, swedishToday } from './model';
import { useSave } from './useSave';

/**
 * "Ny registrering": register, kind, unit (one the person is served by) and date, then the kind's
 * own fields. The server validates and scores; its errors stand at their fields and in a summary.
 */
export function NewEntryForm({
  person,
  kinds,
  onSaved,
  onCancel,
}: {
  person: PersonDetail;
  kinds: RegisterKinds;
  onSaved: (entry: Entry) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const prefix = `new${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const units = [...new Set(person.services.map((s) => s.unitId))];
  const [register, setRegister] = useState('');
  const [kind, setKind] = useState('');
  const [unitId, setUnitId] = useState(units.length === 1 ? (units[0] ?? '') : '');
  const [occurredOn, setOccurredOn] = useState(swedishToday());
  const [data, setData] = useState<Record<string, unknown>>({});
  const save = useSave();

  useEffect(() => headingRef.current?.focus(), []);

  const fieldError = (field: string) => {
    const e = save.errors.find((x) => x.field === field);
    return e ? errorText(t, e) : undefined;
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const entry = await save.run(() =>
      apiSend<Entry>('POST', `/api/v1/persons/${encodeURIComponent(person.pseudonym)}/entries`, {
        register,
        kind,
        unitId,
        occurredOn: occurredOn.trim(),
        data: cleanData(data),
      }),
    );
    if (entry) onSaved(entry);
  };
  const periods = (unit: string) =>
    person.services
      .filter((s) => s.unitId === unit)
      .map((s) =>
        s.validTo
          ? t('persons.detail.periodTo', { from: s.validFrom, to: s.validTo })
          : t('persons.detail.period', { from: s.validFrom }),
      )
      .join(', ');

  return (
    <section className="reg-panel" aria-labelledby={`${prefix}-heading`}>
      <h2 id={`${prefix}-heading`} ref={headingRef} tabIndex={-1}>
        {t('registers.new.heading')}
      </h2>
      <RegisterErrorSummary
        ref={save.summaryRef}
        prefix={prefix}
        errors={save.errors}
        message={save.message}
        form={formOf(instrumentOf(register, kind, data))}
      />
      <form className="reg-form" noValidate onSubmit={(e) => void submit(e)}>
        <RadioGroup
          id={fieldId(prefix, 'register')}
          legend={t('registers.field.register')}
          error={fieldError('register')}
          options={REGISTERS.map((r) => ({ value: r, label: codeLabel(t, 'register', r) }))}
          value={register || undefined}
          onChange={(r) => {
            setRegister(r);
            setKind('');
            setData({});
          }}
        />
        {register && (
          <RadioGroup
            id={fieldId(prefix, 'kind')}
            legend={t('registers.field.kind')}
            error={fieldError('kind')}
            options={kinds.kinds
              .filter((k) => k.register === register)
              .map((k) => ({ value: k.kind, label: codeLabel(t, 'kind', k.kind) }))}
            value={kind || undefined}
            onChange={(k) => {
              setKind(k);
              setData(emptyData(register, k));
            }}
          />
        )}
        {units.length === 0 ? (
          <p>{t('registers.new.noUnits')}</p>
        ) : (
          <RadioGroup
            id={fieldId(prefix, 'unitId')}
            legend={t('registers.field.unitId')}
            error={fieldError('unitId')}
            options={units.map((u) => ({
              value: u,
              label: (
                <>
                  <UnitName unitId={u} /> <span className="muted">({periods(u)})</span>
                </>
              ),
            }))}
            value={unitId || undefined}
            onChange={setUnitId}
          />
        )}
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
        {register && kind ? (
          <div className="reg-kind-fields">
            <h3>{codeLabel(t, 'kind', kind)}</h3>
            <EntryFields
              key={`${register}.${kind}`}
              register={register}
              kind={kind}
              data={data}
              onChange={setData}
              prefix={prefix}
              errors={save.errors}
              kinds={kinds}
              sex={person.sex}
            />
          </div>
        ) : (
          <p className="muted">{t('registers.new.chooseKind')}</p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.busy || !register || !kind}>
            {save.busy ? t('registers.new.saving') : t('registers.new.save')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('registers.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
