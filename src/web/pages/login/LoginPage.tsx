import { useId, useRef, useState, type FormEvent } from 'react';
import type { AuthMethods } from '../../../contracts/identity';
import { ApiError, apiGet, localDetail } from '../../api';
import { useI18n } from '../../i18n/I18n';
import { Link, useRouter } from '../../router';
import { useSession } from '../../session/Session';
import { useLoad } from '../../useApi';
import { safeReturnTo } from './returnTo';
import './login.css';

// The methods endpoint may be missing on older servers: then only passwords exist.
async function loadMethods(): Promise<AuthMethods> {
  try {
    return await apiGet<AuthMethods>('/api/v1/auth/methods');
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return { password: true, oidc: false };
    throw err;
  }
}

export function LoginPage() {
  const { t, tn, lang } = useI18n();
  const { session, login } = useSession();
  const { query, navigate } = useRouter();
  const returnTo = safeReturnTo(query.get('returnTo'));
  const methods = useLoad('auth-methods', loadMethods);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const userId = useId();
  const passwordId = useId();
  const messageId = useId();

  const ended = query.get('avslutade');
  const notice =
    ended !== null
      ? tn('login.loggedOutEverywhere', Number(ended) || 0)
      : query.get('utloggad') !== null
        ? t('login.loggedOut')
        : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    // Emptied first so that the same message twice is announced twice.
    setMessage(null);
    if (!username.trim() || !password) {
      setMessage(t('login.missing'));
      return;
    }
    setBusy(true);
    try {
      await login(username, password);
      navigate(returnTo, { replace: true });
    } catch (err) {
      setMessage(failureText(err));
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const failureText = (err: unknown): string => {
    if (!(err instanceof ApiError)) return t('common.error', { message: String(err) });
    const detail = localDetail(err.message, lang);
    if (err.status !== 429 || err.retryAfter === null) return detail;
    const until = new Date(Date.now() + err.retryAfter * 1000);
    const time = until.toLocaleTimeString(lang === 'sv' ? 'sv-SE' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
    });
    return `${detail} ${t('login.lockedUntil', { time })}`;
  };

  if (session.status === 'ready' && !busy) {
    return (
      <section className="login-page">
        <h1>{t('login.title')}</h1>
        <p>{t('login.already', { name: session.principal.displayName })}</p>
        <p>
          <Link href={returnTo}>{t('login.continue')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="login-page">
      <h1>{t('login.title')}</h1>
      {notice && (
        <p className="status-ok" role="status">
          {notice}
        </p>
      )}
      <p>{t('login.intro')}</p>
      <form className="login-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor={userId}>{t('login.username')}</label>
          <input
            id={userId}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            aria-describedby={message ? messageId : undefined}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>{t('login.password')}</label>
          <input
            id={passwordId}
            ref={passwordRef}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            aria-describedby={message ? messageId : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div id={messageId} className="login-message" role="alert" aria-live="assertive">
          {message && <p className="form-error">{message}</p>}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      {methods.state === 'ready' && methods.data.oidc && (
        <div className="login-alternative">
          <p>{t('login.or')}</p>
          <a
            className="button-link"
            href={`/api/v1/auth/oidc/start?${new URLSearchParams({ returnTo }).toString()}`}
          >
            {t('login.oidc')}
          </a>
        </div>
      )}
    </section>
  );
}
