import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18n';
import type { Loadable } from '../useApi';

/** A loaded value on screen: a status while it loads, an alert when it failed, else `children(data)`. */
export function LoadedView<T>({ of, children }: { of: Loadable<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (of.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (of.state === 'error') return <p role="alert">{t('common.error', { message: of.message })}</p>;
  return <>{children(of.data)}</>;
}
