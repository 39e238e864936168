import { useState, type FormEvent } from 'react';
import { parseIdentityNumber } from '../../../domain/persons/personnummer';
import type { ProblemField } from '../../api';
import { Field, errorFor } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import { swedishToday } from './model';

/**
 * The personnummer field. The number is checked here with the server's own parser, so a typing
 * error is caught before anything is sent (and logged); the server checks again.
 */
export function LookupForm({
  busy,
  serverErrors,
  onLookup,
}: {
  busy: boolean;
  serverErrors: ProblemField[];
  onLookup: (personnummer: string) => void;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [localError, setLocalError] = useState<ProblemField | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = e.currentTarget.querySelector('input');
    const parsed = parseIdentityNumber(value.trim(), swedishToday());
    if (!parsed.ok) {
      setLocalError({ field: 'personnummer', rule: parsed.rule, message: parsed.message });
      input?.focus();
      return;
    }
    setLocalError(null);
    onLookup(value.trim());
  };
  const error = localError ?? errorFor(serverErrors, 'personnummer');
  return (
    <form className="person-lookup" role="search" noValidate onSubmit={onSubmit}>
      <Field label={t('persons.search.label')} hint={t('persons.search.hint')} error={error}>
        {(ids) => (
          <input
            {...ids}
            name="personnummer"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('persons.search.searching') : t('persons.search.submit')}
      </button>
    </form>
  );
}
