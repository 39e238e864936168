import { useState, type FormEvent } from 'react';
import { ApiError, apiSend, type ProblemField } from '../../api';
import { ErrorSummary, Field, errorFor } from '../../components/forms';
import { useI18n } from '../../i18n/I18n';
import type { Account } from '../../../contracts/identity';

const EMPTY = { username: '', displayName: '', password: '', oidcSubject: '' };

/** Creates an account with a password, an OIDC subject, or both; the server validates. */
export function CreateAccountForm({ onCreated }: { onCreated: (a: Account) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<ProblemField[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof EMPTY) => (value: string) => setDraft({ ...draft, [key]: value });

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setErrors([]);
    setMessage(null);
    setBusy(true);
    try {
      const account = await apiSend<Account>('POST', '/api/v1/admin/accounts', {
        username: draft.username,
        displayName: draft.displayName,
        // Empty optional fields are left out: the server wants a password or a subject, not "".
        ...(draft.password ? { password: draft.password } : {}),
        ...(draft.oidcSubject.trim() ? { oidcSubject: draft.oidcSubject.trim() } : {}),
      });
      setDraft(EMPTY);
      onCreated(account);
    } catch (err) {
      if (err instanceof ApiError && err.errors.length > 0) setErrors(err.errors);
      else setMessage(err instanceof Error ? err.message : String(err));
      // Focus the first field the server named, so the keyboard user lands on it.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } finally {
      setBusy(false);
    }
  };

  const labels = {
    username: t('admin.create.username'),
    displayName: t('admin.create.displayName'),
    password: t('admin.create.password'),
    oidcSubject: t('admin.create.oidcSubject'),
  };
  return (
    <section className="admin-create" aria-labelledby="create-account-title">
      <h2 id="create-account-title">{t('admin.create.title')}</h2>
      <form className="form-stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <ErrorSummary message={message} errors={errors} labels={labels} />
        <Field
          label={labels.username}
          hint={t('admin.create.usernameHint')}
          error={errorFor(errors, 'username')}
        >
          {(ids) => (
            <input
              {...ids}
              name="username"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={draft.username}
              onChange={(e) => set('username')(e.target.value)}
            />
          )}
        </Field>
        <Field label={labels.displayName} error={errorFor(errors, 'displayName')}>
          {(ids) => (
            <input
              {...ids}
              name="displayName"
              autoComplete="off"
              value={draft.displayName}
              onChange={(e) => set('displayName')(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={labels.password}
          hint={t('admin.create.passwordHint')}
          error={errorFor(errors, 'password')}
          optional
        >
          {(ids) => (
            <input
              {...ids}
              name="password"
              type="password"
              autoComplete="new-password"
              value={draft.password}
              onChange={(e) => set('password')(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={labels.oidcSubject}
          hint={t('admin.create.oidcSubjectHint')}
          error={errorFor(errors, 'oidcSubject')}
          optional
        >
          {(ids) => (
            <input
              {...ids}
              name="oidcSubject"
              autoComplete="off"
              spellCheck={false}
              value={draft.oidcSubject}
              onChange={(e) => set('oidcSubject')(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.working') : t('admin.create.submit')}
        </button>
      </form>
    </section>
  );
}
