import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18n';
import { Link } from '../router';
import { pages } from '../pages';
import { apiGet } from '../api';
import { useLoad } from '../useApi';
import { useSession } from '../session/Session';
import { UserMenu } from './UserMenu';

export function Shell({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { allows } = useSession();
  const meta = useLoad('meta', () => apiGet<{ hasSyntheticData: boolean }>('/api/v1/meta'));
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="brand">
          <Link href="/" className="brand-name">
            {t('app.name')}
          </Link>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('nav.main')}>
          <ul className="nav-list">
            {pages
              // Hides what the server would refuse; the server still checks every request.
              .filter((p) => p.inNav && (!p.access || allows(p.access)))
              .map((p) => (
                <li key={p.path}>
                  <Link href={p.path}>{t(p.navKey)}</Link>
                </li>
              ))}
          </ul>
        </nav>
        <div className="header-tools">
          <UserMenu />
          <button
            type="button"
            className="lang-switch"
            lang={lang === 'sv' ? 'en' : 'sv'}
            onClick={() => setLang(lang === 'sv' ? 'en' : 'sv')}
          >
            {t('app.switchTo')}
          </button>
        </div>
      </header>
      {meta.state === 'ready' && meta.data.hasSyntheticData && (
        <p className="banner-synthetic" role="note">
          {t('app.syntheticBanner')}
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
