import { useState, type FormEvent } from 'react';
import { ROLE_SCOPE_KINDS } from '../../../domain/policy/policy';
import { ROLES, type Role } from '../../../domain/policy/principal';
import { ApiError, apiSend, type ProblemField } from '../../api';
import { ErrorSummary, Field, errorFor } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n/I18n';
import { scopeLabel } from '../../session/scope';
import type { Account } from '../../../contracts/identity';
import { EMPTY_SCOPE, ScopePicker, scopeOf, type ScopeDraft } from './ScopePicker';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Grants one role with a scope (and an optional validity period) to one account. */
export function GrantRoleDialog({
  account,
  onClose,
  onGranted,
}: {
  account: Account | null;
  onClose: () => void;
  onGranted: (message: string) => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={account !== null}
      title={account ? t('admin.grant.title', { name: account.displayName }) : ''}
      onClose={onClose}
    >
      {/* Keyed by account: a fresh, empty form for every account. */}
      {account && <GrantForm key={account.id} account={account} onCancel={onClose} onGranted={onGranted} />}
    </Modal>
  );
}

function GrantForm({
  account,
  onCancel,
  onGranted,
}: {
  account: Account;
  onCancel: () => void;
  onGranted: (message: string) => void;
}) {
  const { t } = useI18n();
  const [role, setRole] = useState<Role | ''>('');
  const [scope, setScope] = useState<ScopeDraft>(EMPTY_SCOPE);
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [errors, setErrors] = useState<ProblemField[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kinds = role ? ROLE_SCOPE_KINDS[role] : [];

  const chooseRole = (value: string) => {
    const next = isRole(value) ? value : '';
    setRole(next);
    // Only the kinds the role allows are offered; start on its first.
    setScope({ ...scope, kind: next ? (ROLE_SCOPE_KINDS[next][0] ?? 'nation') : 'nation' });
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setMessage(null);
    const chosen = scopeOf(scope);
    const missing: ProblemField[] = [
      ...(role ? [] : [{ field: 'role', rule: 'required', message: 'required' }]),
      ...('missing' in chosen && role
        ? [{ field: chosen.missing, rule: 'required', message: 'required' }]
        : []),
    ];
    setErrors(missing);
    const focusInvalid = () =>
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    if (missing.length > 0 || !role || 'missing' in chosen) {
      focusInvalid();
      return;
    }
    setBusy(true);
    try {
      await apiSend('POST', `/api/v1/admin/accounts/${account.id}/roles`, {
        role,
        scope: chosen,
        ...(validFrom ? { validFrom } : {}),
        ...(validTo ? { validTo } : {}),
      });
      const label = await scopeLabel(t, chosen);
      onGranted(t('admin.grant.done', { name: account.displayName, role: t(`role.${role}`), scope: label }));
    } catch (err) {
      if (err instanceof ApiError && err.errors.length > 0) setErrors(err.errors);
      else setMessage(err instanceof Error ? err.message : String(err));
      focusInvalid();
    } finally {
      setBusy(false);
    }
  };

  const labels: Record<string, string> = {
    role: t('admin.grant.role'),
    'scope.kind': t('admin.grant.scopeKind'),
    'scope.unitId': t('admin.grant.unit'),
    'scope.code': scope.kind === 'region' ? t('admin.grant.region') : t('admin.grant.municipality'),
    validFrom: t('admin.grant.validFrom'),
    validTo: t('admin.grant.validTo'),
  };
  return (
    <form className="form-stack" noValidate onSubmit={(e) => void onSubmit(e)}>
      <ErrorSummary message={message} errors={errors} labels={labels} />
      <Field label={labels['role'] ?? ''} error={errorFor(errors, 'role')}>
        {(ids) => (
          <select {...ids} value={role} onChange={(e) => chooseRole(e.target.value)}>
            <option value="">{t('admin.grant.chooseRole')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {role && <ScopePicker kinds={kinds} value={scope} onChange={setScope} errors={errors} />}
      <div className="date-pair">
        <Field
          label={labels['validFrom'] ?? ''}
          hint={t('admin.grant.validFromHint')}
          error={errorFor(errors, 'validFrom')}
          optional
        >
          {(ids) => (
            <input {...ids} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
          )}
        </Field>
        <Field
          label={labels['validTo'] ?? ''}
          hint={t('admin.grant.validToHint')}
          error={errorFor(errors, 'validTo')}
          optional
        >
          {(ids) => (
            <input {...ids} type="date" value={validTo} onChange={(e) => setValidTo(e.target.value)} />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.working') : t('admin.grant.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
