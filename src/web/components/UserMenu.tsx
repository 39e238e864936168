import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/I18n';
import { Link, useRouter } from '../router';
import { loginHref } from '../session/RequireAccess';
import { useSession } from '../session/Session';
import './user-menu.css';

// A logged-in user's menu (roles, scopes, logout) loads once someone is logged in: an anonymous
// visitor of the public pages gets only the login link.
const LoggedInMenu = lazy(() => import('./LoggedInMenu').then((m) => ({ default: m.LoggedInMenu })));

/** The header's login link, or the logged-in user's menu. */
export function UserMenu() {
  const { t } = useI18n();
  const { session } = useSession();
  const { path, query } = useRouter();
  if (session.status === 'loading') return null;
  if (session.status === 'anonymous') {
    if (path === '/logga-in') return null;
    const search = query.toString();
    return (
      <Link className="login-link" href={loginHref(search ? `${path}?${search}` : path)}>
        {t('nav.login')}
      </Link>
    );
  }
  return (
    <Suspense fallback={null}>
      <LoggedInMenu principal={session.principal} />
    </Suspense>
  );
}
