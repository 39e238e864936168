import type { Principal, RoleAssignment } from '../domain/policy/principal.js';

/** An account as /api/v1/admin/accounts answers it. */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  hasPassword: boolean;
  oidcSubject: string | null;
  assignments: RoleAssignment[];
}

/** POST /api/v1/auth/login and GET /api/v1/auth/session. */
export interface SessionAnswer {
  principal: Principal;
  csrfToken: string;
}

/** GET /api/v1/auth/methods: the ways to log in that are on. */
export interface AuthMethods {
  password: boolean;
  oidc: boolean;
}

/** POST /api/v1/auth/logout-everywhere: how many sessions were ended. */
export interface LogoutEverywhere {
  ended: number;
}

/** GET /api/v1/meta: what the web app needs to know about this installation. */
export interface InstallationMeta {
  database: 'pglite' | 'postgres';
  demo: boolean;
  hasSyntheticData: boolean;
}

/** `POST /api/v1/admin/backups`: the backup a running embedded server wrote on its own host. */
export interface BackupMade {
  file: string;
  bytes: number;
  madeAt: string;
}
