import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionAnswer } from '../../contracts/identity';
import type { Principal } from '../../domain/policy/principal';
import { can, type Action } from '../../domain/policy/policy';
import { ApiError, apiGet, apiSend, setCsrfToken, setUnauthorizedHandler } from '../api';

/**
 * Who is logged in, held once for the whole app. The UI uses it only to hide what the server
 * would refuse; every route still checks on the server.
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'ready'; principal: Principal; csrfToken: string };

export interface SessionValue {
  session: SessionState;
  principal: Principal | null;
  /** May the logged-in user do this anywhere at all? False when nobody is logged in. */
  allows: (action: Action) => boolean;
  login: (username: string, password: string) => Promise<Principal>;
  logout: () => Promise<void>;
  /** Ends every session of the user; returns how many were ended. */
  logoutEverywhere: () => Promise<number>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });

  const adopt = useCallback((answer: SessionAnswer | null) => {
    setCsrfToken(answer?.csrfToken ?? null);
    setSession(answer ? { status: 'ready', ...answer } : { status: 'anonymous' });
  }, []);

  const refresh = useCallback(async () => {
    try {
      adopt(await apiGet<SessionAnswer>('/api/v1/auth/session'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) adopt(null);
      else throw err;
    }
  }, [adopt]);

  useEffect(() => {
    refresh().catch(() => adopt(null));
    setUnauthorizedHandler(() => adopt(null));
    return () => setUnauthorizedHandler(null);
  }, [refresh, adopt]);

  const value = useMemo<SessionValue>(() => {
    const principal = session.status === 'ready' ? session.principal : null;
    return {
      session,
      principal,
      allows: (action) => can(principal, action),
      async login(username, password) {
        const answer = await apiSend<SessionAnswer>('POST', '/api/v1/auth/login', { username, password });
        adopt(answer);
        return answer.principal;
      },
      async logout() {
        try {
          await apiSend<void>('POST', '/api/v1/auth/logout');
        } catch (err) {
          // Already ended on the server: the user is logged out either way.
          if (!(err instanceof ApiError && err.status === 401)) throw err;
        }
        adopt(null);
      },
      async logoutEverywhere() {
        const { ended } = await apiSend<{ ended: number }>('POST', '/api/v1/auth/logout-everywhere');
        adopt(null);
        return ended;
      },
      refresh,
    };
  }, [session, adopt, refresh]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
