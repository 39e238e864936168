import { useEffect, type ReactNode } from 'react';
import type { Action } from '../../domain/policy/policy';
import { useI18n } from '../i18n/I18n';
import { useRouter } from '../router';
import { useSession } from './Session';

/** The login page's address that brings the user back here afterwards. */
export function loginHref(returnTo: string): string {
  return `/logga-in?${new URLSearchParams({ returnTo }).toString()}`;
}

/**
 * Shows its children only to a logged-in user the policy allows `action`; anonymous visitors
 * go to the login page and come back after it. The server checks again on every request.
 */
export function RequireAccess({ action, children }: { action: Action; children: ReactNode }) {
  const { t } = useI18n();
  const { session, allows } = useSession();
  const { path, query, navigate } = useRouter();
  const search = query.toString();
  const here = search ? `${path}?${search}` : path;
  useEffect(() => {
    if (session.status === 'anonymous') navigate(loginHref(here), { replace: true });
  }, [session.status, here, navigate]);

  if (session.status === 'loading') return <p aria-busy="true">{t('session.checking')}</p>;
  if (session.status === 'anonymous') return null;
  if (!allows(action)) {
    return (
      <section>
        <h1>{t('session.forbidden.title')}</h1>
        <p>{t('session.forbidden.text')}</p>
      </section>
    );
  }
  return <>{children}</>;
}
