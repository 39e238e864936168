import { useRef, useState } from 'react';
import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { useLoad } from '../../useApi';
import { AccountTable } from './AccountTable';
import { CreateAccountForm } from './CreateAccountForm';
import { GrantRoleDialog } from './GrantRoleDialog';
import { DisableDialog } from './DisableDialog';
import type { Account } from '../../../contracts/identity';
import './admin.css';

/** /admin/konton: accounts, their roles and scopes (system administrators only). */
export function AccountsPage() {
  const { t, tn } = useI18n();
  const [version, setVersion] = useState(0);
  const accounts = useLoad(
    `accounts:${version}`,
    () => apiGet<{ accounts: Account[] }>('/api/v1/admin/accounts').then((r) => r.accounts),
    { keepData: true },
  );
  const [status, setStatus] = useState<string | null>(null);
  const [grantFor, setGrantFor] = useState<Account | null>(null);
  const [disableFor, setDisableFor] = useState<Account | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  // After a change: reload the list and say what happened where focus can find it.
  const changed = (message: string, focusStatus: boolean) => {
    setStatus(message);
    setVersion((v) => v + 1);
    if (focusStatus) requestAnimationFrame(() => statusRef.current?.focus());
  };

  return (
    <section className="admin-page">
      <h1>{t('admin.title')}</h1>
      <p className="lead">{t('admin.intro')}</p>
      <div role="status">
        {status && (
          <p ref={statusRef} tabIndex={-1} className="status-ok">
            {status}
          </p>
        )}
      </div>
      {accounts.state === 'loading' && <p>{t('common.loading')}</p>}
      {accounts.state === 'error' && <p role="alert">{t('common.error', { message: accounts.message })}</p>}
      {accounts.state === 'ready' && (
        <>
          <p className="muted">{tn('admin.count', accounts.data.length)}</p>
          <AccountTable
            accounts={accounts.data}
            onGrant={setGrantFor}
            onDisable={setDisableFor}
            onChanged={(message) => changed(message, true)}
          />
        </>
      )}
      <CreateAccountForm
        onCreated={(account) => {
          changed(t('admin.create.done', { username: account.username }), false);
          setGrantFor(account);
        }}
      />
      <GrantRoleDialog
        account={grantFor}
        onClose={() => setGrantFor(null)}
        onGranted={(message) => {
          setGrantFor(null);
          changed(message, true);
        }}
      />
      <DisableDialog
        account={disableFor}
        onClose={() => setDisableFor(null)}
        onDisabled={(message) => {
          setDisableFor(null);
          changed(message, true);
        }}
      />
    </section>
  );
}
