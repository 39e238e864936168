import { useState } from 'react';
import type { RoleAssignment } from '../../../domain/policy/principal';
import { apiSend } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { useScopeText } from '../../session/scope';
import type { Account } from '../../../contracts/identity';

/** The accounts with their roles; each role can be withdrawn, each account given a role or disabled. */
export function AccountTable({
  accounts,
  onGrant,
  onDisable,
  onChanged,
}: {
  accounts: Account[];
  onGrant: (a: Account) => void;
  onDisable: (a: Account) => void;
  onChanged: (message: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="data-table accounts-table">
        <caption>{t('admin.accounts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.col.username')}</th>
            <th scope="col">{t('admin.col.name')}</th>
            <th scope="col">{t('admin.col.roles')}</th>
            <th scope="col">{t('admin.col.status')}</th>
            <th scope="col">{t('admin.col.actions')}</th>
            {/* Last: on a tablet the column that may scroll out of view is the least needed. */}
            <th scope="col">{t('admin.col.login')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} className={a.disabled ? 'account-disabled' : undefined}>
              <th scope="row">{a.username}</th>
              <td>{a.displayName}</td>
              <td>
                <RoleCell account={a} onChanged={onChanged} />
              </td>
              <td>{a.disabled ? t('admin.status.disabled') : t('admin.status.active')}</td>
              <td>
                {!a.disabled && (
                  <div className="row-actions">
                    <button type="button" onClick={() => onGrant(a)}>
                      {t('admin.grantOpen')}
                      <span className="visually-hidden">
                        {' '}
                        {t('admin.grantOpenFor', { name: a.displayName })}
                      </span>
                    </button>
                    <button type="button" className="danger" onClick={() => onDisable(a)}>
                      {t('admin.disable')}
                      <span className="visually-hidden">
                        {' '}
                        {t('admin.disableFor', { name: a.displayName })}
                      </span>
                    </button>
                  </div>
                )}
              </td>
              <td>
                <LoginMethods account={a} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LoginMethods({ account }: { account: Account }) {
  const { t } = useI18n();
  const methods = [
    account.hasPassword ? t('admin.login.password') : null,
    account.oidcSubject ? `${t('admin.login.oidc')} (${account.oidcSubject})` : null,
  ].filter((m): m is string => m !== null);
  return <>{methods.length ? methods.join(', ') : t('admin.login.none')}</>;
}

function RoleCell({ account, onChanged }: { account: Account; onChanged: (message: string) => void }) {
  const { t } = useI18n();
  if (account.assignments.length === 0) return <span className="muted">{t('admin.noRoles')}</span>;
  return (
    <ul className="role-list">
      {account.assignments.map((r) => (
        <RoleItem key={r.id} account={account} assignment={r} onChanged={onChanged} />
      ))}
    </ul>
  );
}

function RoleItem({
  account,
  assignment,
  onChanged,
}: {
  account: Account;
  assignment: RoleAssignment;
  onChanged: (message: string) => void;
}) {
  const { t } = useI18n();
  const scope = useScopeText(assignment.scope);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const role = t(`role.${assignment.role}`);
  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiSend<void>('DELETE', `/api/v1/admin/accounts/${account.id}/roles/${assignment.id}`);
      onChanged(t('admin.withdrawn', { role, name: account.displayName }));
    } catch (err) {
      setError(t('common.error', { message: err instanceof Error ? err.message : String(err) }));
      setBusy(false);
    }
  };
  return (
    <li>
      <span className="role-name">{role}</span> – {scope}{' '}
      <span className="muted">
        {assignment.validTo
          ? t('admin.validityTo', { from: assignment.validFrom, to: assignment.validTo })
          : t('admin.validity', { from: assignment.validFrom })}
      </span>{' '}
      {!account.disabled && (
        <button type="button" className="small" disabled={busy} onClick={() => void withdraw()}>
          {t('admin.withdraw')}
          <span className="visually-hidden">
            {' '}
            {t('admin.withdrawFor', { role, scope, name: account.displayName })}
          </span>
        </button>
      )}
      {error && (
        <span role="alert" className="field-error">
          {' '}
          {error}
        </span>
      )}
    </li>
  );
}
