import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Principal, RoleAssignment } from '../../domain/policy/principal';
import { useI18n } from '../i18n/I18n';
import { useRouter } from '../router';
import { useSession } from '../session/Session';
import { ScopeText } from '../session/scope';

/**
 * Who is logged in, their roles and the logout buttons, behind one disclosure button in the
 * header (a plain disclosure, not an ARIA menu: Tab moves through it like any other content).
 */
export function LoggedInMenu({ principal }: { principal: Principal }) {
  const { t } = useI18n();
  const { logout, logoutEverywhere } = useSession();
  const { navigate } = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const hintId = useId();

  // Closes when focus or a click goes elsewhere on the page.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: Event) => {
      if (e.target instanceof Node && !wrapRef.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('focusin', onDown);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('focusin', onDown);
    };
  }, [open]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      setOpen(false);
      buttonRef.current?.focus();
    }
  };
  const run = async (action: () => Promise<string>) => {
    setError(null);
    try {
      const to = await action();
      setOpen(false);
      navigate(to);
    } catch (err) {
      setError(t('common.error', { message: err instanceof Error ? err.message : String(err) }));
    }
  };

  return (
    <div className="user-menu" ref={wrapRef} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <span className="visually-hidden">{t('user.menu')}: </span>
        {principal.displayName}
        <span aria-hidden="true"> ▾</span>
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-who">
          {t('user.loggedInAs', { name: principal.displayName, username: principal.username })}
        </p>
        <p className="muted">{t(`user.method.${principal.authMethod}`)}</p>
        <p className="user-menu-heading">{t('user.roles')}</p>
        <RoleList assignments={principal.assignments} />
        <div className="user-menu-actions">
          <button
            type="button"
            onClick={() =>
              void run(async () => {
                await logout();
                return '/logga-in?utloggad=1';
              })
            }
          >
            {t('user.logout')}
          </button>
          <button
            type="button"
            aria-describedby={hintId}
            onClick={() => void run(async () => `/logga-in?avslutade=${await logoutEverywhere()}`)}
          >
            {t('user.logoutEverywhere')}
          </button>
          <p id={hintId} className="hint">
            {t('user.logoutEverywhereHint')}
          </p>
        </div>
        {error && <p role="alert">{error}</p>}
      </div>
    </div>
  );
}

function RoleList({ assignments }: { assignments: RoleAssignment[] }) {
  const { t } = useI18n();
  if (assignments.length === 0) return <p>{t('user.noRoles')}</p>;
  return (
    <ul className="user-menu-roles" aria-label={t('user.roles')}>
      {assignments.map((a) => (
        <li key={a.id}>
          <strong>{t(`role.${a.role}`)}</strong> – <ScopeText scope={a.scope} />
        </li>
      ))}
    </ul>
  );
}
