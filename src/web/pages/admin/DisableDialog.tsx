import { useState } from 'react';
import { apiSend } from '../../api';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n/I18n';
import type { Account } from '../../../contracts/identity';

/** Asks before disabling: it ends every session and there is no way back in this page. */
export function DisableDialog({
  account,
  onClose,
  onDisabled,
}: {
  account: Account | null;
  onClose: () => void;
  onDisabled: (message: string) => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const disable = async (a: Account) => {
    setBusy(true);
    setError(null);
    try {
      await apiSend('POST', `/api/v1/admin/accounts/${a.id}/disable`);
      onDisabled(t('admin.disabled', { name: a.displayName }));
    } catch (err) {
      setError(t('common.error', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={account !== null} title={t('admin.disable')} onClose={onClose}>
      {account && (
        <>
          <p>{t('admin.disableQuestion', { name: account.displayName })}</p>
          <div role="alert">{error && <p className="form-error">{error}</p>}</div>
          {/* Cancel comes first so that the dialog opens on the harmless choice. */}
          <div className="form-actions">
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => void disable(account)}>
              {t('admin.disableYes')}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
